#include "protocol/engine_host.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "data/digit_preprocess.h"
#include "io/model_file.h"
#include "loss/softmax_xent.h"
#include "model/memory.h"
#include "protocol/teach_commands.h"
#include "train/batch_source.h"
#include "train/early_stopping.h"
#include "train/preset_settings.h"

namespace cnn::protocol {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

OptimizerKind engine_optimizer(Optimizer o) {
  switch (o) {
    case Optimizer::kSgd: return OptimizerKind::kSgd;
    case Optimizer::kMomentum: return OptimizerKind::kMomentum;
    case Optimizer::kAdam: return OptimizerKind::kAdam;
  }
  return OptimizerKind::kAdam;
}

// What BuildModel needs of a valid spec: the playground's digits in and ten classes out, and a
// network the engine can hold (Model::check_buildable). SummarizeSpec tells it in advance.
Status playground_fit(const ModelSpec& spec, const Summary& summary) {
  const bool digits = spec.input == Shape3{1, kDigitSide, kDigitSide};
  const bool classes = !summary.rows.empty() && summary.rows.back().output == Shape3{10, 1, 1};
  if (!digits || !classes)
    return make_error("this network takes " + spec.input.str() + " inputs and gives " +
                      (summary.rows.empty() ? std::string("nothing") : summary.rows.back().output.str()) +
                      "; the playground trains on 28x28x1 digits with 10 classes" +
                      (digits ? " (end it with 'dense 10')" : ""));
  return Model::check_buildable(spec, summary);
}

// Built twice per run: checked when training is asked for, then used once the data is there.
TrainConfig train_config(const TrainSettings& s) {
  TrainConfig config;
  config.epochs = s.epochs;
  config.batch = s.batch;
  config.optimizer.kind = engine_optimizer(s.optimizer);
  config.optimizer.lr = s.lr;
  config.optimizer.momentum = s.momentum;
  config.optimizer.beta1 = s.beta1;
  config.optimizer.beta2 = s.beta2;
  config.optimizer.weight_decay = s.weight_decay;
  config.seed = s.seed;
  config.augment.shift = s.augment.shift;
  config.augment.rotate = s.augment.rotate;
  config.augment.scale = s.augment.scale;
  if (s.lr_decay != 1.0f) {  // validate() refuses a decay outside (0, 1] or a step under 1
    config.schedule.kind = LrSchedule::Kind::kStep;
    config.schedule.gamma = s.lr_decay;
    config.schedule.step_epochs = s.decay_every;
  }
  return config;
}

Optimizer protocol_optimizer(OptimizerKind k) {
  switch (k) {
    case OptimizerKind::kSgd: return Optimizer::kSgd;
    case OptimizerKind::kMomentum: return Optimizer::kMomentum;
    case OptimizerKind::kAdam: return Optimizer::kAdam;
  }
  return Optimizer::kAdam;
}

ModelSummary to_protocol(const Summary& s, const ModelSpec& spec) {
  ModelSummary out;
  out.spec_text = to_text(spec);
  out.spec_lines = to_lines(spec);
  out.input = s.input.str();
  for (const cnn::SummaryRow& r : s.rows) out.rows.push_back({r.name, r.text, r.output.str(), r.params, r.macs, r.depth, r.path, r.block});
  out.params = s.params;
  out.trainable = s.trainable;
  out.macs = s.macs;
  return out;
}

constexpr int kEvalBatch = 500;
constexpr int kMaxPatience = 100;

// What train_config() and validate() do not check of the settings.
Status check_run_settings(const TrainSettings& s) {
  if (s.limit < 0) return make_error("limit " + std::to_string(s.limit) + " is negative");
  if (s.patience < 0 || s.patience > kMaxPatience)
    return make_error("early stopping: patience " + std::to_string(s.patience) + " is not in 0..100 epochs (0: off)");
  return ok_status();
}

}  // namespace

