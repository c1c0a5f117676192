// EngineView: the UI's snapshot of the engine, built only from events (apply()), read by
// every panel. Panels never ask the engine anything directly and never compute results:
// what they show is here, and what they want goes out through the CommandSink.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/messages.h"
#include "protocol/saved_session.h"

namespace cnn::ui {

namespace proto = cnn::protocol;

enum class TrainingState { kIdle, kDownloading, kRunning, kPaused };

// The course's names of the optimizers, and the learning rate each starts from in the page.
constexpr const char* kOptimizers[] = {"SGD", "Momentum", "Adam"};
constexpr float kDefaultLr[] = {0.05f, 0.01f, 0.001f};

// A run that ended, kept to be compared with the others (the Runs tab); saved between visits.
using RunRecord = proto::RunRecord;

struct EngineView {
  bool ready = false;                 // EngineReady seen
  std::string fatal;                  // the engine could not start (worker failed)

  // Model
  bool has_model = false;
  std::string model_name;
  proto::ModelSummary summary;
  int model_generation = 0;           // +1 on every ModelLoaded: stale predictions are re-run
  uint32_t model_request = 0;         // the command the latest ModelLoaded answers
  bool model_after_run = false;       // a model was loaded since the last run started: the
                                      // status names the model, not the old run's result
  // A preset built with BuildModel brings the settings it trains with (ModelLoaded.suggested);
  // the training panel adopts them once per generation.
  int suggestion_generation = 0;
  proto::TrainSettings suggested;
  std::string suggestion;             // why those settings

  // Prediction
  bool has_prediction = false;
  uint32_t prediction_id = 0;         // the Predict this answers
  std::vector<float> probs;           // 10
  std::vector<float> input;           // 28x28 the network saw
  std::string doubt;                  // the engine's reason the drawing may not be a digit, or ""
  int top_class = -1;
  float top_prob = 0;

  // Dataset: the one chosen (DatasetChosen, DatasetLoaded), and its download
  proto::DatasetName dataset = proto::DatasetName::kMnist;
  // What the model's outputs mean: the dataset of the run that trained it last (TrainingStarted);
  // MNIST for the shipped model, a file and a freshly built network. Its predictions are named
  // by it: a digit model shown a coat still answers digits.
  proto::DatasetName model_dataset = proto::DatasetName::kMnist;
  double download_loaded = 0, download_total = 0;
  int train_count = 0, test_count = 0;

  // Training
  TrainingState training = TrainingState::kIdle;
  proto::TrainSettings run_settings;
  proto::TrainingProgressed progress;  // the latest
  bool has_progress = false;
  std::vector<float> loss_curve, accuracy_curve;  // one point per progress event of the run
  std::vector<float> curve_samples;               // its x: samples trained so far
  std::vector<proto::EpochFinished> epochs;       // this run's finished epochs
  bool last_run_finished = false;
  bool has_stop = false;
  proto::TrainingStopped stop;                    // how the last run ended, and its weights
  std::string run_notice;  // the page's alert about the run: a diverged or failed run, the restore
  std::string stop_note;   // a run that ended well: its note (early stopping: the weights it kept)
                                                  // and where the model is now; "" otherwise
  std::vector<RunRecord> runs;                    // every run that ended, oldest first

  // Files
  std::vector<uint8_t> saved_model;   // ModelSaved bytes, taken by the platform layer
  bool saved_model_ready = false;

  // Teaching views: the engine's latest answers (panels match them to their requests by id)
  std::vector<proto::ConvolutionTraced> conv_traces;  // the last few, newest last
  bool has_pool_trace = false;
  proto::PoolingTraced pool_trace;
  bool has_inspection = false;
  proto::NetworkInspected inspection;
  std::vector<proto::SpecSummarized> spec_summaries;  // the newest kSpecAnswers, oldest first
  bool has_test_image = false;
  proto::TestImageProvided test_image;
  bool has_found_images = false;
  proto::TestImagesFound found_images;  // the newest: a confusion-matrix cell's test images
  bool has_optimizer_paths = false;
  proto::OptimizersTraced optimizer_paths;
  bool has_conv_backward = false;
  proto::ConvBackwardTraced conv_backward;  // the newest
  bool has_separable = false;
  proto::SeparableTraced separable;  // the newest
  bool has_dropout = false;
  proto::DropoutTraced dropout;      // the newest
  bool has_top_activations = false;
  proto::TopActivationsFound top_activations;  // the newest
  bool has_preview = false;
  proto::TrainingPreviewed preview;  // the newest: the run's first batch and rate per epoch

  // Messages
  uint32_t last_error_id = 0;         // the request the latest error answers (0: none)
  std::string last_error;
  double last_error_time = 0;
  int error_count = 0;
};

// Folds one event into the view. `now` (seconds) stamps errors so they can fade.
void apply(EngineView& view, const proto::Event& event, double now);

// The newest trace answering `request_id`, or null.
const proto::ConvolutionTraced* find_conv_trace(const EngineView& view, uint32_t request_id);
// SpecSummarized answers kept: every preset, and the texts an editor asked for lately.
constexpr size_t kSpecAnswers = 64;
// The answer for `spec` (a preset name or spec text), or null until it arrives.
const proto::SpecSummarized* find_spec_answer(const EngineView& view, const std::string& spec);
// Its summary, for a spec without an error.
const proto::ModelSummary* find_spec_summary(const EngineView& view, const std::string& spec);

// The datasets as the page names them: "MNIST", "Fashion-MNIST".
const char* dataset_title(proto::DatasetName dataset);
// Class `k` of `dataset` in the language shown: "7" for MNIST, "Sneaker" for Fashion-MNIST.
std::string class_name(proto::DatasetName dataset, int k);
// "finished", "stopped early": a run's end in a word or two, in the language shown.
const char* stop_reason_text(proto::StopReason reason);
// The last run diverged or failed: its notice is a warning and the page's alert. (Early
// stopping's notice, which epoch's weights were kept, is news.)
bool run_went_wrong(const EngineView& view);
// Early stopping gave the model an earlier epoch's weights than the run's last: that epoch,
// else 0.
int kept_best_epoch(const EngineView& view);
// One line for the ARIA live region #training-status.
std::string training_status_text(const EngineView& view);
// Which weights the model has after a run ended: "the end of epoch 2", "epoch 2 and 12,352
// samples of epoch 3", "the weights from before the run". "" while no run has ended.
std::string stopped_weights_text(const EngineView& view);
// "1.5e+26" for huge or tiny values, "%.*f" with `decimals` otherwise: a table cell or a
// legend that never grows past its column.
std::string compact_value(double value, int decimals);
// "12,352"
std::string grouped(int64_t value);
// "7 (98.1%)", or "" without a prediction. When the drawing may not be a digit, or the
// network is unsure (the top answer under kUnsure), a reason follows:
// "7 (98.1%), but it may not be a digit: it is very small ...".
constexpr float kUnsure = 0.6f;
std::string prediction_text(const EngineView& view);
// The reason alone ("" when the answer can be trusted as far as a network can be).
std::string prediction_doubt(const EngineView& view);

}  // namespace cnn::ui
