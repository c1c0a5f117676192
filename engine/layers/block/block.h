// Block: a residual or a parallel block, its paths each a LayerSequence from the same input.
//
//   residual(MAIN):            y = MAIN(x) + x            dx = dMAIN + dy
//   residual(MAIN | SHORTCUT): y = MAIN(x) + SHORTCUT(x)  dx = dMAIN + dSHORTCUT
//   parallel(B1 | ... | Bk):   y[:, offset_p + c] = Bp(x)[:, c] (channels stacked in order)
//                              dx = sum over p of dBp, each from its slice of dy
// Parameters, buffers and initialisation go path by path, in the order written (so a model
// file and the optimizer see the main path before the shortcut, branch 1 before branch 2).
#pragma once

#include <vector>

#include "layers/block/sequence.h"
#include "layers/layer.h"

namespace cnn {

class Block : public Layer {
 public:
  Block(const LayerSpec& spec, Shape3 in, Shape3 out);

  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
  void init(Rng& rng, InitScheme scheme) override { init_paths(rng, scheme, scheme); }
  void init_paths(Rng& rng, InitScheme requested, InitScheme at_end);
  std::vector<ParamRef> params() override;
  std::vector<Tensor*> buffers() override;
  void set_dropout_rng(Rng* rng) override;

  int path_count() const { return int(paths_.size()); }
  LayerSequence& path(int p) { return paths_[size_t(p)]; }
  const LayerSequence& path(int p) const { return paths_[size_t(p)]; }

 private:
  std::vector<LayerSequence> paths_;
  Tensor dy_path_, dx_path_;  // parallel: one branch's slice of dy; any block: a path's dx
};

}  // namespace cnn