// The active run. Statistics since the last progress event feed TrainingProgressed; the
// epoch's running sums feed EpochFinished.
struct EngineHost::Run {
  uint32_t request_id = 0;
  TrainSettings settings;
  std::unique_ptr<Trainer> trainer;
  const Dataset* data = nullptr;
  int64_t samples_done = 0, total_samples = 0;
  double train_ms = 0;  // time spent in batches, pauses excluded
  // Since the last progress event.
  double tick_loss = 0;
  int tick_correct = 0, tick_count = 0;
  // This epoch.
  double epoch_loss = 0, epoch_ms = 0;
  int64_t epoch_correct = 0, epoch_count = 0;
  // Test-set evaluation after an epoch: in slices, between ticks.
  bool evaluating = false;
  int eval_epoch = 0, eval_position = 0;
  EvalTally eval{10};
  std::vector<int32_t> labels;
  // What a diverged or failed run rolls back to: the weights from before the run, then those
  // after each healthy epoch (test accuracy above chance). `restore_samples` as in
  // TrainingStopped::weights_samples.
  Model::Weights restore_weights;
  std::string restore_name;
  int64_t restore_samples = 0;
  std::string restore_text;  // "the model from before this run", "the end of epoch 2 (test accuracy 97.10%)"
  std::optional<EarlyStopping> early;  // TrainSettings::patience > 0
  int64_t kept_samples = -1;  // TrainingStopped::weights_samples when not samples_done (early stopping)
};

EngineHost::EngineHost() = default;
EngineHost::~EngineHost() = default;

bool EngineHost::busy() const { return state_ == RunState::kRunning || search_.has_value() || top_search_.has_value(); }

namespace {

// A search of the test set (TestImageSearch, TopActivationSearch) ended by a change of the
// weights: its answers would mix two models.
template <typename Search>
void stop_search(std::optional<Search>& search, const char* what_changed, std::vector<Event>& out) {
  if (!search) return;
  out.push_back(ErrorRaised{search->request_id(), std::string(what_changed) + " changed: the search of the test images was stopped"});
  search.reset();
}

// One slice of a search, and its answer once it is done; false when there is none to run.
template <typename Search>
bool step_search(std::optional<Search>& search, std::optional<Model>& model, const std::optional<Dataset>& test,
                 double budget_ms, std::vector<Event>& out) {
  if (!search || !model || !test) {
    search.reset();
    return false;
  }
  typename Search::Found found;
  if (search->step(*model, *test, budget_ms, found)) {
    search.reset();
    out.push_back(std::move(found));
  }
  return true;
}

// What a request that waited for the dataset was, for the message that refuses it.
template <typename Request>
std::string waiting_request_text(const Request& request) {
  if (const GetTestImage* g = std::get_if<GetTestImage>(&request)) return "test image " + std::to_string(g->index);
  if (std::holds_alternative<PreviewTraining>(request)) return "preview";
  return "top activations";
}

template <typename Request>
uint32_t waiting_request_id(const Request& request) {
  return std::visit([](const auto& m) { return m.request_id; }, request);
}

}  // namespace

void EngineHost::error(uint32_t request_id, std::string message, std::vector<Event>& out) const {
  out.push_back(ErrorRaised{request_id, std::move(message)});
}

ModelLoaded EngineHost::model_loaded(uint32_t request_id) const {
  ModelLoaded e;
  e.request_id = request_id;
  e.name = model_name_;
  Expected<Summary> s = summarize(model_->spec());
  if (s) e.summary = to_protocol(*s, model_->spec());
  return e;
}

