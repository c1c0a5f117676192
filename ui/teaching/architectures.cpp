#include "teaching/architectures.h"

#include "i18n/language.h"

namespace cnn::ui {

const std::vector<Architecture>& architectures() {
  using G = ArchitectureGroup;
  // Labels and notes in English (N_), translated where they are drawn (Model tab, network editor).
  // A label that is only the network's name (LeNet-5, AlexNet, ...) has no N_: it is the same in
  // every language, and tr() gives it back as it is.
  static const std::vector<Architecture> kArchitectures = {
      {"LeNet-5", "lenet5", "model_preset_lenet5", N_("LeCun et al. 1998: digits, 28x28 grey, trained here in the page."),
       G::kClassic, true},
      {N_("LeNet-5 with tanh (note 003)"), "lenet5-tanh", "model_preset_lenet5-tanh",
       N_("The course notes' Keras LeNet-5: tanh, max pooling, softmax; trained there with SGD 0.01, batch 128."),
       G::kClassic, true},
      {N_("LeNet-5, note 003's run (pixels 0..255)"), "lenet5-note003", "model_preset_lenet5-note003",
       N_("The same network as note 003 trains it, on pixels left at 0..255: 'rescale 255' first, no parameters."),
       G::kClassic, true},
      {N_("LeNet-5 with sigmoid (d2l)"), "lenet5-sigmoid", "model_preset_lenet5-sigmoid",
       N_("LeCun's own flavour as d2l writes it: sigmoid and average pooling."), G::kClassic, true},
      {N_("MLP baseline"), "mlp", "model_preset_mlp",
       N_("No convolution: one hidden layer of 77 units, about as many parameters as LeNet-5 (61,225)."), G::kClassic,
       true},
      {"AlexNet", "alexnet", "model_preset_alexnet",
       N_("Krizhevsky et al. 2012, as in the course notes: 227x227 colour images; needed two GPUs to train."), G::kClassic,
       false},
      {"VGG-16", "vgg16", "model_preset_vgg16",
       N_("Simonyan and Zisserman 2014: 3x3 convolutions only, 16 layers with weights."), G::kClassic, false},
      {N_("ResNet-50 (course)"), "resnet50-course", "model_preset_resnet50-course",
       N_("The course's ResNet50(input_shape=(64, 64, 3), classes=6): identity and convolutional blocks, the shortcut added before the ReLU."),
       G::kModern, false},
      {"ResNet-50", "resnet50", "model_preset_resnet50",
       N_("He et al. 2015, as Keras builds it: 224x224x3, 1000 classes, 16 bottleneck blocks (1x1, 3x3, 1x1)."), G::kModern,
       false},
      {"MobileNet", "mobilenet", "model_preset_mobilenet",
       N_("Howard et al. 2017: depthwise-separable convolutions (a 3x3 per channel, then a 1x1 across channels)."),
       G::kModern, false},
      {"MobileNetV2", "mobilenetv2", "model_preset_mobilenetv2",
       N_("Sandler et al. 2018: expansion 1x1, depthwise 3x3, projection 1x1, and a residual where the shapes agree."),
       G::kModern, false},
      {"InceptionV3", "inceptionv3", "model_preset_inceptionv3",
       N_("Szegedy et al. 2015: 1x1, 3x3, 5x5 (as 1x7 and 7x1) and pooling branches stacked along channels."), G::kModern,
       false},
      {N_("ResNet mini"), "resnet-mini", "model_preset_resnet-mini",
       N_("Residual blocks with batch norm, small enough to train on MNIST here."), G::kMini, true},
      {N_("MobileNet mini"), "mobilenet-mini", "model_preset_mobilenet-mini",
       N_("Depthwise-separable blocks with batch norm and ReLU6, small enough to train on MNIST here."), G::kMini, true},
      {N_("Inception mini"), "inception-mini", "model_preset_inception-mini",
       N_("Two Inception modules (1x1, 3x3, 5x5 and pooling branches), small enough to train on MNIST here."), G::kMini,
       true},
  };
  return kArchitectures;
}

const char* group_heading(ArchitectureGroup group) {
  switch (group) {
    case ArchitectureGroup::kClassic: return N_("The first half of the course");
    case ArchitectureGroup::kModern: return N_("The second half (summaries)");
    case ArchitectureGroup::kMini: return N_("Small versions that train on MNIST");
  }
  return "";
}

}  // namespace cnn::ui
