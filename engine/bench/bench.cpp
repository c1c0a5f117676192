// Engine benchmark (see bench.h for what each number means).
#include "bench/bench.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "data/dataset.h"
#include "gemm/gemm.h"
#include "layers/activation/activation_kernels.h"
#include "layers/conv2d/conv2d_kernels.h"
#include "layers/dense/dense_kernels.h"
#include "layers/pool2d/pool2d_kernels.h"
#include "loss/softmax_xent.h"
#include "model/model.h"
#include "optim/optimizer.h"
#include "simd/simd_f32.h"
#include "train/trainer.h"

namespace cnn {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Random pixels and labels in MNIST's shape: speed does not depend on the values, and the
// benchmark then runs where no dataset is installed.
Dataset synthetic_mnist(int count) {
  Dataset d;
  d.count = count;
  d.rows = d.cols = 28;
  d.pixels.resize(size_t(count) * 28 * 28);
  d.labels.resize(size_t(count));
  Rng rng(7, RngStream::kData);
  for (uint8_t& p : d.pixels) p = uint8_t(rng.below(256));
  for (uint8_t& l : d.labels) l = uint8_t(rng.below(10));
  return d;
}

// Multiply-accumulates of one image's forward pass: the summary's count (model/spec.h),
// which goes into blocks; element-wise layers count 0.
double forward_macs(const Model& model) {
  Expected<Summary> summary = summarize(model.spec());
  return summary ? double(summary->macs) : 0.0;
}

// A block's whole text would not fit the table: its paths' layer counts instead,
// "residual(5 layers | identity)", "parallel(1 | 2 | 2 | 2 layers)".
std::string layer_label(const LayerSpec& l) {
  if (!is_block(l.kind)) return layer_text(l);
  std::string s = l.kind == LayerKind::kResidual ? "residual(" : "parallel(";
  for (size_t p = 0; p < l.branches.size(); ++p) s += (p ? " | " : "") + std::to_string(l.branches[p].size());
  if (l.kind == LayerKind::kResidual && l.branches.size() == 1) s += " layers | identity";
  else s += " layers";
  return s + ")";
}

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::nth_element(v.begin(), v.begin() + ptrdiff_t(v.size() / 2), v.end());
  return v[v.size() / 2];
}

void fill_input(Tensor& x, uint64_t seed) {
  Rng rng(seed, RngStream::kData);
  for (int64_t i = 0; i < x.size(); ++i) x[i] = rng.uniform();
}

std::string format(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}

// Twelve independent chains acc = acc * m + a: a multiply and an add per chain per step keep
// both kinds of vector unit busy despite each chain's latency; twelve accumulators plus m
// and a fit the 15 vector registers V8 allocates on x86-64. m < 1 keeps values finite.
// A function of its own, called many times through a pointer: V8 first runs WebAssembly in
// its baseline compiler (Liftoff, which spills) and switches to the optimizing one (TurboFan)
// only on a later call, so a loop that runs in a single call never gets fast. (A direct call
// from one place gets inlined by Binaryen whatever clang's noinline says: measured 13
// GFLOP/s that way against 32 with --no-liftoff.)
__attribute__((noinline)) void peak_chunk(int64_t iterations, f32x4* state, f32x4 m, f32x4 a) {
  f32x4 acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = state[i];
  for (int64_t it = 0; it < iterations; ++it)
    for (int i = 0; i < 12; ++i) acc[i] = f32x4_add(f32x4_mul(acc[i], m), a);
  for (int i = 0; i < 12; ++i) state[i] = acc[i];
}

}  // namespace

