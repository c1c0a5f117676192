// Binary codec of messages.h. Each struct's fields are listed once, in fields(), and the
// same list drives the Writer (encode) and the Reader (decode), so the two cannot drift.
// The Reader checks every count against the bytes left before allocating and stops at
// the first problem, keeping the message that names it.
#include <cstring>
#include <type_traits>

#include "protocol/messages.h"
#include "protocol/saved_session.h"

namespace cnn::protocol {
namespace {

// Both sides know the version they write or read: a saved session of an older version is read
// with the fields it had (since()), and messages always have every field.
constexpr uint8_t kEveryField = 255;

class Writer {
 public:
  std::vector<uint8_t> bytes;
  bool since(uint8_t) const { return true; }  // always the newest

  template <typename T>
  void raw(T value) {
    static_assert(std::is_arithmetic_v<T>);
    uint8_t buf[sizeof(T)];
    std::memcpy(buf, &value, sizeof(T));  // wasm and x86-64 are little-endian
    bytes.insert(bytes.end(), buf, buf + sizeof(T));
  }
  void operator()(const uint8_t& v) { raw(v); }
  void operator()(const bool& v) { raw(uint8_t(v ? 1 : 0)); }
  void operator()(const int32_t& v) { raw(v); }
  void operator()(const uint32_t& v) { raw(v); }
  void operator()(const int64_t& v) { raw(v); }
  void operator()(const uint64_t& v) { raw(v); }
  void operator()(const float& v) { raw(v); }
  void operator()(const double& v) { raw(v); }
  void operator()(const Optimizer& v) { raw(uint8_t(v)); }
  void operator()(const DatasetName& v) { raw(uint8_t(v)); }
  void operator()(const StartFrom& v) { raw(uint8_t(v)); }
  void operator()(const PoolMode& v) { raw(uint8_t(v)); }
  void operator()(const StopReason& v) { raw(uint8_t(v)); }
  void operator()(const Surface& v) { raw(uint8_t(v)); }
  void operator()(const Upstream& v) { raw(uint8_t(v)); }
  void operator()(const std::string& s) {
    raw(uint32_t(s.size()));
    bytes.insert(bytes.end(), s.begin(), s.end());
  }
  template <typename T>
  void operator()(const std::vector<T>& v) {
    raw(uint32_t(v.size()));
    if constexpr (std::is_arithmetic_v<T>) {
      const size_t at = bytes.size();
      bytes.resize(at + v.size() * sizeof(T));
      if (!v.empty()) std::memcpy(bytes.data() + at, v.data(), v.size() * sizeof(T));
    } else {
      for (const T& item : v) fields(*this, const_cast<T&>(item));
    }
  }
  template <typename T>
  auto operator()(const T& v) -> decltype(fields(std::declval<Writer&>(), const_cast<T&>(v)), void()) {
    fields(*this, const_cast<T&>(v));
  }
};

class Reader {
 public:
  Reader(const uint8_t* data, size_t size, uint8_t version = kEveryField) : p_(data), end_(data + size), version_(version) {}
  bool since(uint8_t version) const { return version_ >= version; }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  size_t left() const { return size_t(end_ - p_); }
  void fail(const std::string& message) {
    if (error_.empty()) error_ = message;
  }

