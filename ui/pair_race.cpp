#include "pair_race.h"

#include <utility>

#include "i18n/language.h"

namespace cnn::ui {

namespace proto = cnn::protocol;

void PairRace::start(const PairRacer (&racers)[2], const EngineView& view, CommandSink& sink) {
  if (active()) return;
  *this = PairRace{};
  for (int i = 0; i < 2; ++i) {
    racers_[i] = racers[i];
    racers_[i].settings.start = proto::StartFrom::kCurrentWeights;  // the network just built
  }
  saved_dataset_ = view.model_dataset;
  phase_ = Phase::kSaving;
  save_request_ = sink.send(proto::SaveModel{});
}

void PairRace::build(int which, CommandSink& sink) {
  current_ = which;
  phase_ = Phase::kBuilding;
  proto::BuildModel m;
  m.spec = racers_[which].spec;
  m.seed = racers_[which].settings.seed;
  runs_[which].build_request = sink.send(m);
}

std::string PairRace::note() const {
  std::string s;
  switch (why_) {
    case Why::kNone: break;
    case Why::kStopped: s = tr("Stopped"); break;
    case Why::kStoppedFirst: s = tr("Stopped before the first run"); break;
    case Why::kEngineError: s = detail_; break;
    case Why::kRestarted: s = tr("The engine restarted: the comparison was lost"); break;
    case Why::kNotSaved: s = trf("The model could not be kept aside (%s): nothing was built", detail_.c_str()); break;
    case Why::kNotLoadedBack: s = trf("Your model could not be loaded back (%s): the last network stays", detail_.c_str()); break;
  }
  if (back_) {
    const std::string back = trf("Your model (%s) is back; the runs are in the Runs tab", saved_name_.c_str());
    s = s.empty() ? back : s + ". " + back;
  }
  return s;
}

void PairRace::restore(CommandSink& sink, Why why, std::string detail) {
  why_ = why;
  detail_ = std::move(detail);
  if (saved_.empty()) {
    phase_ = Phase::kIdle;
    return;
  }
  phase_ = Phase::kRestoring;
  proto::LoadModel m;
  m.name = saved_name_;
  m.bytes = saved_;
  restore_request_ = sink.send(std::move(m));
}

void PairRace::stop(CommandSink& sink) {
  if (!active() || stopping_) return;
  stopping_ = true;
  if (phase_ == Phase::kTraining) sink.send(proto::StopTraining{});  // its TrainingStopped restores
}

void PairRace::forget() {
  if (active()) why_ = Why::kRestarted;
  phase_ = Phase::kIdle;
}

void PairRace::on_event(const proto::Event& e, EngineView& view, CommandSink& sink) {
  if (!active()) return;
  const uint32_t id = std::visit([](const auto& m) { return m.request_id; }, e);
  PairRun& run = runs_[current_];
  if (const auto* error = std::get_if<proto::ErrorRaised>(&e)) {
    if (id == 0) return;
    if (id == save_request_ && phase_ == Phase::kSaving) {
      phase_ = Phase::kIdle;
      why_ = Why::kNotSaved;
      detail_ = error->message;
    } else if (id == run.build_request || id == run.run_request) {
      restore(sink, Why::kEngineError, error->message);
    } else if (id == restore_request_ && phase_ == Phase::kRestoring) {
      phase_ = Phase::kIdle;
      why_ = Why::kNotLoadedBack;
      detail_ = error->message;
    }
    return;
  }
  switch (phase_) {
    case Phase::kSaving:
      if (const auto* saved = std::get_if<proto::ModelSaved>(&e); saved && id == save_request_) {
        saved_ = saved->bytes;
        saved_name_ = view.model_name;
        if (stopping_) restore(sink, Why::kStoppedFirst);
        else build(0, sink);
      }
      break;
    case Phase::kBuilding:
      if (std::holds_alternative<proto::ModelLoaded>(e) && id == run.build_request) {
        if (stopping_) {
          restore(sink, Why::kStopped);
          break;
        }
        phase_ = Phase::kTraining;
        proto::StartTraining m;
        m.settings = racers_[current_].settings;
        run.run_request = sink.send(m);
      }
      break;
    case Phase::kTraining:
      if (id != run.run_request) break;
      if (const auto* p = std::get_if<proto::TrainingProgressed>(&e)) {
        run.loss.push_back(float(p->loss));
        run.samples.push_back(float(p->samples_done));
        run.last_loss = p->loss;
        if (!p->grad_norms.empty()) run.grad_norms = p->grad_norms;
      } else if (const auto* f = std::get_if<proto::EpochFinished>(&e)) {
        run.test_accuracy = f->test_accuracy;
        run.train_accuracy.push_back(float(f->train_accuracy));
        run.test_accuracy_by_epoch.push_back(float(f->test_accuracy));
        run.last_loss = f->train_loss;  // the epoch's, not the last few batches'

      } else if (const auto* s = std::get_if<proto::TrainingStopped>(&e)) {
        run.ended = true;
        run.reason = s->reason;
        if (!view.runs.empty())
          view.runs.back().name = trf("Run %d: %s", view.runs.back().number, racers_[current_].name.c_str());
        // A first run that diverged is a result too: the second is still trained.
        const bool next = current_ == 0 && !stopping_ && s->reason != proto::StopReason::kStopped &&
                          s->reason != proto::StopReason::kFailed;
        if (next) build(1, sink);
        else restore(sink, stopping_ ? Why::kStopped : Why::kNone);
      }
      break;
    case Phase::kRestoring:
      if (std::holds_alternative<proto::ModelLoaded>(e) && id == restore_request_) {
        phase_ = Phase::kIdle;
        view.model_dataset = saved_dataset_;  // it answers in the classes it answered in before
        back_ = true;
      }
      break;
    case Phase::kIdle: break;
  }
}

}  // namespace cnn::ui
