// engine_bench: the engine's own benchmark (engine/bench/) for a browser Web Worker, so that
// run_bench.mjs times the WebAssembly in Chromium with the same code `cnnplay bench --json` runs
// under Node and natively. The worker (tests/bench/bench_worker.js) calls
//   createBenchEngine().then((m) => m.benchJson(seconds))
// and gets the same one-line JSON as the CLI.
#include <string>

#include <emscripten/bind.h>

#include "bench/bench.h"

namespace {

// seconds: how long each timed loop runs (the CLI's --seconds); <= 0 keeps the engine's default.
std::string bench_json_for(double seconds) {
  cnn::BenchOptions options;
  if (seconds > 0) options.seconds = seconds;
  return cnn::bench_json(options);
}

}  // namespace

EMSCRIPTEN_BINDINGS(cnn_bench) {
  emscripten::function("benchJson", &bench_json_for);
}
