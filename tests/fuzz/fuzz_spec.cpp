// libFuzzer: spec text (model/spec.h) is parsed or refused with a message; a spec that parses
// is summarised, prints to text that parses back to the same text, and, when it is small
// (memory need under 32 MB for a batch of 2), builds, runs forward and one training step.
#include <cstdint>
#include <string>
#include <vector>

#include "model/memory.h"
#include "model/model.h"
#include "optim/optimizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  cnn::Expected<cnn::ModelSpec> spec = cnn::parse_spec(text);
  if (!spec) return 0;
  cnn::Expected<cnn::Summary> summary = cnn::summarize(*spec);
  const std::string printed = cnn::to_text(*spec);
  cnn::Expected<cnn::ModelSpec> again = cnn::parse_spec(printed);
  if (!again || cnn::to_text(*again) != printed) __builtin_trap();
  if (!summary) return 0;
  cnn::Expected<cnn::MemoryNeed> need =
      cnn::memory_need(*spec, cnn::MemoryUse{2, 0, true, cnn::OptimizerKind::kAdam});
  if (!need || need->total().overflowed() || need->total().value() > 32 * 1000 * 1000) return 0;
  cnn::Expected<cnn::Model> model = cnn::Model::build(*spec, 1);
  if (!model) return 0;
  cnn::Tensor x(2, model->input_shape());
  for (int64_t i = 0; i < x.size(); ++i) x[i] = float(i % 7) * 0.25f - 0.5f;
  const int32_t labels[2] = {0, 1 % model->classes()};
  model->forward_backward(x, labels);
  cnn::Optimizer optimizer(cnn::OptimizerConfig{}, model->params());
  optimizer.step(1e-3f);
  cnn::Tensor probs;
  model->predict(x, probs);
  return 0;
}
