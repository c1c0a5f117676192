// EngineHost: the engine behind the protocol. It owns the current model, the datasets and
// the training run, turns each Command into Events, and trains in time slices.
//
// Nothing here waits: handle() answers a command at once, and tick(budget_ms) trains
// batches (or evaluates the test set after an epoch) for about budget_ms and returns. The
// loop that drives the host (the Web Worker's setTimeout loop, or ThreadTransport's
// thread) calls handle() for every command that arrived between two ticks, so Pause and
// Predict are answered within one slice, and a prediction during training sees the
// weights of the last finished batch.
//
//   EngineHost host;                    // the driver announces EngineReady
//   host.handle(LoadModel{...}, out);   // ModelLoaded or ErrorRaised (old model kept)
//   host.handle(StartTraining{...}, out);
//   while (host.busy()) host.tick(20, out);
//
// Commands that need the dataset (StartTraining, GetTestImage, ...) wait for it: the first one
// raises DatasetRequested (one request at a time), and ProvideDataset then serves every command
// that waited. ChooseDataset switches between MNIST and Fashion-MNIST. The teaching commands (protocol/teach_commands.h) change no state.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "model/model.h"
#include "protocol/messages.h"
#include "protocol/test_search.h"
#include "protocol/top_search.h"
#include "train/trainer.h"

namespace cnn::protocol {

class EngineHost {
 public:
  EngineHost();
  ~EngineHost();

  void handle(const Command& command, std::vector<Event>& out);
  // Trains (or evaluates) for about budget_ms when a run is active; at least one batch.
  void tick(double budget_ms, std::vector<Event>& out);
  // True while a run is active and not paused, or a search runs: the driver should keep
  // calling tick().
  bool busy() const;
  bool has_model() const { return model_.has_value(); }
  bool has_dataset() const { return train_.has_value(); }
  DatasetName dataset() const { return dataset_; }  // the chosen one, loaded or not
  // A DatasetRequested for `dataset` still wants its files: it is the chosen one and not loaded
  // (a request raised before ChooseDataset changed it, or before the files came, does not).
  bool needs_dataset(DatasetName dataset) const { return dataset == dataset_ && !train_; }

 private:
  enum class RunState { kIdle, kWaitingForData, kRunning, kPaused };
  struct Run;  // the active training run (trainer, timing, epoch statistics)

  void load_model(const LoadModel& m, std::vector<Event>& out);
  void build_model(const BuildModel& m, std::vector<Event>& out);
  void predict(const Predict& m, std::vector<Event>& out);
  void start_training(const StartTraining& m, std::vector<Event>& out);
  void begin_run(std::vector<Event>& out);
  void provide_dataset(const ProvideDataset& m, std::vector<Event>& out);
  void choose_dataset(const ChooseDataset& m, std::vector<Event>& out);
  void get_test_image(const GetTestImage& m, std::vector<Event>& out);
  void answer_test_image(const GetTestImage& m, std::vector<Event>& out) const;
  void summarize_spec(const SummarizeSpec& m, std::vector<Event>& out) const;
  void find_test_images(const FindTestImages& m, std::vector<Event>& out);
  void preview_training(const PreviewTraining& m, std::vector<Event>& out);
  void find_top_activations(const FindTopActivations& m, std::vector<Event>& out);
  void answer_preview(const PreviewTraining& m, std::vector<Event>& out) const;
  // Raises DatasetRequested unless a request is already out.
  void request_dataset(uint32_t request_id, std::vector<Event>& out) const;
  bool waiting_for_data() const { return state_ == RunState::kWaitingForData || !waiting_.empty(); }
  // A request that needs the dataset and came before it (GetTestImage, PreviewTraining,
  // FindTopActivations): asks for the dataset and keeps it, the newest preview and the newest
  // search only, to be answered or refused when the dataset arrives.
  using WaitingRequest = std::variant<GetTestImage, PreviewTraining, FindTopActivations>;
  void wait_for_data(WaitingRequest request, std::vector<Event>& out);
  void answer_waiting(const WaitingRequest& request, std::vector<Event>& out);
  void step(std::vector<Event>& out, int max_batches, double budget_ms);
  bool train_one_batch(std::vector<Event>& out);
  void evaluate_slice(double budget_ms, std::vector<Event>& out);
  void emit_progress(std::vector<Event>& out);
  // Ends the run; a diverged or failed one rolls the weights back (Run::restore_weights).
  void end_run(StopReason reason, const std::string& message, std::vector<Event>& out);
  // Ends a run with early stopping on: stopped early, or at its last epoch; the model gets the
  // best epoch's weights if a later epoch changed them.
  void end_at_best(bool stopped_early, std::vector<Event>& out);
  ModelLoaded model_loaded(uint32_t request_id) const;
  void error(uint32_t request_id, std::string message, std::vector<Event>& out) const;

  std::optional<Model> model_;
  std::string model_name_;
  DatasetName dataset_ = DatasetName::kMnist;
  std::optional<Dataset> train_, test_;  // dataset_'s, once provided
  std::optional<Dataset> train_view_;  // first `limit` samples of train_, when limited
  Tensor probs_, x_;
  RunState state_ = RunState::kIdle;
  StartTraining pending_start_;
  std::vector<WaitingRequest> waiting_;  // asked before the dataset arrived (wait_for_data)
  // Searches of the test set in progress, the newest of each kind; one runs per tick.
  std::optional<TestImageSearch> search_;          // FindTestImages
  std::optional<TopActivationSearch> top_search_;  // FindTopActivations
  std::unique_ptr<Run> run_;
  LoadModel shipped_;  // the last LoadModel marked shipped (RestoreShippedModel)
};

}  // namespace cnn::protocol