  template <typename T>
  bool raw(T& value, const char* what) {
    if (!ok()) return false;
    if (left() < sizeof(T)) {
      fail(std::string("message: ") + std::to_string(left()) + " bytes left, " + what + " needs " +
           std::to_string(sizeof(T)));
      return false;
    }
    std::memcpy(&value, p_, sizeof(T));
    p_ += sizeof(T);
    return true;
  }
  void operator()(uint8_t& v) { raw(v, "a byte"); }
  void operator()(bool& v) {
    uint8_t b = 0;
    if (raw(b, "a flag") && b > 1) fail("message: flag value " + std::to_string(b) + " is not 0 or 1");
    v = b == 1;
  }
  void operator()(int32_t& v) { raw(v, "an int32"); }
  void operator()(uint32_t& v) { raw(v, "a uint32"); }
  void operator()(int64_t& v) { raw(v, "an int64"); }
  void operator()(uint64_t& v) { raw(v, "a uint64"); }
  void operator()(float& v) { raw(v, "a float"); }
  void operator()(double& v) { raw(v, "a double"); }
  void operator()(Optimizer& v) { enum_value(v, uint8_t(Optimizer::kAdam), "optimizer"); }
  void operator()(DatasetName& v) { enum_value(v, uint8_t(DatasetName::kFashion), "dataset"); }
  void operator()(StartFrom& v) { enum_value(v, uint8_t(StartFrom::kFreshInit), "start"); }
  void operator()(PoolMode& v) { enum_value(v, uint8_t(PoolMode::kAverage), "pool mode"); }
  void operator()(StopReason& v) { enum_value(v, uint8_t(StopReason::kEarlyStopped), "stop reason"); }
  void operator()(Surface& v) { enum_value(v, uint8_t(Surface::kSaddle), "surface"); }
  void operator()(Upstream& v) { enum_value(v, uint8_t(Upstream::kOneCell), "upstream gradient"); }
  void operator()(std::string& s) {
    uint32_t n = 0;
    if (!count(n, 1, "string")) return;
    s.assign(reinterpret_cast<const char*>(p_), n);
    p_ += n;
  }
  template <typename T>
  void operator()(std::vector<T>& v) {
    uint32_t n = 0;
    if constexpr (std::is_arithmetic_v<T>) {
      if (!count(n, sizeof(T), "array")) return;
      v.resize(n);
      if (n) std::memcpy(v.data(), p_, size_t(n) * sizeof(T));
      p_ += size_t(n) * sizeof(T);
    } else {
      // Every element takes at least one byte: a bound that stops absurd counts early.
      if (!count(n, 1, "list")) return;
      v.clear();
      for (uint32_t i = 0; i < n && ok(); ++i) fields(*this, v.emplace_back());
    }
  }
  template <typename T>
  auto operator()(T& v) -> decltype(fields(std::declval<Reader&>(), v), void()) {
    fields(*this, v);
  }

 private:
  template <typename E>
  void enum_value(E& v, uint8_t max, const char* what) {
    uint8_t b = 0;
    if (!raw(b, what)) return;
    if (b > max) fail(std::string("message: ") + what + " value " + std::to_string(b) + " is out of range");
    v = E(b);
  }
  // Reads a u32 count and checks that count * unit bytes are left (no allocation before).
  bool count(uint32_t& n, size_t unit, const char* what) {
    if (!raw(n, "a count")) return false;
    if (uint64_t(n) * unit > left()) {
      fail(std::string("message: ") + what + " of " + std::to_string(n) + " elements (" +
           std::to_string(uint64_t(n) * unit) + " bytes) but " + std::to_string(left()) + " bytes left");
      return false;
    }
    return true;
  }

