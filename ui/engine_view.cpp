#include "engine_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <type_traits>

#include "i18n/language.h"

namespace cnn::ui {

namespace {

// The run that just ended, as a record: its settings, curves and epochs.
void keep_run(EngineView& v, const proto::TrainingStopped& e) {
  RunRecord r;
  r.number = v.runs.empty() ? 1 : v.runs.back().number + 1;
  r.model_name = v.model_name;
  r.params = v.summary.params;
  r.settings = v.run_settings;
  r.reason = e.reason;
  r.samples_done = v.progress.samples_done;
  r.samples_per_s = v.progress.samples_per_s;
  r.loss_curve = v.loss_curve;
  r.accuracy_curve = v.accuracy_curve;
  r.curve_samples = v.curve_samples;
  r.epochs = v.epochs;
  const int o = std::clamp(int(r.settings.optimizer), 0, 2);
  r.name = trf("Run %d: %s %g, batch %d", r.number, tr(kOptimizers[o]), double(r.settings.lr), r.settings.batch);
  // What a race over L2 or augmentation varies, so that its runs' names differ.
  char more[96] = "";
  const proto::Augmentation& a = r.settings.augment;
  if (r.settings.weight_decay > 0) std::snprintf(more, sizeof more, ", L2 %g", double(r.settings.weight_decay));
  if (a.shift > 0 || a.rotate > 0 || a.scale > 0)
    std::snprintf(more + std::strlen(more), sizeof more - std::strlen(more), ", %s %g/%g/%g", tr("augmented"),
                  double(a.shift), double(a.rotate), double(a.scale));
  r.name += more;
  r.dataset = v.dataset;
  if (r.dataset != proto::DatasetName::kMnist) r.name += std::string(", ") + dataset_title(r.dataset);
  v.runs.push_back(std::move(r));
}

}  // namespace

void apply(EngineView& v, const proto::Event& event, double now) {
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, proto::EngineReady>) {
          v.ready = true;
        } else if constexpr (std::is_same_v<E, proto::ModelLoaded>) {
          v.has_model = true;
          v.model_name = e.name;
          v.summary = e.summary;
          ++v.model_generation;
          v.model_request = e.request_id;
          if (e.has_suggested) {
            v.suggested = e.suggested;
            v.suggestion = e.suggestion;
            ++v.suggestion_generation;
          }
          // A roll-back's ModelLoaded answers the run's own request: the run stays the status.
          v.model_after_run = !(v.has_stop && e.request_id == v.stop.request_id && !v.stop.message.empty());
          // A model loaded: an older error (a refused file) no longer describes the state.
          if (v.model_after_run) v.last_error.clear();
          // The shipped model and a file learned digits as far as the page knows, and a built one
          // nothing yet (the app names a kept run's model by its run's dataset).
          if (v.model_after_run) v.model_dataset = proto::DatasetName::kMnist;
        } else if constexpr (std::is_same_v<E, proto::Predicted>) {
          v.has_prediction = !e.probs.empty();
          v.prediction_id = e.request_id;
          v.probs = e.probs;
          v.input = e.input;
          v.doubt = e.doubt;
          v.top_class = -1;
          v.top_prob = 0;
          for (size_t i = 0; i < e.probs.size(); ++i)
            if (v.top_class < 0 || e.probs[i] > v.top_prob) {
              v.top_class = int(i);
              v.top_prob = e.probs[i];
            }
        } else if constexpr (std::is_same_v<E, proto::DatasetRequested>) {
          v.training = TrainingState::kDownloading;
          v.download_loaded = v.download_total = 0;
        } else if constexpr (std::is_same_v<E, proto::DatasetDownloadProgressed>) {
          v.download_loaded = e.loaded_bytes;
          v.download_total = e.total_bytes;
        } else if constexpr (std::is_same_v<E, proto::DatasetChosen>) {
          v.dataset = e.dataset;
        } else if constexpr (std::is_same_v<E, proto::DatasetLoaded>) {
          v.dataset = e.dataset;
          v.train_count = e.train_count;
          v.test_count = e.test_count;
          if (v.training == TrainingState::kDownloading) v.training = TrainingState::kIdle;
        } else if constexpr (std::is_same_v<E, proto::TrainingStarted>) {
          v.training = TrainingState::kRunning;
          v.model_dataset = v.dataset;
          v.model_after_run = false;
          v.run_settings = e.settings;
          v.progress = proto::TrainingProgressed{};
          v.progress.total_samples = e.total_samples;
          v.progress.epochs = e.settings.epochs;
          v.has_progress = false;
          v.loss_curve.clear();
          v.accuracy_curve.clear();
          v.curve_samples.clear();
          v.epochs.clear();
          v.last_run_finished = false;
          v.has_stop = false;
          v.run_notice.clear();
          v.stop_note.clear();
          v.last_error.clear();
        } else if constexpr (std::is_same_v<E, proto::TrainingProgressed>) {
          v.progress = e;
          v.has_progress = true;
          v.loss_curve.push_back(float(e.loss));
          v.accuracy_curve.push_back(float(e.accuracy));
          v.curve_samples.push_back(float(e.samples_done));
        } else if constexpr (std::is_same_v<E, proto::EpochFinished>) {
          v.epochs.push_back(e);
        } else if constexpr (std::is_same_v<E, proto::TrainingPaused>) {
          v.training = TrainingState::kPaused;
        } else if constexpr (std::is_same_v<E, proto::TrainingResumed>) {
          v.training = TrainingState::kRunning;
        } else if constexpr (std::is_same_v<E, proto::TrainingStopped>) {
          if (v.training == TrainingState::kRunning || v.training == TrainingState::kPaused) keep_run(v, e);
          v.training = TrainingState::kIdle;
          v.last_run_finished = e.finished();
          v.has_stop = true;
          v.stop = e;
          // A run that went wrong is the page's alert (#engine-message) and an error; early
          // stopping's note says which epoch's weights were kept, which is news.
          const bool went_wrong = run_went_wrong(v);
          v.run_notice = went_wrong ? e.message : std::string();
          v.stop_note = went_wrong ? std::string() : e.message;
          // The ModelLoaded of a roll-back follows: the run's result stays the status.
          v.model_after_run = false;
          if (went_wrong && !e.message.empty()) {
            v.last_error_id = e.request_id;
            v.last_error = e.message;
            v.last_error_time = now;
            ++v.error_count;
          }
        } else if constexpr (std::is_same_v<E, proto::ModelSaved>) {
          v.saved_model = e.bytes;
          v.saved_model_ready = true;
        } else if constexpr (std::is_same_v<E, proto::ConvolutionTraced>) {
          v.conv_traces.push_back(e);
          if (v.conv_traces.size() > 8) v.conv_traces.erase(v.conv_traces.begin());
        } else if constexpr (std::is_same_v<E, proto::PoolingTraced>) {
          v.pool_trace = e;
          v.has_pool_trace = true;
        } else if constexpr (std::is_same_v<E, proto::NetworkInspected>) {
          v.inspection = e;
          v.has_inspection = true;
        } else if constexpr (std::is_same_v<E, proto::SpecSummarized>) {
          auto& kept = v.spec_summaries;
          kept.erase(std::remove_if(kept.begin(), kept.end(), [&](const auto& s) { return s.name == e.name; }), kept.end());
          if (kept.size() >= kSpecAnswers) kept.erase(kept.begin());
          kept.push_back(e);
        } else if constexpr (std::is_same_v<E, proto::TestImageProvided>) {
          v.test_image = e;
          v.has_test_image = true;
        } else if constexpr (std::is_same_v<E, proto::TestImagesFound>) {
          v.found_images = e;
          v.has_found_images = true;
        } else if constexpr (std::is_same_v<E, proto::OptimizersTraced>) {
          v.optimizer_paths = e;
          v.has_optimizer_paths = true;
        } else if constexpr (std::is_same_v<E, proto::ConvBackwardTraced>) {
          v.conv_backward = e;
          v.has_conv_backward = true;
        } else if constexpr (std::is_same_v<E, proto::DropoutTraced>) {
          v.dropout = e;
          v.has_dropout = true;
        } else if constexpr (std::is_same_v<E, proto::SeparableTraced>) {
          v.separable = e;
          v.has_separable = true;
        } else if constexpr (std::is_same_v<E, proto::TopActivationsFound>) {
          v.top_activations = e;
          v.has_top_activations = true;
        } else if constexpr (std::is_same_v<E, proto::TrainingPreviewed>) {
          v.preview = e;
          v.has_preview = true;
        } else if constexpr (std::is_same_v<E, proto::ErrorRaised>) {
          v.last_error_id = e.request_id;
          v.last_error = e.message;
          v.last_error_time = now;
          ++v.error_count;
          if (v.training == TrainingState::kDownloading) v.training = TrainingState::kIdle;
        }
      },
      event);
}

