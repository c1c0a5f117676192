// The residual view's stacks (notes 000-002): one deep stack of 3x3 convolutions, written
// without and with identity shortcuts; the residual view trains both from one seed
// (ui/pair_race.h).
//
//   plain:    conv 8 3x3 stride 2 same sigmoid; conv 8 3x3 same sigmoid; conv 8 3x3 same sigmoid; ...
//   residual: conv 8 3x3 stride 2 same sigmoid; residual(conv 8 3x3 same sigmoid; conv 8 3x3 same); ...
//
// Both end in flatten; dense 10 and have the same parameters (a shortcut adds none). With
// sigmoid, 10 blocks (21 conv layers) and 2 x 2,000 samples, `cnnplay train --json` printed an
// input-side gradient norm of 1.5e-15 for the plain stack (10% test) and 0.21 for the residual
// one (82%).
#pragma once

#include <string>

#include "pair_race.h"

namespace cnn::ui {

enum class DeepActivation { kSigmoid, kTanh, kReluBatchNorm };
constexpr int kDeepActivations = 3;
const char* deep_activation_label(DeepActivation a);  // English, for tr(): "sigmoid", "relu + batch norm"
const char* deep_activation_key(DeepActivation a);    // the link's word: sigmoid, tanh, relu-bn

struct DeepStack {
  static constexpr int kMinBlocks = 1, kMaxBlocks = 15;
  int blocks = 10;  // each two 3x3 convolutions (a residual block's worth) after the stride-2 stem
  DeepActivation activation = DeepActivation::kSigmoid;
  int conv_layers() const { return 1 + 2 * blocks; }
};

// The stack's spec text, with identity shortcuts around each block or without: the stem, the
// block `blocks` times, the head.
struct DeepStackParts {
  std::string stem, block, head;
};
DeepStackParts deep_stack_parts(DeepActivation activation, bool shortcuts);
std::string deep_stack_spec(const DeepStack& stack, bool shortcuts);
// "plain" or "residual", in the language shown.
const char* deep_stack_label(bool shortcuts);
// The residual view's race: the plain stack, then the residual one, each with `settings`
// (their seed builds both), named "plain, 21 sigmoid conv layers" in the Runs tab.
void deep_stack_racers(const DeepStack& stack, const protocol::TrainSettings& settings, PairRacer (&racers)[2]);

}  // namespace cnn::ui