void EngineHost::handle(const Command& command, std::vector<Event>& out) {
  std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        // A command that changes the weights ends a search of the test set: its answers would
        // mix two models.
        constexpr bool changes_weights = std::is_same_v<M, LoadModel> || std::is_same_v<M, BuildModel> ||
                                         std::is_same_v<M, RestoreShippedModel> || std::is_same_v<M, StepBatch> ||
                                         std::is_same_v<M, ResumeTraining> || std::is_same_v<M, StartTraining>;
        if (changes_weights) {
          stop_search(search_, "the model", out);
          stop_search(top_search_, "the model", out);
        }
        if constexpr (std::is_same_v<M, LoadModel>) {
          load_model(m, out);
        } else if constexpr (std::is_same_v<M, Predict>) {
          predict(m, out);
        } else if constexpr (std::is_same_v<M, StartTraining>) {
          start_training(m, out);
        } else if constexpr (std::is_same_v<M, PauseTraining>) {
          if (state_ != RunState::kRunning) return error(m.request_id, "nothing to pause: training is not running", out);
          state_ = RunState::kPaused;
          emit_progress(out);
          out.push_back(TrainingPaused{m.request_id});
        } else if constexpr (std::is_same_v<M, ResumeTraining>) {
          if (state_ != RunState::kPaused) return error(m.request_id, "nothing to resume: training is not paused", out);
          state_ = RunState::kRunning;
          out.push_back(TrainingResumed{m.request_id});
        } else if constexpr (std::is_same_v<M, StopTraining>) {
          if (state_ == RunState::kIdle) return error(m.request_id, "nothing to stop: training is not running", out);
          end_run(StopReason::kStopped, "", out);
        } else if constexpr (std::is_same_v<M, StepBatch>) {
          if (state_ != RunState::kPaused)
            return error(m.request_id, "step works while training is paused: start training, pause, then step", out);
          step(out, 1, 1e9);  // one batch, and the whole test set if it ended an epoch
          emit_progress(out);
        } else if constexpr (std::is_same_v<M, SaveModel>) {
          if (!model_) return error(m.request_id, "no model to save", out);
          out.push_back(ModelSaved{m.request_id, save_model(*model_)});
        } else if constexpr (std::is_same_v<M, GetSummary>) {
          if (!model_) return error(m.request_id, "no model loaded", out);
          out.push_back(model_loaded(m.request_id));
        } else if constexpr (std::is_same_v<M, ProvideDataset>) {
          provide_dataset(m, out);
        } else if constexpr (std::is_same_v<M, ChooseDataset>) {
          choose_dataset(m, out);
        } else if constexpr (std::is_same_v<M, TraceConvolution> || std::is_same_v<M, TracePooling> ||
                             std::is_same_v<M, TraceOptimizers> || std::is_same_v<M, TraceConvBackward> ||
                             std::is_same_v<M, TraceSeparable> || std::is_same_v<M, TraceDropout>) {
          out.push_back(answer(m));
        } else if constexpr (std::is_same_v<M, InspectNetwork>) {
          out.push_back(answer(m, model_ ? &*model_ : nullptr));  // between batches when training
        } else if constexpr (std::is_same_v<M, SummarizeSpec>) {
          summarize_spec(m, out);
        } else if constexpr (std::is_same_v<M, GetTestImage>) {
          get_test_image(m, out);
        } else if constexpr (std::is_same_v<M, FindTestImages>) {
          find_test_images(m, out);
        } else if constexpr (std::is_same_v<M, BuildModel>) {
          build_model(m, out);
        } else if constexpr (std::is_same_v<M, PreviewTraining>) {
          preview_training(m, out);
        } else if constexpr (std::is_same_v<M, FindTopActivations>) {
          find_top_activations(m, out);
        } else if constexpr (std::is_same_v<M, RestoreShippedModel>) {
          if (shipped_.bytes.empty()) return error(m.request_id, "no shipped model to restore", out);
          LoadModel again = shipped_;
          again.request_id = m.request_id;
          load_model(again, out);
        } else {
          static_assert(sizeof(M) == 0, "EngineHost::handle: a command without a handler");
        }
      },
      command);
}

void EngineHost::load_model(const LoadModel& m, std::vector<Event>& out) {
  const std::string name = m.name.empty() ? "model" : m.name;
  Expected<Model> loaded = cnn::load_model(m.bytes.data(), m.bytes.size(), name);
  if (!loaded) return error(m.request_id, loaded.error() + " (the current model is kept)", out);
  if (loaded->input_shape() != Shape3{1, kDigitSide, kDigitSide} || loaded->classes() != 10)
    return error(m.request_id,
                 name + ": takes " + loaded->input_shape().str() + " inputs and gives " +
                     std::to_string(loaded->classes()) + " classes; the playground needs 28x28x1 and 10 (the current model is kept)",
                 out);
  if (state_ != RunState::kIdle) end_run(StopReason::kStopped, "", out);  // the run trained the model being replaced
  model_.emplace(std::move(*loaded));
  model_name_ = name;
  if (m.shipped && &m != &shipped_) shipped_ = m;
  out.push_back(model_loaded(m.request_id));
}