const proto::ConvolutionTraced* find_conv_trace(const EngineView& v, uint32_t request_id) {
  for (auto it = v.conv_traces.rbegin(); it != v.conv_traces.rend(); ++it)
    if (it->request_id == request_id) return &*it;
  return nullptr;
}

const proto::SpecSummarized* find_spec_answer(const EngineView& v, const std::string& spec) {
  for (const proto::SpecSummarized& s : v.spec_summaries)
    if (s.name == spec) return &s;
  return nullptr;
}

const proto::ModelSummary* find_spec_summary(const EngineView& v, const std::string& spec) {
  const proto::SpecSummarized* answer = find_spec_answer(v, spec);
  return answer && answer->error.empty() ? &answer->summary : nullptr;
}

std::string prediction_doubt(const EngineView& v) {
  if (!v.has_prediction || v.top_class < 0) return "";
  if (!v.doubt.empty()) return trf("it may not be a digit: %s", v.doubt.c_str());
  if (v.top_prob < kUnsure) {
    int second = -1;
    for (int i = 0; i < int(v.probs.size()); ++i)
      if (i != v.top_class && (second < 0 || v.probs[size_t(i)] > v.probs[size_t(second)])) second = i;
    return trf("the network is unsure: %d (%.0f%%) or %d (%.0f%%)", v.top_class, v.top_prob * 100.0, second,
               second >= 0 ? v.probs[size_t(second)] * 100.0 : 0.0);
  }
  return "";
}

