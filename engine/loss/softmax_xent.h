// Softmax fused with cross-entropy, the classifier's loss.
//
//   logits [N][K], labels [N] in 0..K-1
//   p = softmax(logits) computed as exp(z - max z) / sum exp(z - max z), so no exp overflows;
//   loss = mean_n( log(sum_k exp(z_nk - m_n)) - (z_n,label - m_n) )   (never log(0))
//   dlogits = (p - onehot(label)) / N
#pragma once

#include <cstdint>

namespace cnn {

struct LossStats {
  double loss = 0.0;  // mean over the batch
  int correct = 0;    // argmax(logits) == label
  int count = 0;
};

// probs and dlogits may be null when not wanted.
LossStats f32_softmax_xent__scalar(int n, int classes, const float* logits, const int32_t* labels, float* probs,
                                   float* dlogits);

void f32_softmax__scalar(int n, int classes, const float* logits, float* probs);

}  // namespace cnn