void EngineHost::build_model(const BuildModel& m, std::vector<Event>& out) {
  Expected<ModelSpec> spec = parse_spec(m.spec);
  if (!spec) return error(m.request_id, spec.error() + " (the current model is kept)", out);
  Expected<Summary> summary = summarize(*spec);
  if (!summary) return error(m.request_id, summary.error() + " (the current model is kept)", out);
  Status fits = playground_fit(*spec, *summary);
  if (!fits) return error(m.request_id, fits.error() + " (the current model is kept)", out);
  Expected<Model> built = Model::build(*spec, m.seed);
  if (!built) return error(m.request_id, built.error() + " (the current model is kept)", out);
  if (state_ != RunState::kIdle) end_run(StopReason::kStopped, "", out);  // the run trained the model being replaced
  model_.emplace(std::move(*built));
  const PresetSettings* preset = preset_settings(m.spec);
  const std::string name = preset_name(m.spec);
  model_name_ = name.empty() ? "your network" : name;
  ModelLoaded e = model_loaded(m.request_id);
  if (preset) {
    e.has_suggested = true;
    e.suggested.optimizer = protocol_optimizer(preset->optimizer);
    e.suggested.lr = preset->lr;
    e.suggested.batch = preset->batch;
    e.suggested.lr_decay = preset->schedule.kind == LrSchedule::Kind::kConstant ? 1.0f : preset->schedule.gamma;
    e.suggested.decay_every = preset->schedule.kind == LrSchedule::Kind::kStep ? preset->schedule.step_epochs : 1;
    e.suggestion = preset->why;
  }
  out.push_back(std::move(e));
}

void EngineHost::predict(const Predict& m, std::vector<Event>& out) {
  if (!model_) return error(m.request_id, "no model loaded", out);
  if (m.width < 1 || m.height < 1 || m.width > kMaxPredictSide || m.height > kMaxPredictSide ||
      int64_t(m.pixels.size()) != int64_t(m.width) * m.height)
    return error(m.request_id,
                 "predict: " + std::to_string(m.pixels.size()) + " pixels for a " + std::to_string(m.width) + "x" +
                     std::to_string(m.height) + " image (sides 1.." + std::to_string(kMaxPredictSide) + ")",
                 out);
  std::vector<float> input;
  std::string doubt;
  if (m.preprocess) {
    input = preprocess_digit(m.pixels.data(), m.width, m.height);
    doubt = doubt_about_digit(m.pixels.data(), m.width, m.height);
  } else if (m.width == kDigitSide && m.height == kDigitSide) {
    input = m.pixels;
  } else {
    return error(m.request_id, "predict: without preprocessing the image must be 28x28", out);
  }
  x_.resize(1, model_->input_shape());
  std::copy(input.begin(), input.end(), x_.data());
  model_->predict(x_, probs_);
  Predicted p;
  p.request_id = m.request_id;
  p.probs.assign(probs_.data(), probs_.data() + probs_.size());
  p.input = std::move(input);
  p.doubt = std::move(doubt);
  out.push_back(std::move(p));
}

void EngineHost::start_training(const StartTraining& m, std::vector<Event>& out) {
  if (!model_) return error(m.request_id, "no model to train: load one first", out);
  if (state_ == RunState::kRunning || state_ == RunState::kPaused)
    return error(m.request_id, "training is already running: stop it first", out);
  const TrainSettings& s = m.settings;
  const TrainConfig config = train_config(s);
  // Checked now against the largest possible set, again against the real one in begin_run.
  Status valid = validate(config, train_ ? train_->count : 60000);
  if (!valid) return error(m.request_id, valid.error(), out);
  // The batch's activations and the optimizer's state, before anything is allocated.
  Status fits = check_memory(model_->spec(), MemoryUse{s.batch, kEvalBatch, true, engine_optimizer(s.optimizer)},
                             "training " + model_name_ + " with batch " + std::to_string(s.batch));
  if (!fits) return error(m.request_id, fits.error() + ": try a smaller batch", out);
  Status settings_ok = check_run_settings(s);
  if (!settings_ok) return error(m.request_id, settings_ok.error(), out);
  pending_start_ = m;
  if (!train_) {
    request_dataset(m.request_id, out);
    state_ = RunState::kWaitingForData;
    return;
  }
  begin_run(out);
}

void EngineHost::request_dataset(uint32_t request_id, std::vector<Event>& out) const {
  if (!waiting_for_data()) out.push_back(DatasetRequested{request_id, dataset_});
}