const char* dataset_title(proto::DatasetName dataset) {
  return dataset == proto::DatasetName::kFashion ? "Fashion-MNIST" : "MNIST";
}

std::string class_name(proto::DatasetName dataset, int k) {
  // Zalando's names of Fashion-MNIST's labels 0..9 (github.com/zalandoresearch/fashion-mnist).
  static const char* const kFashion[] = {N_("T-shirt/top"), N_("Trouser"), N_("Pullover"), N_("Dress"), N_("Coat"),
                                         N_("Sandal"),      N_("Shirt"),   N_("Sneaker"),  N_("Bag"),   N_("Ankle boot")};
  if (dataset == proto::DatasetName::kFashion && k >= 0 && k < 10) return tr(kFashion[k]);
  return std::to_string(k);
}

std::string prediction_text(const EngineView& v) {
  if (!v.has_prediction || v.top_class < 0) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s (%.1f%%)", class_name(v.model_dataset, v.top_class).c_str(), v.top_prob * 100.0);
  const std::string doubt = prediction_doubt(v);
  return doubt.empty() ? std::string(buf) : trf("%s, but %s", buf, doubt.c_str());
}

std::string grouped(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

std::string compact_value(double value, int decimals) {
  char buf[48];
  const double a = std::fabs(value);
  if (!std::isfinite(value)) return std::isnan(value) ? "NaN" : value > 0 ? "inf" : "-inf";
  if (a >= 1e5 || (a != 0 && a < std::pow(10.0, -decimals))) std::snprintf(buf, sizeof buf, "%.2g", value);
  else std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string stopped_weights_text(const EngineView& v) {
  if (!v.has_stop) return "";
  const int64_t per_epoch = v.run_settings.epochs > 0 ? v.progress.total_samples / v.run_settings.epochs : 0;
  const int64_t n = v.stop.weights_samples;
  if (n <= 0 || per_epoch <= 0) return tr("the weights from before the run");
  const int64_t whole = n / per_epoch, rest = n % per_epoch;
  if (rest == 0) return trf("the end of epoch %lld", (long long)whole);
  const std::string part =
      trf("%s of %s samples into epoch %lld", grouped(rest).c_str(), grouped(per_epoch).c_str(), (long long)(whole + 1));
  return whole == 0 ? part : trf("epoch %lld and %s", (long long)whole, part.c_str());
}

const char* stop_reason_text(proto::StopReason reason) {
  switch (reason) {
    case proto::StopReason::kFinished: return tr("finished");
    case proto::StopReason::kStopped: return tr("stopped");
    case proto::StopReason::kDiverged: return tr("diverged");
    case proto::StopReason::kFailed: return tr("failed");
    case proto::StopReason::kEarlyStopped: return tr("stopped early");
  }
  return "";
}

bool run_went_wrong(const EngineView& v) {
  return v.has_stop && (v.stop.reason == proto::StopReason::kDiverged || v.stop.reason == proto::StopReason::kFailed);
}

int kept_best_epoch(const EngineView& v) {
  if (!v.has_stop || v.epochs.empty() || v.run_settings.patience <= 0) return 0;
  const int best = v.epochs.back().best_epoch;
  return best > 0 && best < v.epochs.back().epoch ? best : 0;
}

std::string training_status_text(const EngineView& v) {
  const proto::TrainingProgressed& p = v.progress;
  switch (v.training) {
    case TrainingState::kDownloading:
      return trf("Downloading MNIST: %.1f of %.1f MB", v.download_loaded / 1e6, v.download_total / 1e6);
    case TrainingState::kRunning:
    case TrainingState::kPaused:
      return trf("Training %s: epoch %d of %d, %lld of %lld samples, %.0f samples/s, loss %s, accuracy %.1f%%",
                 v.training == TrainingState::kPaused ? tr("paused") : tr("running"), p.epoch + 1, p.epochs,
                 (long long)p.samples_done, (long long)p.total_samples, p.samples_per_s, compact_value(p.loss, 3).c_str(),
                 p.accuracy * 100.0);
    case TrainingState::kIdle:
      break;
  }
  if (v.has_stop && !v.model_after_run) {
    switch (v.stop.reason) {
      case proto::StopReason::kFinished:
        if (!v.epochs.empty() && kept_best_epoch(v) > 0)
          return trf("Training finished after epoch %d; the model has the weights of %s, where the test loss was lowest",
                     v.epochs.back().epoch, stopped_weights_text(v).c_str());
        if (!v.epochs.empty()) {
          return trf("Training finished after epoch %d: test accuracy %.2f%%", v.epochs.back().epoch,
                     v.epochs.back().test_accuracy * 100.0);
        }
        return tr("Training finished");
      case proto::StopReason::kEarlyStopped:
        return trf("Training stopped early after epoch %d: the test loss had stopped falling; the model has the weights of %s",
                   v.epochs.empty() ? 0 : v.epochs.back().epoch, stopped_weights_text(v).c_str());
      case proto::StopReason::kStopped:
        return trf("Training stopped: the model has the weights of %s", stopped_weights_text(v).c_str());
      case proto::StopReason::kDiverged:
        return trf("Training diverged and was stopped: the model is back to %s", stopped_weights_text(v).c_str());
      case proto::StopReason::kFailed:
        return trf("Training failed: the model is back to %s", stopped_weights_text(v).c_str());
    }
  }
  if (!v.ready) return tr("Loading the engine");
  return v.has_model ? trf("Ready: %s, %lld parameters", v.model_name.c_str(), (long long)v.summary.params) : tr("Ready");
}

}  // namespace cnn::ui