double measure_simd_peak_gflops(double seconds) {
  volatile float seed = 1.0f;
  const f32x4 m = f32x4_splat(0.999f * seed), a = f32x4_splat(0.001f * seed);
  f32x4 state[12];
  for (int i = 0; i < 12; ++i) state[i] = f32x4_splat(seed * float(i));
  void (*volatile chunk)(int64_t, f32x4*, f32x4, f32x4) = peak_chunk;
  const int64_t iterations = 1 << 14;  // 1.5 MFLOP per call, well under a millisecond
  double best = 0.0;
  const Clock::time_point start = Clock::now();
  while (seconds_since(start) < seconds || best == 0.0) {
    const Clock::time_point t0 = Clock::now();
    int calls = 0;
    for (; calls < 8 || seconds_since(t0) < 0.005; ++calls) chunk(iterations, state, m, a);
    best = std::max(best, double(calls) * double(iterations) * 12 * 4 * 2 / seconds_since(t0) / 1e9);
  }
  f32x4 sum = state[0];
  for (int i = 1; i < 12; ++i) sum = f32x4_add(sum, state[i]);
  volatile float sink = f32x4_hsum(sum);
  (void)sink;
  return best;
}

BenchResult run_bench(const BenchOptions& o) {
  BenchResult r;
#if defined(__wasm_simd128__)
  r.build = "wasm";
#else
  r.build = "native";
#endif
  r.spec = o.spec;
  r.batch = o.batch;
  r.kernels = {conv2d_kernels().back().name, maxpool_kernels().back().name, dense_kernels().back().name,
               activation_kernels().back().name, optimizer_kernels().back().name, gemm_kernels().back().name};
  const double budget = std::max(0.2, o.seconds);

  Dataset data;
  if (o.data_dir.empty()) {
    data = synthetic_mnist(std::max(4096, o.batch * 8));
    r.data = "synthetic 28x28";
  } else {
    Expected<Dataset> loaded = load_mnist(o.data_dir, "train");
    if (!loaded) {
      r.error = loaded.error();
      return r;
    }
    data = std::move(*loaded);
    r.data = "mnist " + o.data_dir;
  }
  Expected<Model> built = Model::build(o.spec, 1);
  if (!built) {
    r.error = built.error();
    return r;
  }
  Model& model = *built;
  if (model.input_shape() != data.image_shape()) {
    r.error = "the model expects " + model.input_shape().str() + " images, the data has " + data.image_shape().str();
    return r;
  }
  r.forward_mflop_per_image = 2.0 * forward_macs(model) / 1e6;

  // Training throughput: whole Trainer steps (gather, forward, loss, backward, checks, update).
  {
    TrainConfig config;
    config.epochs = 1000;
    config.batch = std::min(o.batch, data.count);
    config.optimizer.kind = OptimizerKind::kMomentum;
    config.optimizer.lr = 0.01f;
    config.optimizer.momentum = 0.9f;
    Trainer trainer(model, data, config);
    // Warm-up long enough for V8 to swap its baseline code (Liftoff) for optimized code: the
    // swap happens on a background thread, which on a busy machine can take a second.
    const Clock::time_point warm = Clock::now();
    for (int i = 0; i < 10 || seconds_since(warm) < 0.15 * budget; ++i) {
      Expected<BatchResult> b = trainer.train_batch();
      if (!b) {
        r.error = b.error();
        return r;
      }
    }
    // Windows of ten steps; the median window, so that a burst of another process on the
    // same core moves the figure less than it would move a mean.
    std::vector<double> rates;
    const Clock::time_point start = Clock::now();
    while (seconds_since(start) < 0.3 * budget || rates.size() < 3) {
      const Clock::time_point window = Clock::now();
      int64_t samples = 0;
      for (int step = 0; step < 10; ++step) {
        Expected<BatchResult> b = trainer.train_batch();
        if (!b) {
          r.error = b.error();
          return r;
        }
        samples += b->count;
      }
      rates.push_back(double(samples) / seconds_since(window));
    }
    r.train_samples_per_s = median(rates);
  }

  // Per-layer breakdown of the same step, layer by layer with a clock around each call.
  {
    const int n = std::min(o.batch, data.count);
    const int L = model.layer_count();
    std::vector<Tensor> acts(size_t(L) + 1), dacts(size_t(L) + 1);
    std::vector<int32_t> labels(static_cast<size_t>(n)), order(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) order[size_t(i)] = i;
    data.gather(order.data(), n, acts[0], labels.data());
    OptimizerConfig oc;
    oc.kind = OptimizerKind::kMomentum;
    oc.lr = 0.01f;
    Optimizer optimizer(oc, model.params());
    // Seconds per step for each layer, forward and backward, then the loss and the update.
    std::vector<std::vector<double>> fwd(static_cast<size_t>(L)), bwd(static_cast<size_t>(L));
    std::vector<double> loss_s, opt_s;
    int steps = 0;
    const Clock::time_point start = Clock::now();
    for (int warm = -2; warm < 0 || seconds_since(start) < 0.2 * budget || steps < 3; ++warm) {
      const bool counted = warm >= 0;
      for (int i = 0; i < L; ++i) {
        const Clock::time_point t = Clock::now();
        model.layer(i).forward(acts[size_t(i)], acts[size_t(i) + 1], Mode::kTraining);
        if (counted) fwd[size_t(i)].push_back(seconds_since(t));
      }
      Clock::time_point t = Clock::now();
      const Tensor& logits = acts[size_t(L)];
      dacts[size_t(L)].resize(logits.n(), logits.shape());
      f32_softmax_xent__scalar(logits.n(), model.classes(), logits.data(), labels.data(), nullptr,
                               dacts[size_t(L)].data());
      if (counted) loss_s.push_back(seconds_since(t));
      for (int i = L - 1; i >= 0; --i) {
        t = Clock::now();
        model.layer(i).backward(acts[size_t(i)], acts[size_t(i) + 1], dacts[size_t(i) + 1],
                                i > 0 ? &dacts[size_t(i)] : nullptr);
        if (counted) bwd[size_t(i)].push_back(seconds_since(t));
      }
      t = Clock::now();
      optimizer.step(0.01f);
      if (counted) {
        opt_s.push_back(seconds_since(t));
        ++steps;
      }
    }
    for (int i = 0; i < L; ++i)
      r.layers.push_back({layer_label(model.layer(i).spec()), 1e3 * median(fwd[size_t(i)]), 1e3 * median(bwd[size_t(i)])});
    r.loss_ms = 1e3 * median(loss_s);
    r.optimizer_ms = 1e3 * median(opt_s);
  }

  // Inference latency, one image: the median of many forwards, each timed alone.
  {
    Tensor x(1, model.input_shape());
    fill_input(x, 3);
    for (int i = 0; i < 20; ++i) model.forward(x, Mode::kInference);
    std::vector<double> times;
    const Clock::time_point start = Clock::now();
    while (seconds_since(start) < 0.15 * budget || times.size() < 50) {
      const Clock::time_point t = Clock::now();
      model.forward(x, Mode::kInference);
      times.push_back(seconds_since(t));
    }
    r.infer_latency_ms = 1e3 * median(times);
  }

  // Inference throughput at batch 1000.
  {
    Tensor x(1000, model.input_shape());
    fill_input(x, 4);
    model.forward(x, Mode::kInference);  // warm-up; sizes the activations once
    std::vector<double> times;
    const Clock::time_point start = Clock::now();
    while (seconds_since(start) < 0.1 * budget || times.size() < 3) {
      const Clock::time_point t = Clock::now();
      model.forward(x, Mode::kInference);
      times.push_back(seconds_since(t));
    }
    r.infer_images_per_s = 1000.0 / median(times);
  }

  r.peak_gflops = measure_simd_peak_gflops(0.1 * budget);
  r.forward_gflops = r.forward_mflop_per_image * r.infer_images_per_s / 1e3;
  r.train_gflops = 3.0 * r.forward_mflop_per_image * r.train_samples_per_s / 1e3;
  return r;
}