// What waited for the old dataset now waits for the new one: it is asked for at once, and the
// old one's files, should they still arrive, are dropped (provide_dataset).
void EngineHost::choose_dataset(const ChooseDataset& m, std::vector<Event>& out) {
  if (state_ == RunState::kRunning || state_ == RunState::kPaused)
    return error(m.request_id, "the dataset cannot change during training: stop the run first", out);
  if (m.dataset != dataset_) {
    stop_search(search_, "the dataset", out);
    stop_search(top_search_, "the dataset", out);
    dataset_ = m.dataset;
    train_.reset();
    test_.reset();
    train_view_.reset();
    if (waiting_for_data()) {
      const uint32_t id = state_ == RunState::kWaitingForData ? pending_start_.request_id : waiting_request_id(waiting_.front());
      out.push_back(DatasetRequested{id, dataset_});
    }
  }
  out.push_back(DatasetChosen{m.request_id, dataset_});
}

// A bad spec is an answer here, not a failure: an editor asks on every keystroke.
void EngineHost::summarize_spec(const SummarizeSpec& m, std::vector<Event>& out) const {
  SpecSummarized e;
  e.request_id = m.request_id;
  e.name = m.spec;
  SpecLocation at;
  Expected<ModelSpec> spec = parse_spec(m.spec, &at);
  Expected<Summary> s = spec ? summarize(*spec) : Expected<Summary>(make_error(spec.error()));
  if (!s) {
    e.error = s.error();
    e.error_offset = at.offset;
  } else {
    e.summary = to_protocol(*s, *spec);
    Status fits = playground_fit(*spec, *s);
    if (!fits) e.build_problem = fits.error();
  }
  out.push_back(std::move(e));
}

// The weights must hold still while the test set is searched: not during a run, and a command
// that changes them stops the search (handle). A newer search replaces an older one, which is
// not answered.
void EngineHost::find_test_images(const FindTestImages& m, std::vector<Event>& out) {
  if (!model_) return error(m.request_id, "no model loaded", out);
  if (state_ == RunState::kRunning || state_ == RunState::kWaitingForData)
    return error(m.request_id, "the test images of a cell can be looked up once training has stopped or paused", out);
  if (!test_) return error(m.request_id, "the test set is not loaded yet: train first (it is downloaded then)", out);
  if (m.label < 0 || m.label >= model_->classes() || m.predicted < 0 || m.predicted >= model_->classes() ||
      m.max < 1 || m.max > kMaxFoundImages)
    return error(m.request_id,
                 "find test images: classes 0.." + std::to_string(model_->classes() - 1) + " and 1.." +
                     std::to_string(kMaxFoundImages) + " images, not " + std::to_string(m.label) + ", " +
                     std::to_string(m.predicted) + " and " + std::to_string(m.max),
                 out);
  search_.emplace(m, model_->classes());
}

// Checked at once against the model; the search starts when the test set is there (asked for
// if need be, the newest request only).
void EngineHost::find_top_activations(const FindTopActivations& m, std::vector<Event>& out) {
  if (!model_) return error(m.request_id, "no model loaded", out);
  if (state_ == RunState::kRunning || state_ == RunState::kWaitingForData)
    return error(m.request_id, "the test images that excite a channel can be looked up once training has stopped or paused", out);
  Expected<TopActivationSearch> search = TopActivationSearch::start(m, *model_);
  if (!search) return error(m.request_id, search.error(), out);
  if (!test_) return wait_for_data(m, out);
  top_search_.emplace(std::move(*search));
}

void EngineHost::get_test_image(const GetTestImage& m, std::vector<Event>& out) {
  if (m.index < 0) return error(m.request_id, "test image " + std::to_string(m.index) + ": the index must be 0 or more", out);
  if (test_) return answer_test_image(m, out);
  wait_for_data(m, out);
}

void EngineHost::wait_for_data(WaitingRequest request, std::vector<Event>& out) {
  request_dataset(waiting_request_id(request), out);
  if (!std::holds_alternative<GetTestImage>(request))  // an older one of its kind is not answered
    waiting_.erase(std::remove_if(waiting_.begin(), waiting_.end(),
                                  [&](const WaitingRequest& w) { return w.index() == request.index(); }),
                   waiting_.end());
  waiting_.push_back(std::move(request));
}

void EngineHost::answer_waiting(const WaitingRequest& request, std::vector<Event>& out) {
  if (const GetTestImage* g = std::get_if<GetTestImage>(&request)) return answer_test_image(*g, out);
  if (const PreviewTraining* p = std::get_if<PreviewTraining>(&request)) return answer_preview(*p, out);
  find_top_activations(std::get<FindTopActivations>(request), out);
}

