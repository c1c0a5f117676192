// Why residual connections work (notes 000-002): one deep stack of 3x3 convolutions built
// twice from the same seed, without and with identity shortcuts, and trained one after the
// other with the same settings; each run's loss and its per-layer gradient norms are kept
// (TrainingProgressed.grad_norms, the engine's), so the two can be drawn side by side. The
// model the user had is saved first and loaded back at the end: both runs stay in the Runs tab.
//
//   plain:    conv 8 3x3 stride 2 same sigmoid; conv 8 3x3 same sigmoid; conv 8 3x3 same sigmoid; ...
//   residual: conv 8 3x3 stride 2 same sigmoid; residual(conv 8 3x3 same sigmoid; conv 8 3x3 same); ...
//
// Both end in flatten; dense 10 and have the same parameters (a shortcut adds none). With
// sigmoid, 10 blocks (21 conv layers) and 2 x 2,000 samples, `cnnplay train --json` printed an
// input-side gradient norm of 1.5e-15 for the plain stack (10% test) and 0.21 for the residual
// one (82%).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "command_sink.h"
#include "engine_view.h"

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

// One of the two runs, as it went.
struct DeepRun {
  uint32_t build_request = 0, run_request = 0;
  std::vector<float> loss, samples;  // one point per progress event
  std::vector<float> grad_norms;     // the latest batch's, input side first
  bool ended = false;
  protocol::StopReason reason = protocol::StopReason::kFinished;
  double test_accuracy = -1;         // the last epoch's (-1: none finished)
  double last_loss = -1;             // the last epoch's training loss; while the first runs, the
                                     // last progress event's
};

class ResidualRace {
 public:
  enum class Phase { kIdle, kSaving, kBuilding, kTraining, kRestoring };

  bool active() const { return phase_ != Phase::kIdle; }
  Phase phase() const { return phase_; }
  int current() const { return current_; }  // 0: the plain stack, 1: the residual one
  const DeepRun& run(int i) const { return runs_[i]; }
  const DeepStack& stack() const { return stack_; }
  bool has_result() const { return runs_[0].ended || runs_[1].ended || !runs_[0].loss.empty(); }
  // How it ended, in the language shown: the model is back, or what went wrong. "" while it runs.
  std::string note() const;

  // Saves the current model, then builds and trains each stack with `settings` (from its own
  // fresh weights, the seed of `settings`), then loads the saved model back.
  void start(const DeepStack& stack, protocol::TrainSettings settings, const EngineView& view, CommandSink& sink);
  // Every event, after the view has applied it: the race's next step, and the Runs tab's names
  // for its runs ("Run 3: plain, 21 sigmoid conv layers").
  void on_event(const protocol::Event& e, EngineView& view, CommandSink& sink);
  // The Stop button: the run in progress stops, the next is not started, the model comes back.
  void stop(CommandSink& sink);
  // The engine restarted: whatever was asked is gone (the app restores its own backup).
  void forget();

 private:
  void build(int which, CommandSink& sink);
  enum class Why { kNone, kStopped, kStoppedFirst, kEngineError, kRestarted, kNotSaved, kNotLoadedBack };
  void restore(CommandSink& sink, Why why, std::string detail = {});

  Phase phase_ = Phase::kIdle;
  int current_ = 0;
  DeepStack stack_;
  protocol::TrainSettings settings_;
  DeepRun runs_[2];
  uint32_t save_request_ = 0, restore_request_ = 0;
  std::vector<uint8_t> saved_;
  std::string saved_name_;
  protocol::DatasetName saved_dataset_ = protocol::DatasetName::kMnist;
  bool stopping_ = false;
  Why why_ = Why::kNone;  // what ended it early, if anything
  std::string detail_;    // the engine's message for it
  bool back_ = false;     // the saved model is loaded again
};

}  // namespace cnn::ui
