#include "saved_session.h"

namespace cnn::ui {

proto::SavedSession session_of(const EngineView& view, const std::vector<uint8_t>& model, const std::string& model_name,
                               const std::string& model_spec, const std::string& link) {
  proto::SavedSession s;
  s.model_name = model_name;
  s.model_spec = model_spec;
  s.model = model;
  s.link = link;
  s.run_settings = view.run_settings;
  s.has_progress = view.has_progress;
  s.progress = view.progress;
  s.loss_curve = view.loss_curve;
  s.accuracy_curve = view.accuracy_curve;
  s.curve_samples = view.curve_samples;
  s.epochs = view.epochs;
  s.last_run_finished = view.last_run_finished;
  s.has_stop = view.has_stop;
  s.stop = view.stop;
  s.model_after_run = view.model_after_run;
  s.runs = view.runs;
  return s;
}

void restore_runs(EngineView& view, const proto::SavedSession& s) {
  view.run_settings = s.run_settings;
  view.has_progress = s.has_progress;
  view.progress = s.progress;
  view.loss_curve = s.loss_curve;
  view.accuracy_curve = s.accuracy_curve;
  view.curve_samples = s.curve_samples;
  view.epochs = s.epochs;
  view.last_run_finished = s.last_run_finished;
  view.has_stop = s.has_stop;
  view.stop = s.stop;
  // The request ids belonged to the last visit's engine: none of them answers anything now.
  view.stop.request_id = 0;
  view.progress.request_id = 0;
  for (proto::EpochFinished& e : view.epochs) e.request_id = 0;
  view.runs = s.runs;
  for (RunRecord& r : view.runs)
    for (proto::EpochFinished& e : r.epochs) e.request_id = 0;
}

bool use_saved_model(const proto::SavedSession& s, const std::string& link_spec) {
  return !s.model.empty() && (link_spec.empty() || link_spec == s.model_spec);
}

std::string session_digest(const EngineView& view, const std::string& link) {
  std::string d = link;
  d += '\n' + std::to_string(view.runs.size()) + ' ' + std::to_string(view.loss_curve.size()) + ' ' +
       std::to_string(view.epochs.size()) + (view.has_stop ? " stop " : " ") + (view.model_after_run ? "after" : "");
  for (const RunRecord& r : view.runs)
    d += '\n' + std::to_string(r.number) + (r.shown ? " shown " : " hidden ") + std::to_string(r.model_bytes.size()) + ' ' + r.name;
  return d;
}

}  // namespace cnn::ui