std::string bench_json(const BenchResult& r) {
  if (!r.error.empty()) return "{\"error\":" + quoted(r.error) + "}";
  std::string s = "{\"build\":" + quoted(r.build) + ",\"spec\":" + quoted(r.spec) + ",\"data\":" + quoted(r.data) +
                  ",\"batch\":" + std::to_string(r.batch);
  s += ",\"train_samples_per_s\":" + format("%.1f", r.train_samples_per_s);
  s += ",\"infer_latency_ms\":" + format("%.5f", r.infer_latency_ms);
  s += ",\"infer_images_per_s\":" + format("%.1f", r.infer_images_per_s);
  s += ",\"forward_mflop_per_image\":" + format("%.4f", r.forward_mflop_per_image);
  s += ",\"forward_gflops\":" + format("%.2f", r.forward_gflops);
  s += ",\"train_gflops\":" + format("%.2f", r.train_gflops);
  s += ",\"peak_gflops\":" + format("%.2f", r.peak_gflops);
  s += ",\"layers\":[";
  for (size_t i = 0; i < r.layers.size(); ++i) {
    s += (i ? ",{" : "{") + std::string("\"name\":") + quoted(r.layers[i].name) +
         ",\"forward_ms\":" + format("%.5f", r.layers[i].forward_ms) +
         ",\"backward_ms\":" + format("%.5f", r.layers[i].backward_ms) + "}";
  }
  s += "],\"loss_ms\":" + format("%.5f", r.loss_ms) + ",\"optimizer_ms\":" + format("%.5f", r.optimizer_ms);
  s += ",\"kernels\":[";
  for (size_t i = 0; i < r.kernels.size(); ++i) s += (i ? "," : "") + quoted(r.kernels[i]);
  return s + "]}";
}

