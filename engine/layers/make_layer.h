// The one place where a LayerSpec becomes a Layer, for the model and for the paths inside
// blocks.
#pragma once

#include <memory>

#include "layers/layer.h"

namespace cnn {

std::unique_ptr<Layer> make_layer(const LayerSpec& spec, Shape3 in, Shape3 out);

}  // namespace cnn