void EngineHost::answer_test_image(const GetTestImage& m, std::vector<Event>& out) const {
  const int count = test_->count;
  if (m.index >= count)
    return error(m.request_id,
                 "test image " + std::to_string(m.index) + " does not exist: the test set has " + std::to_string(count) +
                     " images (0.." + std::to_string(count - 1) + ")",
                 out);
  TestImageProvided e;
  e.request_id = m.request_id;
  e.index = m.index;
  e.count = count;
  Tensor x;  // not x_: that one may hold a test-set slice being evaluated
  test_->slice(m.index, 1, x, &e.label);
  e.pixels.assign(x.data(), x.data() + x.size());  // scaled as the network sees it: x / 255
  out.push_back(std::move(e));
}

// The settings are checked as StartTraining checks them; images need the training set, so a
// preview that wants them waits for it like a run (the newest preview only).
void EngineHost::preview_training(const PreviewTraining& m, std::vector<Event>& out) {
  const TrainConfig config = train_config(m.settings);
  Status valid = validate(config, train_ ? train_->count : 60000);
  if (valid) valid = check_run_settings(m.settings);
  if (!valid) return error(m.request_id, valid.error(), out);
  if (m.count < 0 || m.count > kMaxPreviewImages)
    return error(m.request_id, "preview: " + std::to_string(m.count) + " images is not in 0..32", out);
  if (m.count == 0 || train_) return answer_preview(m, out);
  wait_for_data(m, out);
}

void EngineHost::answer_preview(const PreviewTraining& m, std::vector<Event>& out) const {
  const TrainSettings& s = m.settings;
  const TrainConfig config = train_config(s);
  TrainingPreviewed e;
  e.request_id = m.request_id;
  for (int epoch = 0; epoch < s.epochs; ++epoch) e.lr.push_back(config.schedule.lr_at(config.optimizer.lr, epoch));
  if (m.count > 0) {
    // The run's own first batch: the same training samples, order and augmentation draws.
    const Dataset& data = *train_;
    const int samples = s.limit > 0 && s.limit < data.count ? s.limit : data.count;
    const int n = std::min({m.count, config.batch, samples});
    BatchSource batches(data, samples, config.seed, config.augment);
    batches.shuffle();
    Tensor x;
    e.labels.resize(size_t(n));
    data.gather(batches.order().data(), n, x, e.labels.data());
    e.originals = Image{n, data.rows, data.cols, std::vector<float>(x.data(), x.data() + x.size())};
    batches.gather(0, n, x, e.labels.data());
    e.augmented = Image{n, data.rows, data.cols, std::vector<float>(x.data(), x.data() + x.size())};
  }
  out.push_back(std::move(e));
}

void EngineHost::provide_dataset(const ProvideDataset& m, std::vector<Event>& out) {
  if (state_ == RunState::kRunning || state_ == RunState::kPaused)
    return error(m.request_id, "datasets cannot change during training", out);
  if (m.dataset != dataset_) return;  // asked for before ChooseDataset: the new request stands
  Expected<Dataset> train = make_error(m.failure), test = make_error(m.failure);
  if (m.failure.empty()) {
    train = make_dataset(m.train_images.data(), m.train_images.size(), m.train_labels.data(), m.train_labels.size(),
                         "train");
    test = make_dataset(m.test_images.data(), m.test_images.size(), m.test_labels.data(), m.test_labels.size(), "test");
  }
  const std::string problem = !train ? train.error() : !test ? test.error() : "";
  const bool shape_ok = train && test && train->rows == kDigitSide && train->cols == kDigitSide &&
                        test->rows == kDigitSide && test->cols == kDigitSide;
  std::vector<WaitingRequest> waiting;
  waiting.swap(waiting_);
  if (!problem.empty() || !shape_ok) {
    if (state_ == RunState::kWaitingForData) state_ = RunState::kIdle;
    const std::string why = problem.empty() ? std::string("dataset: images must be 28x28") : problem;
    error(m.request_id, why, out);
    // Whatever waited is answered: a request that shares the id has its answer above.
    for (const WaitingRequest& w : waiting)
      if (waiting_request_id(w) != m.request_id)
        error(waiting_request_id(w), waiting_request_text(w) + ": the dataset did not load (" + why + ")", out);
    return;
  }
  train_.emplace(std::move(*train));
  test_.emplace(std::move(*test));
  out.push_back(DatasetLoaded{m.request_id, train_->count, test_->count, dataset_});
  for (const WaitingRequest& w : waiting) answer_waiting(w, out);
  if (state_ == RunState::kWaitingForData) begin_run(out);
}