std::string bench_json(const BenchOptions& options) { return bench_json(run_bench(options)); }

std::string bench_table(const BenchResult& r) {
  if (!r.error.empty()) return "bench: " + r.error + "\n";
  char line[256];
  std::string s;
  s += r.spec + " on " + r.data + " data, " + r.build + " build, one thread\n\n";
  std::snprintf(line, sizeof line, "  train (batch %d, SGD momentum)  %10.0f samples/s   %6.2f GFLOP/s\n", r.batch,
                r.train_samples_per_s, r.train_gflops);
  s += line;
  std::snprintf(line, sizeof line, "  inference, batch 1000         %10.0f images/s    %6.2f GFLOP/s\n",
                r.infer_images_per_s, r.forward_gflops);
  s += line;
  std::snprintf(line, sizeof line, "  inference latency, batch 1    %10.4f ms\n", r.infer_latency_ms);
  s += line;
  std::snprintf(line, sizeof line, "  f32x4 mul+add peak                                  %6.2f GFLOP/s\n",
                r.peak_gflops);
  s += line;
  std::snprintf(line, sizeof line,
                "  forward: %.3f MFLOP per image (2 x MACs); a training step counted as 3 forwards\n\n",
                r.forward_mflop_per_image);
  s += line;
  std::snprintf(line, sizeof line, "  %-32s %12s %12s\n", "training step, per batch", "forward ms", "backward ms");
  s += line;
  double total = r.loss_ms + r.optimizer_ms;
  for (const BenchLayerTime& l : r.layers) {
    std::snprintf(line, sizeof line, "  %-32s %12.4f %12.4f\n", l.name.c_str(), l.forward_ms, l.backward_ms);
    s += line;
    total += l.forward_ms + l.backward_ms;
  }
  std::snprintf(line, sizeof line, "  %-32s %12.4f\n  %-32s %12.4f\n  %-32s %12.4f\n", "loss (softmax cross-entropy)",
                r.loss_ms, "optimizer step", r.optimizer_ms, "total", total);
  s += line;
  s += "\n  kernels:";
  for (const std::string& k : r.kernels) s += " " + k;
  return s + "\n";
}

}  // namespace cnn
