#include "residual_race.h"

#include <utility>

#include "i18n/language.h"

namespace cnn::ui {
namespace {

namespace proto = cnn::protocol;

struct ActivationInfo {
  const char* label;  // English, for tr()
  const char* key;
  const char* word;   // in the spec
};
constexpr ActivationInfo kActivations[kDeepActivations] = {
    {N_("sigmoid"), "sigmoid", "sigmoid"},
    {N_("tanh"), "tanh", "tanh"},
    {N_("relu + batch norm"), "relu-bn", "relu"},
};

// One 3x3 convolution of the stack and its activation (none for a residual block's second,
// whose activation, if any, follows the addition).
std::string conv(DeepActivation a, const char* stride, bool activated) {
  const std::string head = std::string("conv 8 3x3 ") + stride + "same";
  if (a == DeepActivation::kReluBatchNorm) return head + " nobias; batchnorm" + (activated ? "; relu" : "");
  return activated ? head + " " + kActivations[int(a)].word : head;
}

}  // namespace

const char* deep_activation_label(DeepActivation a) { return kActivations[int(a)].label; }
const char* deep_activation_key(DeepActivation a) { return kActivations[int(a)].key; }

DeepStackParts deep_stack_parts(DeepActivation a, bool shortcuts) {
  DeepStackParts p;
  p.stem = conv(a, "stride 2 ", true);  // 28x28 to 14x14: a quarter of the work after it
  if (!shortcuts) {
    p.block = conv(a, "", true) + "; " + conv(a, "", true);
  } else {
    // y = x + F(x). After a sigmoid or tanh the sum stays as it is: squashed again, the
    // shortcut would shrink the gradient at every block as the plain stack does. ResNet's relu
    // follows the addition.
    p.block = "residual(" + conv(a, "", true) + "; " + conv(a, "", false) + ")";
    if (a == DeepActivation::kReluBatchNorm) p.block += " relu";
  }
  p.head = "flatten; dense 10";
  return p;
}

std::string deep_stack_spec(const DeepStack& s, bool shortcuts) {
  const DeepStackParts p = deep_stack_parts(s.activation, shortcuts);
  std::string spec = p.stem;
  for (int b = 0; b < s.blocks; ++b) spec += "; " + p.block;
  return spec + "; " + p.head;
}

void ResidualRace::start(const DeepStack& stack, proto::TrainSettings settings, const EngineView& view, CommandSink& sink) {
  if (active()) return;
  *this = ResidualRace{};
  stack_ = stack;
  settings_ = settings;
  settings_.start = proto::StartFrom::kCurrentWeights;  // the stack just built
  saved_dataset_ = view.model_dataset;
  phase_ = Phase::kSaving;
  save_request_ = sink.send(proto::SaveModel{});
}

void ResidualRace::build(int which, CommandSink& sink) {
  current_ = which;
  phase_ = Phase::kBuilding;
  proto::BuildModel m;
  m.spec = deep_stack_spec(stack_, which == 1);
  m.seed = settings_.seed;
  runs_[which].build_request = sink.send(m);
}

std::string ResidualRace::note() const {
  std::string s;
  switch (why_) {
    case Why::kNone: break;
    case Why::kStopped: s = tr("Stopped"); break;
    case Why::kStoppedFirst: s = tr("Stopped before the first run"); break;
    case Why::kEngineError: s = detail_; break;
    case Why::kRestarted: s = tr("The engine restarted: the comparison was lost"); break;
    case Why::kNotSaved: s = trf("The model could not be kept aside (%s): nothing was built", detail_.c_str()); break;
    case Why::kNotLoadedBack: s = trf("Your model could not be loaded back (%s): the last stack stays", detail_.c_str()); break;
  }
  if (back_) {
    const std::string back = trf("Your model (%s) is back; the runs are in the Runs tab", saved_name_.c_str());
    s = s.empty() ? back : s + ". " + back;
  }
  return s;
}

void ResidualRace::restore(CommandSink& sink, Why why, std::string detail) {
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

void ResidualRace::stop(CommandSink& sink) {
  if (!active() || stopping_) return;
  stopping_ = true;
  if (phase_ == Phase::kTraining) sink.send(proto::StopTraining{});  // its TrainingStopped restores
}

void ResidualRace::forget() {
  if (active()) why_ = Why::kRestarted;
  phase_ = Phase::kIdle;
}

void ResidualRace::on_event(const proto::Event& e, EngineView& view, CommandSink& sink) {
  if (!active()) return;
  const uint32_t id = std::visit([](const auto& m) { return m.request_id; }, e);
  DeepRun& run = runs_[current_];
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
        m.settings = settings_;
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
        run.last_loss = f->train_loss;  // the epoch's, not the last few batches'

      } else if (const auto* s = std::get_if<proto::TrainingStopped>(&e)) {
        run.ended = true;
        run.reason = s->reason;
        if (!view.runs.empty())
          view.runs.back().name = trf("Run %d: %s, %d %s conv layers", view.runs.back().number,
                                      current_ == 0 ? tr("plain") : tr("residual"), stack_.conv_layers(),
                                      tr(deep_activation_label(stack_.activation)));
        // A plain stack that diverged is a result too: the residual one is still trained.
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
