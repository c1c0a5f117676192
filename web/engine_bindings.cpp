// The engine as the Web Worker sees it (Embind). A thin shell over engine/: it holds the
// current model and turns JS typed arrays into tensors. The message protocol of the
// playground page replaces this minimal surface.
//
//   const e = new Module.Engine();
//   e.loadModel(bytes: Uint8Array) -> '' on success, else the error (current model kept)
//   e.summaryJson() -> string, as `cnnplay summary --json`
//   e.predict(pixels: Float32Array(784), 0..1, row-major 28x28) -> Float32Array(10)
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <optional>
#include <string>
#include <vector>

#include "io/model_file.h"
#include "model/model.h"

namespace {

using emscripten::val;

class WebEngine {
 public:
  std::string load_model(const val& bytes) {
    const std::vector<uint8_t> data = emscripten::convertJSArrayToNumberVector<uint8_t>(bytes);
    cnn::Expected<cnn::Model> loaded = cnn::load_model(data.data(), data.size(), "model");
    if (!loaded) return loaded.error();
    model_.emplace(std::move(*loaded));
    return "";
  }

  std::string summary_json() const {
    if (!model_) return "{\"error\":\"no model loaded\"}";
    cnn::Expected<cnn::Summary> summary = cnn::summarize(model_->spec());
    return summary ? cnn::summary_json(*summary) : "{\"error\":\"" + summary.error() + "\"}";
  }

  val predict(const val& pixels) {
    if (!model_) return val::null();
    const std::vector<float> values = emscripten::convertJSArrayToNumberVector<float>(pixels);
    cnn::Tensor x(1, model_->input_shape());
    if (int64_t(values.size()) != x.size()) return val::null();
    std::copy(values.begin(), values.end(), x.data());
    model_->predict(x, probs_);
    // A copy owned by JS: a view into wasm memory would go stale when memory grows.
    val out = val::global("Float32Array").new_(int(probs_.size()));
    out.call<void>("set", val(emscripten::typed_memory_view(size_t(probs_.size()), probs_.data())));
    return out;
  }

 private:
  std::optional<cnn::Model> model_;
  cnn::Tensor probs_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(cnn_engine) {
  emscripten::class_<WebEngine>("Engine")
      .constructor<>()
      .function("loadModel", &WebEngine::load_model)
      .function("summaryJson", &WebEngine::summary_json)
      .function("predict", &WebEngine::predict);
}
