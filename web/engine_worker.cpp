// The engine as the page's Web Worker runs it (Embind): an EngineHost behind the protocol's
// bytes. web/worker.js owns the loop; this file only moves bytes in and out.
//
//   const w = new Module.EngineWorker();
//   w.loadShippedModel(bytes, name) -> [event bytes]       (ModelLoaded or ErrorRaised)
//   w.handle(commandBytes)          -> [event bytes]       (a bad command gives ErrorRaised)
//   w.tick(budgetMs)                -> [event bytes]       (trains for about budgetMs)
//   w.busy()                        -> bool                (keep ticking)
//   w.takeDatasetRequest()          -> request id, or 0    (the host waits for a dataset)
//   w.requestedDataset()            -> "mnist" or "fashion" (the one the last request asked for)
//   w.provideDataset(id, dataset, trainImages, trainLabels, testImages, testLabels, failure)
//                                   -> [event bytes] (failure: "" or why the download failed,
//                                   files then empty; dataset: as requestedDataset() said)
//   Module.readyEvent(), Module.progressEvent(loaded, total)
//                                   -> event bytes the worker raises itself
// Every [event bytes] is a JS array of Uint8Arrays that JS owns (copies, never views of
// WASM memory, which moves when it grows): worker.js transfers them to the page.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "protocol/engine_host.h"

namespace {

using emscripten::val;
namespace proto = cnn::protocol;

std::vector<uint8_t> to_bytes(const val& array) {
  std::vector<uint8_t> out(array["length"].as<size_t>());
  if (!out.empty()) val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", array);
  return out;
}

val to_js(const std::vector<uint8_t>& bytes) {
  val out = val::global("Uint8Array").new_(bytes.size());
  out.call<void>("set", val(emscripten::typed_memory_view(bytes.size(), bytes.data())));
  return out;
}

val to_js(const std::vector<proto::Event>& events) {
  val out = val::array();
  for (const proto::Event& e : events) out.call<void>("push", to_js(proto::encode(e)));
  return out;
}

class EngineWorker {
 public:
  val load_shipped_model(const val& bytes, const std::string& name) {
    return run(proto::LoadModel{0, name, to_bytes(bytes), /*shipped=*/true});
  }

  val handle(const val& command_bytes) {
    const std::vector<uint8_t> bytes = to_bytes(command_bytes);
    cnn::Expected<proto::Command> command = proto::decode_command(bytes.data(), bytes.size());
    if (!command) return to_js(std::vector<proto::Event>{proto::ErrorRaised{0, command.error()}});
    return run(*command);
  }

  val tick(double budget_ms) {
    events_.clear();
    host_.tick(budget_ms, events_);
    return to_js(events_);
  }

  bool busy() const { return host_.busy(); }

  // 0 also when the host already has what was asked for (a request raised while its files
  // were downloading, after the dataset was changed there and back).
  uint32_t take_dataset_request() {
    const uint32_t id = dataset_request_;
    dataset_request_ = 0;
    return host_.needs_dataset(requested_) ? id : 0;
  }

  std::string requested_dataset() const { return proto::dataset_name(requested_); }

  val provide_dataset(uint32_t request_id, const std::string& dataset, const val& train_images, const val& train_labels,
                      const val& test_images, const val& test_labels, const std::string& failure) {
    proto::ProvideDataset d;
    d.request_id = request_id;
    d.dataset = dataset == "fashion" ? proto::DatasetName::kFashion : proto::DatasetName::kMnist;
    d.train_images = to_bytes(train_images);
    d.train_labels = to_bytes(train_labels);
    d.test_images = to_bytes(test_images);
    d.test_labels = to_bytes(test_labels);
    d.failure = failure;
    return run(d);
  }

 private:
  val run(const proto::Command& command) {
    events_.clear();
    host_.handle(command, events_);
    for (const proto::Event& e : events_)
      if (const auto* asked = std::get_if<proto::DatasetRequested>(&e)) {
        dataset_request_ = std::max(1u, asked->request_id);
        requested_ = asked->dataset;
      }
    return to_js(events_);
  }

  proto::EngineHost host_;
  std::vector<proto::Event> events_;
  uint32_t dataset_request_ = 0;
  proto::DatasetName requested_ = proto::DatasetName::kMnist;
};

val ready_event() { return to_js(proto::encode(proto::Event(proto::EngineReady{0}))); }
val progress_event(double loaded, double total) {
  return to_js(proto::encode(proto::Event(proto::DatasetDownloadProgressed{0, loaded, total})));
}

}  // namespace

EMSCRIPTEN_BINDINGS(cnn_engine_worker) {
  emscripten::class_<EngineWorker>("EngineWorker")
      .constructor<>()
      .function("loadShippedModel", &EngineWorker::load_shipped_model)
      .function("handle", &EngineWorker::handle)
      .function("tick", &EngineWorker::tick)
      .function("busy", &EngineWorker::busy)
      .function("takeDatasetRequest", &EngineWorker::take_dataset_request)
      .function("requestedDataset", &EngineWorker::requested_dataset)
      .function("provideDataset", &EngineWorker::provide_dataset);
  emscripten::function("readyEvent", &ready_event);
  emscripten::function("progressEvent", &progress_event);
}
