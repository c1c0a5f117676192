// Engine benchmark: how fast this build trains and runs a network, and how close that is to
// the machine's limit. Used by `cnnplay bench` (native and WASM under Node); the peer
// comparison (`make bench`, tests/bench/) builds on its JSON.
//
// Measures, for one model (lenet5 by default) on MNIST-shaped data (synthetic unless a data
// folder is given), one thread:
//   train_samples_per_s   Trainer steps (batch 64, SGD momentum 0.9, lr 0.01) after a warm-up,
//                         the median over windows of ten steps
//   infer_latency_ms      median of many single-image inference forwards
//   infer_images_per_s    inference forwards at batch 1000 (the median forward)
//   forward_gflops        2 * MACs of the convolutions and dense layers per image, times the
//                         batch-1000 rate; train_gflops counts a training step as 3 forwards
//   peak_gflops           a kernel that only multiplies and adds f32x4 in registers (twelve
//                         independent accumulators): the ceiling for 128-bit SIMD without FMA
//   layers                per-layer forward and backward time of one training step (ms,
//                         the median over steps)
// Timing is wall clock (std::chrono::steady_clock). No assertions: speed is reported, not tested.
#pragma once

#include <string>
#include <vector>

namespace cnn {

struct BenchOptions {
  std::string spec = "lenet5";
  double seconds = 3.0;  // rough total budget, split between the measurements
  int batch = 64;
  std::string data_dir;  // MNIST IDX folder; empty: synthetic images and labels
};

struct BenchLayerTime {
  std::string name;
  double forward_ms = 0.0, backward_ms = 0.0;  // per training batch
};

struct BenchResult {
  std::string error;  // non-empty: nothing else is valid
  std::string build;  // "wasm" or "native"
  std::string spec, data;
  int batch = 0;
  double train_samples_per_s = 0.0;
  double infer_latency_ms = 0.0;
  double infer_images_per_s = 0.0;
  double forward_mflop_per_image = 0.0;
  double forward_gflops = 0.0, train_gflops = 0.0, peak_gflops = 0.0;
  std::vector<BenchLayerTime> layers;
  double loss_ms = 0.0, optimizer_ms = 0.0;  // per training batch
  std::vector<std::string> kernels;          // the kernel variants the layers use
};

BenchResult run_bench(const BenchOptions& options);
std::string bench_json(const BenchResult& result);  // one line, no newline
std::string bench_table(const BenchResult& result);  // fixed-width text
// run_bench + bench_json.
std::string bench_json(const BenchOptions& options);

// The register-only f32x4 multiply+add kernel, run for about `seconds`.
double measure_simd_peak_gflops(double seconds);

}  // namespace cnn