  const uint8_t* p_;
  const uint8_t* end_;
  uint8_t version_;
  std::string error_;
};

// ---- Field lists: one per struct, in declaration order (request_id travels in the header).

template <typename Io> void fields(Io& io, Augmentation& m) { io(m.shift); io(m.rotate); io(m.scale); }
template <typename Io> void fields(Io& io, TrainSettings& m) {
  io(m.start); io(m.epochs); io(m.batch); io(m.lr); io(m.optimizer); io(m.seed); io(m.limit); io(m.lr_decay);
  io(m.decay_every); io(m.momentum); io(m.beta1); io(m.beta2); io(m.weight_decay);
  if (io.since(8)) { io(m.augment); io(m.patience); }  // a session saved at 5 has neither
}
template <typename Io> void fields(Io& io, SummaryRow& m) {
  io(m.name); io(m.text); io(m.output); io(m.params); io(m.macs); io(m.depth); io(m.path); io(m.block);
}
template <typename Io> void fields(Io& io, ModelSummary& m) {
  io(m.spec_text); io(m.spec_lines); io(m.input); io(m.rows); io(m.params); io(m.trainable); io(m.macs);
}
template <typename Io> void fields(Io& io, Image& m) { io(m.channels); io(m.height); io(m.width); io(m.values); }
template <typename Io> void fields(Io& io, ReceptiveField& m) { io(m.size); io(m.jump); io(m.first); }
template <typename Io> void fields(Io& io, LayerActivation& m) {
  io(m.name); io(m.text); io(m.output); io(m.field); io(m.field_x); io(m.kernels); io(m.kernel_inputs); io(m.biases);
  io(m.depth); io(m.path); io(m.block);
}

template <typename Io> void fields(Io& io, LoadModel& m) { io(m.name); io(m.bytes); io(m.shipped); }
template <typename Io> void fields(Io& io, Predict& m) { io(m.width); io(m.height); io(m.preprocess); io(m.pixels); }
template <typename Io> void fields(Io& io, StartTraining& m) { io(m.settings); }
template <typename Io> void fields(Io&, PauseTraining&) {}
template <typename Io> void fields(Io&, ResumeTraining&) {}
template <typename Io> void fields(Io&, StopTraining&) {}
template <typename Io> void fields(Io&, StepBatch&) {}
template <typename Io> void fields(Io&, SaveModel&) {}
template <typename Io> void fields(Io&, GetSummary&) {}
template <typename Io> void fields(Io& io, ProvideDataset& m) {
  io(m.train_images); io(m.train_labels); io(m.test_images); io(m.test_labels); io(m.failure); io(m.dataset);
}
template <typename Io> void fields(Io&, RestoreShippedModel&) {}
template <typename Io> void fields(Io& io, ChooseDataset& m) { io(m.dataset); }
template <typename Io> void fields(Io& io, BuildModel& m) { io(m.spec); io(m.seed); }
template <typename Io> void fields(Io& io, TraceConvolution& m) {
  io(m.input); io(m.kernel); io(m.bias); io(m.padding); io(m.stride); io(m.flip); io(m.out_y); io(m.out_x);
}
template <typename Io> void fields(Io& io, TracePooling& m) {
  io(m.input); io(m.mode); io(m.window); io(m.stride); io(m.out_y); io(m.out_x);
}
template <typename Io> void fields(Io& io, InspectNetwork& m) { io(m.input); }
template <typename Io> void fields(Io& io, FindTestImages& m) { io(m.label); io(m.predicted); io(m.max); }
template <typename Io> void fields(Io& io, TestImagesFound& m) {
  io(m.label); io(m.predicted); io(m.scanned); io(m.indices); io(m.pixels); io(m.probs);
}
template <typename Io> void fields(Io& io, PathSettings& m) {
  io(m.optimizer); io(m.lr); io(m.momentum); io(m.beta1); io(m.beta2);
}
template <typename Io> void fields(Io& io, OptimizerPath& m) { io(m.optimizer); io(m.x); io(m.y); io(m.loss); io(m.diverged_at); }
template <typename Io> void fields(Io& io, TraceOptimizers& m) {
  io(m.surface); io(m.surface_start); io(m.start_x); io(m.start_y); io(m.steps); io(m.optimizers); io(m.grid);
}
template <typename Io> void fields(Io& io, OptimizersTraced& m) {
  io(m.surface); io(m.formula); io(m.x0); io(m.x1); io(m.y0); io(m.y1); io(m.min_x); io(m.min_y); io(m.values);
  io(m.paths);
}
template <typename Io> void fields(Io& io, TraceConvBackward& m) {
  io(m.input); io(m.kernel); io(m.padding); io(m.stride); io(m.upstream); io(m.cell); io(m.steps);
}
template <typename Io> void fields(Io& io, ConvBackwardTraced& m) {
  io(m.padded); io(m.dz); io(m.steps); io(m.out_y); io(m.out_x); io(m.window_y); io(m.window_x); io(m.d_padded);
  io(m.dw); io(m.db); io(m.kernel_dx); io(m.kernel_dw); io(m.kernel_db); io(m.equals_kernel);
}
template <typename Io> void fields(Io& io, TraceSeparable& m) {
  io(m.input); io(m.depthwise); io(m.pointwise); io(m.padding); io(m.stride); io(m.pointwise_step); io(m.cell);
}
template <typename Io> void fields(Io& io, SeparableTraced& m) {
  io(m.depthwise_out); io(m.pointwise_out); io(m.pointwise_step); io(m.cell); io(m.channel); io(m.out_y); io(m.out_x);
  io(m.window_y); io(m.window_x); io(m.values); io(m.weights); io(m.products); io(m.sum); io(m.depthwise_macs);
  io(m.pointwise_macs); io(m.normal_macs); io(m.done_macs);
}
template <typename Io> void fields(Io& io, TraceDropout& m) { io(m.input); io(m.rate); io(m.seed); }
template <typename Io> void fields(Io& io, DropoutTraced& m) { io(m.output); io(m.mask); io(m.kept); io(m.total); }
template <typename Io> void fields(Io& io, PreviewTraining& m) { io(m.settings); io(m.count); }
template <typename Io> void fields(Io& io, FindTopActivations& m) { io(m.statement); io(m.channel); io(m.count); }
template <typename Io> void fields(Io& io, TopActivationsFound& m) {
  io(m.statement); io(m.channel); io(m.scanned); io(m.indices); io(m.activations); io(m.positions); io(m.windows);
  io(m.pixels); io(m.labels);
}
template <typename Io> void fields(Io& io, TrainingPreviewed& m) { io(m.lr); io(m.originals); io(m.augmented); io(m.labels); }
template <typename Io> void fields(Io& io, SummarizeSpec& m) { io(m.spec); }
template <typename Io> void fields(Io& io, GetTestImage& m) { io(m.index); }

template <typename Io> void fields(Io&, EngineReady&) {}
template <typename Io> void fields(Io& io, ModelLoaded& m) {
  io(m.name); io(m.summary); io(m.has_suggested); io(m.suggested); io(m.suggestion);
}
template <typename Io> void fields(Io& io, Predicted& m) { io(m.probs); io(m.input); io(m.doubt); }
template <typename Io> void fields(Io& io, DatasetRequested& m) { io(m.dataset); }
template <typename Io> void fields(Io& io, DatasetChosen& m) { io(m.dataset); }
template <typename Io> void fields(Io& io, DatasetDownloadProgressed& m) { io(m.loaded_bytes); io(m.total_bytes); }
template <typename Io> void fields(Io& io, DatasetLoaded& m) { io(m.train_count); io(m.test_count); io(m.dataset); }
template <typename Io> void fields(Io& io, TrainingStarted& m) { io(m.settings); io(m.total_samples); }
template <typename Io> void fields(Io& io, TrainingProgressed& m) {
  io(m.epoch); io(m.epochs); io(m.samples_done); io(m.total_samples); io(m.samples_per_s); io(m.seconds_left);
  io(m.loss); io(m.accuracy); io(m.lr);
  if (io.since(9)) io(m.grad_norms);
}
template <typename Io> void fields(Io& io, EpochFinished& m) {
  io(m.epoch); io(m.train_loss); io(m.train_accuracy); io(m.test_loss); io(m.test_accuracy); io(m.seconds);
  io(m.confusion);
  if (io.since(8)) io(m.best_epoch);
}
template <typename Io> void fields(Io&, TrainingPaused&) {}
template <typename Io> void fields(Io&, TrainingResumed&) {}
template <typename Io> void fields(Io& io, TrainingStopped& m) { io(m.reason); io(m.message); io(m.weights_samples); }
template <typename Io> void fields(Io& io, ModelSaved& m) { io(m.bytes); }
template <typename Io> void fields(Io& io, ErrorRaised& m) { io(m.message); }
template <typename Io> void fields(Io& io, ConvolutionTraced& m) {
  io(m.padded); io(m.kernel); io(m.output); io(m.out_y); io(m.out_x); io(m.window_y); io(m.window_x);
  io(m.patch); io(m.products); io(m.channel_sums); io(m.bias); io(m.sum);
}
template <typename Io> void fields(Io& io, PoolingTraced& m) {
  io(m.output); io(m.out_y); io(m.out_x); io(m.window_y); io(m.window_x); io(m.patch); io(m.argmax); io(m.value);
  io(m.input_gradient);
}
template <typename Io> void fields(Io& io, NetworkInspected& m) { io(m.input); io(m.layers); io(m.probs); }
template <typename Io> void fields(Io& io, SpecSummarized& m) {
  io(m.name); io(m.summary); io(m.error); io(m.error_offset); io(m.build_problem);
}
template <typename Io> void fields(Io& io, TestImageProvided& m) {
  io(m.index); io(m.label); io(m.count); io(m.pixels);
}

// The saved session (saved_session.h): not a message, but written by the same lists.
template <typename Io> void fields(Io& io, RunRecord& m) {
  io(m.number); io(m.name); io(m.model_name); io(m.params); io(m.settings); io(m.reason); io(m.samples_done);
  io(m.samples_per_s); io(m.loss_curve); io(m.accuracy_curve); io(m.curve_samples); io(m.epochs);
  io(m.model_bytes); io(m.shown);
  if (io.since(9)) io(m.dataset);  // the runs of a session saved at 8 or before were on MNIST
}
template <typename Io> void fields(Io& io, SavedSession& m) {
  io(m.model_name); io(m.model_spec); io(m.model); io(m.link); io(m.run_settings); io(m.has_progress);
  io(m.progress); io(m.loss_curve); io(m.accuracy_curve); io(m.curve_samples); io(m.epochs);
  io(m.last_run_finished); io(m.has_stop); io(m.stop); io(m.model_after_run); io(m.runs);
}
constexpr char kSessionMagic[8] = {'C', 'N', 'N', 'S', 'E', 'S', 'S', '\0'};

template <typename Variant>
std::vector<uint8_t> encode_variant(const Variant& message) {
  Writer w;
  w.raw(kProtocolVersion);
  w.raw(uint8_t(message.index()));
  std::visit(
      [&w](const auto& m) {
        w.raw(m.request_id);
        using M = std::decay_t<decltype(m)>;
        fields(w, const_cast<M&>(m));
      },
      message);
  return std::move(w.bytes);
}

template <typename Variant, size_t I = 0>
Expected<Variant> decode_alternative(size_t index, Reader& r) {
  if constexpr (I < std::variant_size_v<Variant>) {
    if (index != I) return decode_alternative<Variant, I + 1>(index, r);
    std::variant_alternative_t<I, Variant> m;
    r(m.request_id);
    fields(r, m);
    if (r.ok() && r.left() != 0) r.fail("message: " + std::to_string(r.left()) + " unexpected bytes at the end");
    if (!r.ok()) return make_error(r.error());
    return Variant(std::move(m));
  } else {
    return make_error("message: unknown message index " + std::to_string(index));
  }
}

template <typename Variant>
Expected<Variant> decode_variant(const uint8_t* data, size_t size, const char* kind) {
  if (data == nullptr || size < 2) return make_error(std::string(kind) + ": " + std::to_string(size) + " bytes, too short");
  if (data[0] != kProtocolVersion)
    return make_error(std::string(kind) + ": protocol version " + std::to_string(data[0]) + ", expected " +
                      std::to_string(kProtocolVersion) + " (engine and page are from different builds)");
  Reader r(data + 2, size - 2);
  return decode_alternative<Variant>(data[1], r);
}

}  // namespace

std::vector<uint8_t> encode(const Command& command) { return encode_variant(command); }
std::vector<uint8_t> encode(const Event& event) { return encode_variant(event); }

Expected<Command> decode_command(const uint8_t* data, size_t size) {
  return decode_variant<Command>(data, size, "command");
}
Expected<Event> decode_event(const uint8_t* data, size_t size) { return decode_variant<Event>(data, size, "event"); }

std::vector<uint8_t> encode(const SavedSession& session) {
  Writer w;
  for (char c : kSessionMagic) w.raw(uint8_t(c));
  w.raw(kSessionVersion);
  fields(w, const_cast<SavedSession&>(session));
  return std::move(w.bytes);
}

Expected<SavedSession> decode_saved_session(const uint8_t* data, size_t size) {
  if (data == nullptr || size < sizeof kSessionMagic + 1 || std::memcmp(data, kSessionMagic, sizeof kSessionMagic) != 0)
    return make_error("saved session: not a saved session (" + std::to_string(size) + " bytes without its mark)");
  const uint8_t version = data[sizeof kSessionMagic];
  if (version < kOldestSessionVersion || version > kSessionVersion)
    return make_error("saved session: version " + std::to_string(version) + ", this page reads " +
                      std::to_string(kOldestSessionVersion) + " to " + std::to_string(kSessionVersion) +
                      " (it was saved by another version of the page)");
  Reader r(data + sizeof kSessionMagic + 1, size - sizeof kSessionMagic - 1, version);
  SavedSession session;
  fields(r, session);
  if (r.ok() && r.left() != 0) r.fail("message: " + std::to_string(r.left()) + " unexpected bytes at the end");
  if (!r.ok()) return make_error("saved session: " + r.error().substr(r.error().rfind("message: ", 0) == 0 ? 9 : 0));
  return session;
}

uint32_t request_id_of(const Command& command) {
  return std::visit([](const auto& m) { return m.request_id; }, command);
}
uint32_t request_id_of(const Event& event) {
  return std::visit([](const auto& m) { return m.request_id; }, event);
}

const char* name_of(const Command& command) {
  static const char* const kNames[] = {"LoadModel",    "Predict",   "StartTraining", "PauseTraining",
                                       "ResumeTraining", "StopTraining", "StepBatch", "SaveModel",
                                       "GetSummary",   "ProvideDataset", "TraceConvolution", "TracePooling",
                                       "InspectNetwork", "SummarizeSpec", "GetTestImage", "RestoreShippedModel",
                                       "BuildModel", "FindTestImages", "TraceOptimizers", "TraceConvBackward", "TraceSeparable",
                                       "PreviewTraining", "FindTopActivations", "ChooseDataset", "TraceDropout"};
  static_assert(std::size(kNames) == std::variant_size_v<Command>);
  return kNames[command.index()];
}
const char* name_of(const Event& event) {
  static const char* const kNames[] = {"EngineReady",     "ModelLoaded",     "Predicted",       "DatasetRequested",
                                       "DatasetDownloadProgressed", "DatasetLoaded", "TrainingStarted",
                                       "TrainingProgressed", "EpochFinished", "TrainingPaused", "TrainingResumed",
                                       "TrainingStopped", "ModelSaved",      "ErrorRaised", "ConvolutionTraced",
                                       "PoolingTraced",   "NetworkInspected", "SpecSummarized", "TestImageProvided",
                                       "TestImagesFound", "OptimizersTraced", "ConvBackwardTraced", "SeparableTraced",
                                       "TrainingPreviewed", "TopActivationsFound", "DatasetChosen", "DropoutTraced"};
  static_assert(std::size(kNames) == std::variant_size_v<Event>);
  return kNames[event.index()];
}

const char* dataset_name(DatasetName dataset) { return dataset == DatasetName::kFashion ? "fashion" : "mnist"; }

const char* optimizer_name(Optimizer optimizer) {
  switch (optimizer) {
    case Optimizer::kSgd: return "sgd";
    case Optimizer::kMomentum: return "momentum";
    case Optimizer::kAdam: return "adam";
  }
  return "?";
}

}  // namespace cnn::protocol