void EngineHost::begin_run(std::vector<Event>& out) {
  const TrainSettings& s = pending_start_.settings;
  const uint32_t id = pending_start_.request_id;
  state_ = RunState::kIdle;
  const Dataset* data = &*train_;
  if (s.limit > 0 && s.limit < train_->count) {
    train_view_.emplace(first_samples(*train_, s.limit));
    data = &*train_view_;
  }
  const TrainConfig config = train_config(s);
  Status valid = validate(config, data->count);
  if (!valid) return error(id, valid.error(), out);

  run_ = std::make_unique<Run>();
  run_->restore_weights = model_->copy_weights();
  run_->restore_name = model_name_;
  run_->restore_text = "the model from before this run (" + model_name_ + ")";
  if (s.start == StartFrom::kFreshInit) {
    model_->init(s.seed);
    model_name_ = "fresh " + model_name_;
    out.push_back(model_loaded(id));
  }
  run_->request_id = id;
  run_->settings = s;
  run_->data = data;
  run_->trainer = std::make_unique<Trainer>(*model_, *data, config);
  run_->total_samples = int64_t(s.epochs) * data->count;
  if (s.patience > 0) run_->early.emplace(s.patience);
  state_ = RunState::kRunning;
  out.push_back(TrainingStarted{id, s, run_->total_samples});
}

bool EngineHost::train_one_batch(std::vector<Event>& out) {
  Run& r = *run_;
  const int epoch_before = r.trainer->epoch();
  const auto t0 = Clock::now();
  Expected<BatchResult> b = r.trainer->train_batch();
  const double ms = ms_since(t0);
  if (!b) {
    end_run(r.trainer->diverged() ? StopReason::kDiverged : StopReason::kFailed, b.error(), out);
    return false;
  }
  r.train_ms += ms;
  r.epoch_ms += ms;
  r.samples_done += b->count;
  r.tick_loss += b->loss * b->count;
  r.tick_correct += b->correct;
  r.tick_count += b->count;
  r.epoch_loss += b->loss * b->count;
  r.epoch_correct += b->correct;
  r.epoch_count += b->count;
  if (r.trainer->epoch() != epoch_before) {
    r.evaluating = true;
    r.eval_epoch = epoch_before + 1;
    r.eval_position = 0;
    r.eval = EvalTally(model_->classes());
  }
  return true;
}

void EngineHost::evaluate_slice(double budget_ms, std::vector<Event>& out) {
  Run& r = *run_;
  const auto t0 = Clock::now();
  const Dataset& test = *test_;
  r.labels.resize(kEvalBatch);
  do {
    const int n = std::min(kEvalBatch, test.count - r.eval_position);
    if (n <= 0) break;
    test.slice(r.eval_position, n, x_, r.labels.data());
    r.eval.add(model_->forward(x_, Mode::kInference).data(), r.labels.data(), n);
    r.eval_position += n;
  } while (ms_since(t0) < budget_ms);
  if (r.eval_position < test.count) return;
  const EvalResult tested = r.eval.result();

  EpochFinished e;
  e.request_id = r.request_id;
  e.epoch = r.eval_epoch;
  e.train_loss = r.epoch_count ? r.epoch_loss / double(r.epoch_count) : 0;
  e.train_accuracy = r.epoch_count ? double(r.epoch_correct) / double(r.epoch_count) : 0;
  e.test_loss = tested.loss;
  e.test_accuracy = tested.accuracy;
  e.confusion.assign(tested.confusion.begin(), tested.confusion.end());
  e.seconds = r.epoch_ms / 1000.0;
  const bool stop_early = r.early && r.early->observe(e.epoch, e.test_loss, *model_, r.samples_done);
  if (r.early) e.best_epoch = r.early->best_epoch();
  out.push_back(e);
  r.evaluating = false;
  r.epoch_loss = 0;
  r.epoch_correct = r.epoch_count = 0;
  r.epoch_ms = 0;
  if (e.test_accuracy > DivergenceWatch::kChanceFactor / model_->classes() && std::isfinite(e.test_loss)) {
    r.restore_weights = model_->copy_weights();
    r.restore_name = model_name_;
    r.restore_samples = r.samples_done;
    char buf[96];
    std::snprintf(buf, sizeof buf, "the end of epoch %d (test accuracy %.2f%%)", e.epoch, e.test_accuracy * 100);
    r.restore_text = buf;
  }
  if (r.early && (stop_early || r.trainer->finished())) return end_at_best(stop_early, out);
  if (r.trainer->finished()) end_run(StopReason::kFinished, "", out);
}

