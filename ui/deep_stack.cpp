#include "deep_stack.h"

#include "i18n/language.h"

namespace cnn::ui {
namespace {

struct ActivationInfo {
  const char* label;  // English, for tr()
  const char* key;
  const char* word;   // in the spec
};
constexpr ActivationInfo kActivations[kDeepActivations] = {
    {N_("sigmoid"), "sigmoid", "sigmoid"},
    {N_("tanh"), "tanh", "tanh"},
    {N_("relu + batch norm"), "relu-bn", "relu"},
};

// One 3x3 convolution of the stack and its activation (none for a residual block's second,
// whose activation, if any, follows the addition).
std::string conv(DeepActivation a, const char* stride, bool activated) {
  const std::string head = std::string("conv 8 3x3 ") + stride + "same";
  if (a == DeepActivation::kReluBatchNorm) return head + " nobias; batchnorm" + (activated ? "; relu" : "");
  return activated ? head + " " + kActivations[int(a)].word : head;
}

}  // namespace

const char* deep_activation_label(DeepActivation a) { return kActivations[int(a)].label; }
const char* deep_activation_key(DeepActivation a) { return kActivations[int(a)].key; }

DeepStackParts deep_stack_parts(DeepActivation a, bool shortcuts) {
  DeepStackParts p;
  p.stem = conv(a, "stride 2 ", true);  // 28x28 to 14x14: a quarter of the work after it
  if (!shortcuts) {
    p.block = conv(a, "", true) + "; " + conv(a, "", true);
  } else {
    // y = x + F(x). After a sigmoid or tanh the sum stays as it is: squashed again, the
    // shortcut would shrink the gradient at every block as the plain stack does. ResNet's relu
    // follows the addition.
    p.block = "residual(" + conv(a, "", true) + "; " + conv(a, "", false) + ")";
    if (a == DeepActivation::kReluBatchNorm) p.block += " relu";
  }
  p.head = "flatten; dense 10";
  return p;
}

std::string deep_stack_spec(const DeepStack& s, bool shortcuts) {
  const DeepStackParts p = deep_stack_parts(s.activation, shortcuts);
  std::string spec = p.stem;
  for (int b = 0; b < s.blocks; ++b) spec += "; " + p.block;
  return spec + "; " + p.head;
}

const char* deep_stack_label(bool shortcuts) { return shortcuts ? tr("residual") : tr("plain"); }

void deep_stack_racers(const DeepStack& stack, const protocol::TrainSettings& settings, PairRacer (&racers)[2]) {
  for (int i = 0; i < 2; ++i) {
    racers[i].spec = deep_stack_spec(stack, i == 1);
    racers[i].settings = settings;
    racers[i].name = trf("%s, %d %s conv layers", deep_stack_label(i == 1), stack.conv_layers(),
                         tr(deep_activation_label(stack.activation)));
  }
}

}  // namespace cnn::ui
