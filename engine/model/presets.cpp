// Built-in networks, as the course notes describe them and Keras prints them.
#include <cctype>

#include "model/spec.h"

namespace cnn {

const std::vector<std::pair<std::string, std::string>>& spec_presets() {
  static const std::vector<std::pair<std::string, std::string>> presets = {
      // The classic Keras LeNet-5 variant: 61,706 parameters.
      {"lenet5",
       "conv 6 5x5 same relu; maxpool 2; conv 16 5x5 valid relu; maxpool 2; flatten; "
       "dense 120 relu; dense 84 relu; dense 10"},
      // Note 003's Keras LeNet-5 (tanh, max pooling, softmax): 61,706 parameters, trained
      // there with SGD 0.01, batch 128 (train/preset_settings.cpp).
      {"lenet5-tanh",
       "conv 6 5x5 same tanh; maxpool 2; conv 16 5x5 valid tanh; maxpool 2; flatten; "
       "dense 120 tanh; dense 84 tanh; dense 10 softmax"},
      // The same trained as note 003 trains it, on pixels left at 0..255: the engine's 0..1
      // data times 255 (rescaling, no parameters), with note 003's SGD 0.01, batch 128.
      {"lenet5-note003",
       "rescale 255; conv 6 5x5 same tanh; maxpool 2; conv 16 5x5 valid tanh; maxpool 2; flatten; "
       "dense 120 tanh; dense 84 tanh; dense 10 softmax"},
      // LeCun's own flavour as d2l (note 003) writes it: sigmoid and average pooling (d2l pads
      // the 28x28 digits to 32x32 for a valid first convolution; 'same' is the same here).
      {"lenet5-sigmoid",
       "conv 6 5x5 same sigmoid; avgpool 2; conv 16 5x5 valid sigmoid; avgpool 2; flatten; "
       "dense 120 sigmoid; dense 84 sigmoid; dense 10"},
      // A multilayer perceptron with about LeNet-5's parameters (61,225): what convolution buys.
      {"mlp", "flatten; dense 77 relu; dense 10"},
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
      // Small versions that train on MNIST in the page (README: "Modern networks, small"):
      // real residual, depthwise-separable and Inception blocks with batch norm, each ending
      // as the course's ResNet50 does (an average pool, flatten, dense) and trained with the
      // settings of train/preset_settings.cpp. 3x3 stride-2 pools over the 7x7 maps, so that
      // every cell counts.
      {"resnet-mini",
       "input 28x28x1; conv 8 3x3 same nobias; batchnorm; relu; maxpool 2; "
       "residual(conv 8 3x3 same nobias; batchnorm; relu; conv 8 3x3 same nobias; batchnorm) relu; "
       "residual(conv 16 3x3 stride 2 same nobias; batchnorm; relu; conv 16 3x3 same nobias; batchnorm | "
       "conv 16 1x1 stride 2 nobias; batchnorm) relu; "
       "residual(conv 16 3x3 same nobias; batchnorm; relu; conv 16 3x3 same nobias; batchnorm) relu; "
       "avgpool 3 stride 2; flatten; dense 10"},
      {"mobilenet-mini",
       "input 28x28x1; conv 16 3x3 stride 2 same nobias; batchnorm; relu6; "
       "dwconv 3x3 same nobias; batchnorm; relu6; conv 32 1x1 nobias; batchnorm; relu6; "
       "dwconv 3x3 stride 2 same nobias; batchnorm; relu6; conv 64 1x1 nobias; batchnorm; relu6; "
       "dwconv 3x3 same nobias; batchnorm; relu6; conv 64 1x1 nobias; batchnorm; relu6; "
       "avgpool 3 stride 2; flatten; dense 10"},
      {"inception-mini",
       "input 28x28x1; conv 16 3x3 same nobias; batchnorm; relu; maxpool 2; "
       "parallel(conv 8 1x1 relu | conv 8 1x1 relu; conv 16 3x3 same relu | conv 4 1x1 relu; conv 8 5x5 same relu | "
       "maxpool 3 stride 1 same; conv 8 1x1 relu); maxpool 2; "
       "parallel(conv 16 1x1 relu | conv 16 1x1 relu; conv 24 3x3 same relu | conv 4 1x1 relu; conv 8 5x5 same relu | "
       "maxpool 3 stride 1 same; conv 8 1x1 relu); "
       "avgpool 3 stride 2; flatten; dense 10"},
      // Keras-exact networks (summaries only: each is more than this engine trains). Written
      // from Keras Applications' resnet.py, mobilenet.py, mobilenet_v2.py and inception_v3.py and
      // from the course notes' ResNet50(input_shape=(64, 64, 3), classes=6); tests/model/
      // presets_test.cpp checks the totals and non-trainable counts Keras prints. Where Keras
      // writes ZeroPadding2D, so do these; a stride-2 'same' convolution on an even input gives
      // the size Keras gives (Keras pads 0 before and 1 after, these 1 and 1).
      {"resnet50-course",
       "input 64x64x3; zeropad 3; conv 64 7x7 stride 2; batchnorm; relu; maxpool 3 stride 2; "
       "residual(conv 64 1x1; batchnorm; relu; conv 64 3x3 same; batchnorm; relu; conv 256 1x1; batchnorm | "
       "conv 256 1x1; batchnorm) relu; "
       "residual(conv 64 1x1; batchnorm; relu; conv 64 3x3 same; batchnorm; relu; conv 256 1x1; batchnorm) relu; "
       "residual(conv 64 1x1; batchnorm; relu; conv 64 3x3 same; batchnorm; relu; conv 256 1x1; batchnorm) relu; "
       "residual(conv 128 1x1 stride 2; batchnorm; relu; conv 128 3x3 same; batchnorm; relu; conv 512 1x1; batchnorm | "
       "conv 512 1x1 stride 2; batchnorm) relu; "
       "residual(conv 128 1x1; batchnorm; relu; conv 128 3x3 same; batchnorm; relu; conv 512 1x1; batchnorm) relu; "
       "residual(conv 128 1x1; batchnorm; relu; conv 128 3x3 same; batchnorm; relu; conv 512 1x1; batchnorm) relu; "
       "residual(conv 128 1x1; batchnorm; relu; conv 128 3x3 same; batchnorm; relu; conv 512 1x1; batchnorm) relu; "
       "residual(conv 256 1x1 stride 2; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm | "
       "conv 1024 1x1 stride 2; batchnorm) relu; "
       "residual(conv 256 1x1; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm) relu; "
       "residual(conv 256 1x1; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm) relu; "
       "residual(conv 256 1x1; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm) relu; "
       "residual(conv 256 1x1; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm) relu; "
       "residual(conv 256 1x1; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm) relu; "
       "residual(conv 512 1x1 stride 2; batchnorm; relu; conv 512 3x3 same; batchnorm; relu; conv 2048 1x1; batchnorm | "
       "conv 2048 1x1 stride 2; batchnorm) relu; "
       "residual(conv 512 1x1; batchnorm; relu; conv 512 3x3 same; batchnorm; relu; conv 2048 1x1; batchnorm) relu; "
       "residual(conv 512 1x1; batchnorm; relu; conv 512 3x3 same; batchnorm; relu; conv 2048 1x1; batchnorm) relu; "
       "avgpool 2; flatten; dense 6 softmax"
      },
      {"resnet50",
       "input 224x224x3; zeropad 3; conv 64 7x7 stride 2; batchnorm; relu; zeropad 1; maxpool 3 stride 2; "
       "residual(conv 64 1x1; batchnorm; relu; conv 64 3x3 same; batchnorm; relu; conv 256 1x1; batchnorm | "
       "conv 256 1x1; batchnorm) relu; "
       "residual(conv 64 1x1; batchnorm; relu; conv 64 3x3 same; batchnorm; relu; conv 256 1x1; batchnorm) relu; "
       "residual(conv 64 1x1; batchnorm; relu; conv 64 3x3 same; batchnorm; relu; conv 256 1x1; batchnorm) relu; "
       "residual(conv 128 1x1 stride 2; batchnorm; relu; conv 128 3x3 same; batchnorm; relu; conv 512 1x1; batchnorm | "
       "conv 512 1x1 stride 2; batchnorm) relu; "
       "residual(conv 128 1x1; batchnorm; relu; conv 128 3x3 same; batchnorm; relu; conv 512 1x1; batchnorm) relu; "
       "residual(conv 128 1x1; batchnorm; relu; conv 128 3x3 same; batchnorm; relu; conv 512 1x1; batchnorm) relu; "
       "residual(conv 128 1x1; batchnorm; relu; conv 128 3x3 same; batchnorm; relu; conv 512 1x1; batchnorm) relu; "
       "residual(conv 256 1x1 stride 2; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm | "
       "conv 1024 1x1 stride 2; batchnorm) relu; "
       "residual(conv 256 1x1; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm) relu; "
       "residual(conv 256 1x1; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm) relu; "
       "residual(conv 256 1x1; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm) relu; "
       "residual(conv 256 1x1; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm) relu; "
       "residual(conv 256 1x1; batchnorm; relu; conv 256 3x3 same; batchnorm; relu; conv 1024 1x1; batchnorm) relu; "
       "residual(conv 512 1x1 stride 2; batchnorm; relu; conv 512 3x3 same; batchnorm; relu; conv 2048 1x1; batchnorm | "
       "conv 2048 1x1 stride 2; batchnorm) relu; "
       "residual(conv 512 1x1; batchnorm; relu; conv 512 3x3 same; batchnorm; relu; conv 2048 1x1; batchnorm) relu; "
       "residual(conv 512 1x1; batchnorm; relu; conv 512 3x3 same; batchnorm; relu; conv 2048 1x1; batchnorm) relu; "
       "globalavgpool; dense 1000 softmax"
      },
      {"mobilenet",
       "input 224x224x3; conv 32 3x3 stride 2 same nobias; batchnorm; relu6; dwconv 3x3 same nobias; "
       "batchnorm; relu6; conv 64 1x1 nobias; batchnorm; relu6; zeropad 0 1 0 1; "
       "dwconv 3x3 stride 2 nobias; batchnorm; relu6; conv 128 1x1 nobias; batchnorm; relu6; "
       "dwconv 3x3 same nobias; batchnorm; relu6; conv 128 1x1 nobias; batchnorm; relu6; zeropad 0 1 0 1; "
       "dwconv 3x3 stride 2 nobias; batchnorm; relu6; conv 256 1x1 nobias; batchnorm; relu6; "
       "dwconv 3x3 same nobias; batchnorm; relu6; conv 256 1x1 nobias; batchnorm; relu6; zeropad 0 1 0 1; "
       "dwconv 3x3 stride 2 nobias; batchnorm; relu6; conv 512 1x1 nobias; batchnorm; relu6; "
       "dwconv 3x3 same nobias; batchnorm; relu6; conv 512 1x1 nobias; batchnorm; relu6; "
       "dwconv 3x3 same nobias; batchnorm; relu6; conv 512 1x1 nobias; batchnorm; relu6; "
       "dwconv 3x3 same nobias; batchnorm; relu6; conv 512 1x1 nobias; batchnorm; relu6; "
       "dwconv 3x3 same nobias; batchnorm; relu6; conv 512 1x1 nobias; batchnorm; relu6; "
       "dwconv 3x3 same nobias; batchnorm; relu6; conv 512 1x1 nobias; batchnorm; relu6; zeropad 0 1 0 1; "
       "dwconv 3x3 stride 2 nobias; batchnorm; relu6; conv 1024 1x1 nobias; batchnorm; relu6; "
       "dwconv 3x3 same nobias; batchnorm; relu6; conv 1024 1x1 nobias; batchnorm; relu6; globalavgpool; "
       "dropout 0.001; conv 1000 1x1; flatten; softmax"
      },
      {"mobilenetv2",
       "input 224x224x3; conv 32 3x3 stride 2 same nobias; batchnorm; relu6; dwconv 3x3 same nobias; "
       "batchnorm; relu6; conv 16 1x1 nobias; batchnorm; conv 96 1x1 nobias; batchnorm; relu6; "
       "zeropad 0 1 0 1; dwconv 3x3 stride 2 nobias; batchnorm; relu6; conv 24 1x1 nobias; batchnorm; "
       "residual(conv 144 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; conv 24 1x1 nobias; batchnorm); "
       "conv 144 1x1 nobias; batchnorm; relu6; zeropad 0 1 0 1; dwconv 3x3 stride 2 nobias; batchnorm; "
       "relu6; conv 32 1x1 nobias; batchnorm; "
       "residual(conv 192 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; conv 32 1x1 nobias; batchnorm); "
       "residual(conv 192 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; conv 32 1x1 nobias; batchnorm); "
       "conv 192 1x1 nobias; batchnorm; relu6; zeropad 0 1 0 1; dwconv 3x3 stride 2 nobias; batchnorm; "
       "relu6; conv 64 1x1 nobias; batchnorm; "
       "residual(conv 384 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; conv 64 1x1 nobias; batchnorm); "
       "residual(conv 384 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; conv 64 1x1 nobias; batchnorm); "
       "residual(conv 384 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; conv 64 1x1 nobias; batchnorm); "
       "conv 384 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; "
       "conv 96 1x1 nobias; batchnorm; "
       "residual(conv 576 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; conv 96 1x1 nobias; batchnorm); "
       "residual(conv 576 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; conv 96 1x1 nobias; batchnorm); "
       "conv 576 1x1 nobias; batchnorm; relu6; zeropad 0 1 0 1; dwconv 3x3 stride 2 nobias; batchnorm; "
       "relu6; conv 160 1x1 nobias; batchnorm; "
       "residual(conv 960 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; conv 160 1x1 nobias; batchnorm); "
       "residual(conv 960 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; conv 160 1x1 nobias; batchnorm); "
       "conv 960 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; "
       "conv 320 1x1 nobias; batchnorm; conv 1280 1x1 nobias; batchnorm; relu6; globalavgpool; "
       "dense 1000 softmax"
      },
      {"inceptionv3",
       "input 299x299x3; conv 32 3x3 stride 2 valid nobias; batchnorm noscale; relu; "
       "conv 32 3x3 valid nobias; batchnorm noscale; relu; conv 64 3x3 same nobias; batchnorm noscale; "
       "relu; maxpool 3 stride 2; conv 80 1x1 nobias; batchnorm noscale; relu; conv 192 3x3 valid nobias; "
       "batchnorm noscale; relu; maxpool 3 stride 2; "
       "parallel(conv 64 1x1 nobias; batchnorm noscale; relu | "
       "conv 48 1x1 nobias; batchnorm noscale; relu; conv 64 5x5 same nobias; batchnorm noscale; relu | "
       "conv 64 1x1 nobias; batchnorm noscale; relu; conv 96 3x3 same nobias; batchnorm noscale; relu; conv 96 3x3 same nobias; batchnorm noscale; relu | "
       "avgpool 3 stride 1 same; conv 32 1x1 nobias; batchnorm noscale; relu); "
       "parallel(conv 64 1x1 nobias; batchnorm noscale; relu | "
       "conv 48 1x1 nobias; batchnorm noscale; relu; conv 64 5x5 same nobias; batchnorm noscale; relu | "
       "conv 64 1x1 nobias; batchnorm noscale; relu; conv 96 3x3 same nobias; batchnorm noscale; relu; conv 96 3x3 same nobias; batchnorm noscale; relu | "
       "avgpool 3 stride 1 same; conv 64 1x1 nobias; batchnorm noscale; relu); "
       "parallel(conv 64 1x1 nobias; batchnorm noscale; relu | "
       "conv 48 1x1 nobias; batchnorm noscale; relu; conv 64 5x5 same nobias; batchnorm noscale; relu | "
       "conv 64 1x1 nobias; batchnorm noscale; relu; conv 96 3x3 same nobias; batchnorm noscale; relu; conv 96 3x3 same nobias; batchnorm noscale; relu | "
       "avgpool 3 stride 1 same; conv 64 1x1 nobias; batchnorm noscale; relu); "
       "parallel(conv 384 3x3 stride 2 valid nobias; batchnorm noscale; relu | "
       "conv 64 1x1 nobias; batchnorm noscale; relu; conv 96 3x3 same nobias; batchnorm noscale; relu; conv 96 3x3 stride 2 valid nobias; batchnorm noscale; relu | "
       "maxpool 3 stride 2); "
       "parallel(conv 192 1x1 nobias; batchnorm noscale; relu | "
       "conv 128 1x1 nobias; batchnorm noscale; relu; conv 128 1x7 same nobias; batchnorm noscale; relu; conv 192 7x1 same nobias; batchnorm noscale; relu | "
       "conv 128 1x1 nobias; batchnorm noscale; relu; conv 128 7x1 same nobias; batchnorm noscale; relu; conv 128 1x7 same nobias; batchnorm noscale; relu; conv 128 7x1 same nobias; batchnorm noscale; relu; conv 192 1x7 same nobias; batchnorm noscale; relu | "
       "avgpool 3 stride 1 same; conv 192 1x1 nobias; batchnorm noscale; relu); "
       "parallel(conv 192 1x1 nobias; batchnorm noscale; relu | "
       "conv 160 1x1 nobias; batchnorm noscale; relu; conv 160 1x7 same nobias; batchnorm noscale; relu; conv 192 7x1 same nobias; batchnorm noscale; relu | "
       "conv 160 1x1 nobias; batchnorm noscale; relu; conv 160 7x1 same nobias; batchnorm noscale; relu; conv 160 1x7 same nobias; batchnorm noscale; relu; conv 160 7x1 same nobias; batchnorm noscale; relu; conv 192 1x7 same nobias; batchnorm noscale; relu | "
       "avgpool 3 stride 1 same; conv 192 1x1 nobias; batchnorm noscale; relu); "
       "parallel(conv 192 1x1 nobias; batchnorm noscale; relu | "
       "conv 160 1x1 nobias; batchnorm noscale; relu; conv 160 1x7 same nobias; batchnorm noscale; relu; conv 192 7x1 same nobias; batchnorm noscale; relu | "
       "conv 160 1x1 nobias; batchnorm noscale; relu; conv 160 7x1 same nobias; batchnorm noscale; relu; conv 160 1x7 same nobias; batchnorm noscale; relu; conv 160 7x1 same nobias; batchnorm noscale; relu; conv 192 1x7 same nobias; batchnorm noscale; relu | "
       "avgpool 3 stride 1 same; conv 192 1x1 nobias; batchnorm noscale; relu); "
       "parallel(conv 192 1x1 nobias; batchnorm noscale; relu | "
       "conv 192 1x1 nobias; batchnorm noscale; relu; conv 192 1x7 same nobias; batchnorm noscale; relu; conv 192 7x1 same nobias; batchnorm noscale; relu | "
       "conv 192 1x1 nobias; batchnorm noscale; relu; conv 192 7x1 same nobias; batchnorm noscale; relu; conv 192 1x7 same nobias; batchnorm noscale; relu; conv 192 7x1 same nobias; batchnorm noscale; relu; conv 192 1x7 same nobias; batchnorm noscale; relu | "
       "avgpool 3 stride 1 same; conv 192 1x1 nobias; batchnorm noscale; relu); "
       "parallel(conv 192 1x1 nobias; batchnorm noscale; relu; conv 320 3x3 stride 2 valid nobias; batchnorm noscale; relu | "
       "conv 192 1x1 nobias; batchnorm noscale; relu; conv 192 1x7 same nobias; batchnorm noscale; relu; conv 192 7x1 same nobias; batchnorm noscale; relu; conv 192 3x3 stride 2 valid nobias; batchnorm noscale; relu | "
       "maxpool 3 stride 2); "
       "parallel(conv 320 1x1 nobias; batchnorm noscale; relu | "
       "conv 384 1x1 nobias; batchnorm noscale; relu; parallel(conv 384 1x3 same nobias; batchnorm noscale; relu | "
       "conv 384 3x1 same nobias; batchnorm noscale; relu) | "
       "conv 448 1x1 nobias; batchnorm noscale; relu; conv 384 3x3 same nobias; batchnorm noscale; relu; parallel(conv 384 1x3 same nobias; batchnorm noscale; relu | "
       "conv 384 3x1 same nobias; batchnorm noscale; relu) | "
       "avgpool 3 stride 1 same; conv 192 1x1 nobias; batchnorm noscale; relu); "
       "parallel(conv 320 1x1 nobias; batchnorm noscale; relu | "
       "conv 384 1x1 nobias; batchnorm noscale; relu; parallel(conv 384 1x3 same nobias; batchnorm noscale; relu | "
       "conv 384 3x1 same nobias; batchnorm noscale; relu) | "
       "conv 448 1x1 nobias; batchnorm noscale; relu; conv 384 3x3 same nobias; batchnorm noscale; relu; parallel(conv 384 1x3 same nobias; batchnorm noscale; relu | "
       "conv 384 3x1 same nobias; batchnorm noscale; relu) | "
       "avgpool 3 stride 1 same; conv 192 1x1 nobias; batchnorm noscale; relu); "
       "globalavgpool; dense 1000 softmax"
      },
  };
  return presets;
}

std::string preset_name(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  for (const auto& preset : spec_presets())
    if (preset.first == text) return preset.first;
  return "";
}

std::string preset_names() {
  std::string names;
  for (const auto& preset : spec_presets()) names += (names.empty() ? "" : ", ") + preset.first;
  return names;
}

}  // namespace cnn
