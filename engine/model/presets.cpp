// Built-in networks, as the course notes describe them and Keras prints them.
#include "model/spec.h"

namespace cnn {

const std::vector<std::pair<std::string, std::string>>& spec_presets() {
  static const std::vector<std::pair<std::string, std::string>> presets = {
      // The classic Keras LeNet-5 variant: 61,706 parameters.
      {"lenet5",
       "conv 6 5x5 same relu; maxpool 2; conv 16 5x5 valid relu; maxpool 2; flatten; "
       "dense 120 relu; dense 84 relu; dense 10"},
      // The course notes' AlexNet (with batch norm, 10 classes): 58,327,818 parameters,
      // 2,752 of them the batch-norm moving statistics.
      {"alexnet",
       "input 227x227x3; conv 96 11x11 stride 4 valid relu; batchnorm; maxpool 3 stride 2; "
       "conv 256 5x5 same relu; batchnorm; maxpool 3 stride 2; conv 384 3x3 same relu; batchnorm; "
       "conv 384 3x3 same relu; batchnorm; conv 256 3x3 same relu; batchnorm; maxpool 2 stride 2; "
       "flatten; dense 4096 tanh; dropout 0.5; dense 4096 tanh; dropout 0.5; dense 10 softmax"},
      // VGG-16: 138,357,544 parameters.
      {"vgg16",
       "input 224x224x3; conv 64 3x3 same relu; conv 64 3x3 same relu; maxpool 2; "
       "conv 128 3x3 same relu; conv 128 3x3 same relu; maxpool 2; "
       "conv 256 3x3 same relu; conv 256 3x3 same relu; conv 256 3x3 same relu; maxpool 2; "
       "conv 512 3x3 same relu; conv 512 3x3 same relu; conv 512 3x3 same relu; maxpool 2; "
       "conv 512 3x3 same relu; conv 512 3x3 same relu; conv 512 3x3 same relu; maxpool 2; "
       "flatten; dense 4096 relu; dense 4096 relu; dense 1000 softmax"},
  };
  return presets;
}

}  // namespace cnn
