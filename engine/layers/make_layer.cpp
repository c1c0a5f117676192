#include "layers/make_layer.h"

#include "layers/activation/activation.h"
#include "layers/batchnorm/batchnorm.h"
#include "layers/block/block.h"
#include "layers/conv2d/conv2d.h"
#include "layers/dense/dense.h"
#include "layers/dropout/dropout.h"
#include "layers/dwconv2d/dwconv2d.h"
#include "layers/flatten/flatten.h"
#include "layers/globalavgpool/globalavgpool.h"
#include "layers/pool2d/pool2d.h"
#include "layers/rescale/rescale.h"
#include "layers/zeropad/zeropad.h"

namespace cnn {

std::unique_ptr<Layer> make_layer(const LayerSpec& spec, Shape3 in, Shape3 out) {
  switch (spec.kind) {
    case LayerKind::kConv2D: return std::make_unique<Conv2D>(spec, in, out);
    case LayerKind::kDepthwiseConv2D: return std::make_unique<DepthwiseConv2D>(spec, in, out);
    case LayerKind::kMaxPool2D: return std::make_unique<MaxPool2D>(spec, in, out);
    case LayerKind::kAvgPool2D: return std::make_unique<AvgPool2D>(spec, in, out);
    case LayerKind::kGlobalAvgPool: return std::make_unique<GlobalAvgPool>(spec, in, out);
    case LayerKind::kZeroPad: return std::make_unique<ZeroPad>(spec, in, out);
    case LayerKind::kDense: return std::make_unique<Dense>(spec, in, out);
    case LayerKind::kFlatten: return std::make_unique<Flatten>(spec, in, out);
    case LayerKind::kDropout: return std::make_unique<Dropout>(spec, in, out);
    case LayerKind::kRescale: return std::make_unique<Rescale>(spec, in, out);
    case LayerKind::kBatchNorm: return std::make_unique<BatchNorm>(spec, in, out);
    case LayerKind::kResidual:
    case LayerKind::kParallel: return std::make_unique<Block>(spec, in, out);
    default: return std::make_unique<Activation>(spec, in, out);
  }
}

}  // namespace cnn
