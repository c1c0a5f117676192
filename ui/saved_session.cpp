#include "saved_session.h"

namespace cnn::ui {

namespace {

// The Train tab's last run: the same names in the view and in the session, listed once for
// both directions.
template <typename To, typename From>
void copy_last_run(To& to, const From& from) {
  to.run_settings = from.run_settings;
  to.has_progress = from.has_progress;
  to.progress = from.progress;
  to.loss_curve = from.loss_curve;
  to.accuracy_curve = from.accuracy_curve;
  to.curve_samples = from.curve_samples;
  to.epochs = from.epochs;
  to.last_run_finished = from.last_run_finished;
  to.has_stop = from.has_stop;
  to.stop = from.stop;
  to.runs = from.runs;
}

}  // namespace

proto::SavedSession session_of(const EngineView& view, const std::vector<uint8_t>& model, const std::string& model_name,
                               const std::string& model_spec, const std::string& link) {
  proto::SavedSession s;
  s.model_name = model_name;
  s.model_spec = model_spec;
  s.model = model;
  s.link = link;
  copy_last_run(s, view);
  s.model_after_run = view.model_after_run;
  return s;
}

void restore_runs(EngineView& view, const proto::SavedSession& s) {
  copy_last_run(view, s);
  // The request ids belonged to the last visit's engine: none of them answers anything now.
  view.stop.request_id = 0;
  view.progress.request_id = 0;
  for (proto::EpochFinished& e : view.epochs) e.request_id = 0;
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