void EngineHost::end_at_best(bool stopped_early, std::vector<Event>& out) {
  Run& r = *run_;
  const EarlyStopping& early = *r.early;
  const bool restore = early.past_best(r.eval_epoch);
  std::string message;
  if (restore || stopped_early) message = early.message(r.eval_epoch, stopped_early);
  if (restore) {
    model_->restore_weights(early.best_weights());
    r.kept_samples = early.best_samples();
  }
  const uint32_t id = r.request_id;
  end_run(stopped_early ? StopReason::kEarlyStopped : StopReason::kFinished, message, out);
  if (restore) out.push_back(model_loaded(id));  // as a roll-back: the run's result stays the status
}

// Trains up to max_batches (0: no limit) for about budget_ms, then evaluates when an epoch
// ended. At least one unit of work is done.
void EngineHost::step(std::vector<Event>& out, int max_batches, double budget_ms) {
  const auto t0 = Clock::now();
  int batches = 0;
  while (run_) {
    if (run_->evaluating) {
      evaluate_slice(budget_ms - ms_since(t0), out);
      if (max_batches > 0) break;
    } else {
      if (!train_one_batch(out)) return;
      ++batches;
      if (max_batches > 0 && batches >= max_batches && !run_->evaluating) break;
    }
    if (max_batches == 0 && ms_since(t0) >= budget_ms) break;
  }
}

void EngineHost::tick(double budget_ms, std::vector<Event>& out) {
  // No run trains while a search looks (both refuse to start during a run).
  if (step_search(top_search_, model_, test_, budget_ms, out)) return;
  if (step_search(search_, model_, test_, budget_ms, out)) return;
  if (state_ != RunState::kRunning || !run_) return;
  step(out, 0, budget_ms);
  if (run_) emit_progress(out);
}

void EngineHost::emit_progress(std::vector<Event>& out) {
  if (!run_) return;
  Run& r = *run_;
  TrainingProgressed p;
  p.request_id = r.request_id;
  p.epoch = std::min(r.trainer->epoch(), r.settings.epochs - 1);
  p.epochs = r.settings.epochs;
  p.samples_done = r.samples_done;
  p.total_samples = r.total_samples;
  p.samples_per_s = r.train_ms > 0 ? r.samples_done / (r.train_ms / 1000.0) : 0;
  p.seconds_left = p.samples_per_s > 0 ? double(r.total_samples - r.samples_done) / p.samples_per_s : 0;
  p.loss = r.tick_count ? r.tick_loss / r.tick_count : 0;
  p.accuracy = r.tick_count ? double(r.tick_correct) / r.tick_count : 0;
  p.lr = r.trainer->current_lr();
  if (r.tick_count == 0) return;  // nothing new to report
  p.grad_norms = r.trainer->grad_norms();
  r.tick_loss = 0;
  r.tick_correct = r.tick_count = 0;
  out.push_back(p);
}

void EngineHost::end_run(StopReason reason, const std::string& message, std::vector<Event>& out) {
  TrainingStopped stopped;
  stopped.request_id = run_ ? run_->request_id : pending_start_.request_id;
  stopped.reason = reason;
  stopped.message = message;
  bool rolled_back = false;
  if (run_) {
    emit_progress(out);
    stopped.weights_samples = run_->kept_samples >= 0 ? run_->kept_samples : run_->samples_done;
    if (reason == StopReason::kDiverged || reason == StopReason::kFailed) {
      model_->restore_weights(run_->restore_weights);
      model_name_ = run_->restore_name;
      stopped.weights_samples = run_->restore_samples;
      stopped.message += " The model is back to " + run_->restore_text + ".";
      rolled_back = true;
    }
  }
  run_.reset();
  train_view_.reset();
  state_ = RunState::kIdle;
  const uint32_t id = stopped.request_id;
  out.push_back(std::move(stopped));
  if (rolled_back) out.push_back(model_loaded(id));
}

}  // namespace cnn::protocol
