// A pair race: two networks built fresh from one seed and trained one after the other, each
// with its own settings (the same but for what is compared): the residual view's plain and
// residual stacks (ui/deep_stack.h), LeNet-5 without and with dropout. Each run's loss, its
// epochs and its per-layer gradient norms are kept (TrainingProgressed.grad_norms, the
// engine's), so the two can be drawn side by side. The model the user had is saved first and
// loaded back at the end: both runs stay in the Runs tab.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "command_sink.h"
#include "engine_view.h"

namespace cnn::ui {

// What one runner builds and how it trains.
struct PairRacer {
  std::string spec;                  // built fresh from settings.seed
  protocol::TrainSettings settings;  // trained from those weights (start is set to kCurrentWeights)
  std::string name;                  // in the Runs tab after "Run N: ": "plain, 21 sigmoid conv layers"
};

// One of the two runs, as it went.
struct PairRun {
  uint32_t build_request = 0, run_request = 0;
  std::vector<float> loss, samples;  // one point per progress event
  std::vector<float> grad_norms;     // the latest batch's, input side first
  bool ended = false;
  protocol::StopReason reason = protocol::StopReason::kFinished;
  double test_accuracy = -1;         // the last epoch's (-1: none finished)
  std::vector<float> train_accuracy, test_accuracy_by_epoch;  // one per finished epoch
  double last_loss = -1;             // the last epoch's training loss; while the first runs, the
                                     // last progress event's
};

class PairRace {
 public:
  enum class Phase { kIdle, kSaving, kBuilding, kTraining, kRestoring };

  bool active() const { return phase_ != Phase::kIdle; }
  Phase phase() const { return phase_; }
  int current() const { return current_; }  // the runner being built or trained: 0 or 1
  const PairRun& run(int i) const { return runs_[i]; }
  bool has_result() const { return runs_[0].ended || runs_[1].ended || !runs_[0].loss.empty(); }
  // How it ended, in the language shown: the model is back, or what went wrong. "" while it runs.
  std::string note() const;

  // Saves the current model, then builds and trains each racer, then loads the saved model back.
  void start(const PairRacer (&racers)[2], const EngineView& view, CommandSink& sink);
  // Every event, after the view has applied it: the race's next step, and the Runs tab's names
  // for its runs.
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
  PairRacer racers_[2];
  PairRun runs_[2];
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
