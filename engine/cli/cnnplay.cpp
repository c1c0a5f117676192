// cnnplay: train, evaluate and summarise CNNs from the command line.
// The same program builds natively and with Emscripten (run under Node).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <new>
#include <optional>
#include <string>

#include "bench/bench.h"
#include "cli/args.h"
#include "cli/json.h"
#include "data/dataset.h"
#include "io/file.h"
#include "io/model_file.h"
#include "model/memory.h"
#include "model/model.h"
#include "train/divergence.h"
#include "train/early_stopping.h"
#include "train/preset_settings.h"
#include "train/trainer.h"

namespace cnn {
namespace {

const char* kUsage =
    "usage: cnnplay COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  train    train a network on MNIST or Fashion-MNIST\n"
    "           --spec SPEC        preset or spec text (default lenet5); `cnnplay presets` lists them\n"
    "           --epochs E         (default 1)          --batch B   (default 32)\n"
    "           --optimizer O      sgd | momentum | adam (default adam)\n"
    "           --lr X             (default 0.001 for adam, 0.01 momentum, 0.05 sgd)\n"
    "           --momentum M       (default 0.9)        --weight-decay L2 (default 0)\n"
    "           --schedule S       constant | step | exp (default constant)\n"
    "           --gamma G          decay factor (default 0.5 step, 0.9 exp)\n"
    "           --step-epochs K    step schedule: decay every K epochs (default 1)\n"
    "           --init I           auto | he | glorot (default auto)\n"
    "           --seed S           one seed for init, shuffling and dropout (default 1)\n"
    "           --from FILE        start from a saved model instead of a fresh one\n"
    "           --limit N          train on the first N training images only\n"
    "           --augment-shift P  move each training image up to P pixels (0..8; default 0)\n"
    "           --augment-rotate D turn it up to D degrees either way (0..45; default 0)\n"
    "           --augment-scale F  resize it up to F larger or smaller (0..0.5; default 0)\n"
    "           --patience K       early stopping: end when the test loss has not fallen for K\n"
    "                              epochs, and keep the best epoch's weights (default 0: off)\n"
    "           --out FILE         save the trained model (checked before training starts)\n"
    "           --dataset D        mnist | fashion (default mnist)\n"
    "           --data DIR         folder with the dataset's four IDX files (default: the installed one)\n"
    "  eval     test accuracy and confusion matrix:  --model FILE [--dataset D] [--data DIR]\n"
    "  convert  rewrite a model file:  --model FILE --out FILE [--format float16 | float32 | int8]\n"
    "           float16 (default) halves the file; int8 (weights per output channel, the rest\n"
    "           float32) quarters it; float32 is exact\n"
    "  summary  layer table:  --spec SPEC\n"
    "  presets  every preset with its parameters and multiply-accumulates\n"
    "  bench    training and inference speed, GFLOP/s against the SIMD peak, per-layer times\n"
    "           --seconds S        rough time budget (default 3)   --batch B (default 64)\n"
    "           --spec SPEC        (default lenet5)   --data DIR   MNIST instead of synthetic images\n"
    "\n"
    "train, eval and bench take --memory-budget MB (default 1000): a model or batch that needs\n"
    "more is refused before anything is allocated.\n"
    "every command takes --json: one JSON object per line on stdout.\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "cnnplay: %s\n\n%s", message.c_str(), kUsage);
  return 2;
}

// --data DIR, else the folder of --dataset (mnist or fashion) that the build installed.
Expected<std::string> data_dir(const Args& args) {
  const std::string dataset = args.get("dataset", "mnist");
  const std::string dir = default_data_dir(dataset);
  if (dir.empty()) return make_error("--dataset " + dataset + ": expected mnist or fashion");
  return args.get("data", dir);
}

int fail(const std::string& message, bool json) {
  if (json) std::printf("%s\n", JsonLine().add("error", message).str().c_str());
  std::fprintf(stderr, "cnnplay: %s\n", message.c_str());
  return 1;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void print_progress(int epoch, int epochs, int done, int total, double loss, double rate) {
  constexpr int kWidth = 30;
  const int filled = total ? int(double(done) / total * kWidth) : kWidth;
  std::string bar(size_t(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\repoch %d/%d [%s] %5.1f%%  loss %.4f  %6.0f samples/s ", epoch, epochs, bar.c_str(),
               100.0 * done / total, loss, rate);
  std::fflush(stderr);
}

std::string schedule_text(const LrSchedule& s) {
  char buf[96];
  if (s.kind == LrSchedule::Kind::kStep)
    std::snprintf(buf, sizeof buf, ", x%g every %d epoch(s)", double(s.gamma), s.step_epochs);
  else if (s.kind == LrSchedule::Kind::kExponential)
    std::snprintf(buf, sizeof buf, ", x%g per epoch", double(s.gamma));
  else
    buf[0] = 0;
  return buf;
}

int cmd_summary(const Args& args) {
  const bool json = args.has("json");
  Expected<ModelSpec> spec = parse_spec(args.get("spec", "lenet5"));
  if (!spec) return fail(spec.error(), json);
  Expected<Summary> summary = summarize(*spec);
  if (!summary) return fail(summary.error(), json);
  if (json) std::printf("%s\n", summary_json(*summary).c_str());
  else std::printf("%s", summary_table(*summary).c_str());
  return 0;
}

// Every preset: its size, its cost, and whether `cnnplay train` takes it (the others are
// the course's networks for other inputs, shown as summaries).
int cmd_presets(const Args& args) {
  const bool json = args.has("json");
  if (!json) std::printf("%-16s %14s %16s  %s\n", "preset", "params", "MACs per image", "");
  for (const auto& [name, text] : spec_presets()) {
    Expected<ModelSpec> spec = parse_spec(text);
    Expected<Summary> s = spec ? summarize(*spec) : Expected<Summary>(make_error(spec.error()));
    if (!s) return fail(name + ": " + s.error(), json);
    // `cnnplay train` takes it: MNIST-shaped, and buildable within the limits Model::build checks.
    const bool mnist = spec->input == Shape3{1, 28, 28} && !s->rows.empty() && s->rows.back().output == Shape3{10, 1, 1};
    const bool fits = s->params <= kMaxBuildParams && check_memory(*spec, MemoryUse{}, name).ok();
    const std::string use = mnist && fits ? "trains on MNIST"
                            : !mnist ? "summary (" + spec->input.str() + " input, " + s->rows.back().output.str() + " classes)"
                                     : "summary (too large to build)";
    if (json)
      std::printf("{\"preset\":\"%s\",\"params\":%lld,\"nontrainable_params\":%lld,\"macs\":%lld,\"trains_on_mnist\":%s}\n",
                  name.c_str(), (long long)s->params, (long long)s->nontrainable, (long long)s->macs,
                  mnist && fits ? "true" : "false");
    else
      std::printf("%-16s %14s %16s  %s\n", name.c_str(), with_commas(s->params).c_str(), with_commas(s->macs).c_str(),
                  use.c_str());
  }
  return 0;
}

// The tensors of a model in the order a model file stores them (each layer's parameters, then
// its buffers), each with a label for cnnplay convert's report: "layer 2 weight".
struct LabelledTensor {
  std::string label;
  Tensor* value;
};

std::vector<LabelledTensor> labelled_tensors(Model& model) {
  std::vector<LabelledTensor> all;
  for (int i = 0; i < model.layer_count(); ++i) {
    const std::string layer = "layer " + std::to_string(i) + " ";
    for (const ParamRef& p : model.layer(i).params()) all.push_back({layer + p.name, p.value});
    int k = 0;
    for (Tensor* t : model.layer(i).buffers()) all.push_back({layer + "buffer " + std::to_string(k++), t});
  }
  return all;
}

// A model file in another format. The values written are read back, so the largest change
// reported (overall and per tensor) is the one a user of the new file gets.
int cmd_convert(const Args& args) {
  const bool json = args.has("json");
  if (!args.has("model") || !args.has("out")) return usage_error("convert needs --model FILE and --out FILE");
  const std::string format = args.get("format", "float16");
  if (format != "float16" && format != "float32" && format != "int8")
    return usage_error("--format " + format + ": expected float16, float32 or int8");
  const std::string in_path = args.get("model", ""), out_path = args.get("out", "");
  Expected<Model> model = load_model_file(in_path);
  if (!model) return fail(model.error(), json);
  Expected<std::vector<uint8_t>> bytes = format == "float16" ? save_model_f16(*model)
                                         : format == "int8"  ? save_model_int8(*model)
                                                             : Expected<std::vector<uint8_t>>(save_model(*model));
  if (!bytes) return fail(in_path + ": " + bytes.error(), json);
  Expected<Model> back = load_model(bytes->data(), bytes->size(), out_path);
  if (!back) return fail(back.error(), json);
  double largest = 0.0;
  int64_t values = 0;
  std::vector<LabelledTensor> a = labelled_tensors(*model), b = labelled_tensors(*back);
  std::vector<double> changes(a.size(), 0.0);
  std::string changes_json = "[";
  for (size_t t = 0; t < a.size(); ++t) {
    for (int64_t i = 0; i < a[t].value->size(); ++i)
      changes[t] = std::max(changes[t], double(std::fabs((*a[t].value)[i] - (*b[t].value)[i])));
    largest = std::max(largest, changes[t]);
    values += a[t].value->size();
    char shown[32];
    std::snprintf(shown, sizeof shown, "%.9g", changes[t]);
    changes_json += (t ? "," : "") + std::string(shown);
  }
  changes_json += "]";
  Status written = write_file(out_path, *bytes);
  if (!written) return fail(written.error(), json);
  if (json) {
    std::printf("%s\n", JsonLine()
                            .add("out", out_path)
                            .add_raw("tensor_changes", changes_json)  // largest change per tensor, file order
                            .add("format", format)
                            .add("values", values)
                            .add("bytes", int64_t(bytes->size()))
                            .add("largest_change", largest)
                            .str()
                            .c_str());
    return 0;
  }
  std::printf("wrote %s: %s, %lld values, %zu bytes, largest change %.3g\n", out_path.c_str(), format.c_str(),
              (long long)values, bytes->size(), largest);
  for (size_t t = 0; t < a.size(); ++t)
    std::printf("  tensor %zu (%s, %lld values): largest change %.3g\n", t, a[t].label.c_str(),
                (long long)a[t].value->size(), changes[t]);
  return 0;
}

int cmd_eval(const Args& args) {
  const bool json = args.has("json");
  if (!args.has("model")) return usage_error("eval needs --model FILE");
  Expected<Model> model = load_model_file(args.get("model", ""));
  if (!model) return fail(model.error(), json);
  Expected<std::string> dir = data_dir(args);
  if (!dir) return usage_error(dir.error());
  Expected<Dataset> test = load_mnist(*dir, "t10k");
  if (!test) return fail(test.error(), json);
  if (test->image_shape() != model->input_shape())
    return fail("the model expects " + model->input_shape().str() + " images, the data has " +
                test->image_shape().str(), json);
  Status fits = check_memory(model->spec(), MemoryUse{500}, "evaluating in batches of 500");
  if (!fits) return fail(fits.error() + " (raise --memory-budget)", json);
  const auto start = std::chrono::steady_clock::now();
  EvalResult r = evaluate(*model, *test);
  const double secs = seconds_since(start);
  const int k = model->classes();
  if (json) {
    std::string matrix = "[";
    for (int t = 0; t < k; ++t) {
      matrix += t ? ",[" : "[";
      for (int p = 0; p < k; ++p) matrix += (p ? "," : "") + std::to_string(r.confusion[size_t(t * k + p)]);
      matrix += "]";
    }
    matrix += "]";
    std::printf("%s\n", JsonLine()
                            .add("test_accuracy", r.accuracy)
                            .add("test_loss", r.loss)
                            .add("correct", r.correct)
                            .add("count", r.count)
                            .add("images_per_s", r.count / secs)
                            .add_raw("confusion", matrix)
                            .str()
                            .c_str());
    return 0;
  }
  std::printf("test accuracy %.2f%% (%d / %d), loss %.4f, %.0f images/s\n\n", 100.0 * r.accuracy, r.correct, r.count,
              r.loss, r.count / secs);
  std::printf("confusion matrix (rows: true digit, columns: predicted)\n      ");
  for (int p = 0; p < k; ++p) std::printf("%6d", p);
  std::printf("\n");
  for (int t = 0; t < k; ++t) {
    std::printf("%6d", t);
    for (int p = 0; p < k; ++p) std::printf("%6d", r.confusion[size_t(t * k + p)]);
    std::printf("\n");
  }
  return 0;
}

// Flags left out take the preset's own settings (train/preset_settings.h) when --spec names
// one that has them, else the global defaults.
Expected<TrainConfig> train_config(const Args& args) {
  TrainConfig c;
  const PresetSettings* preset = preset_settings(args.get("spec", "lenet5"));
  Expected<int> epochs = args.get_int("epochs", 1, 1, 1000);
  if (!epochs) return make_error(epochs.error());
  Expected<int> batch = args.get_int("batch", preset ? preset->batch : 32, 1, 60000);
  if (!batch) return make_error(batch.error());
  Expected<OptimizerKind> kind = parse_optimizer_kind(args.get("optimizer", preset ? optimizer_name(preset->optimizer) : "adam"));
  if (!kind) return make_error(kind.error());
  // The preset's rate is for its own optimizer; another optimizer gets that one's default.
  const bool preset_rate = preset && *kind == preset->optimizer;
  c.epochs = *epochs;
  c.batch = *batch;
  c.optimizer.kind = *kind;
  Expected<float> lr = args.get_float("lr", preset_rate ? preset->lr : default_learning_rate(*kind));
  Expected<float> momentum = args.get_float("momentum", 0.9f);
  Expected<float> decay = args.get_float("weight-decay", 0.0f);
  const bool preset_schedule = preset && !args.has("schedule");
  Expected<LrSchedule::Kind> schedule =
      preset_schedule ? Expected<LrSchedule::Kind>(preset->schedule.kind) : parse_schedule_kind(args.get("schedule", "constant"));
  if (!lr) return make_error(lr.error());
  if (!momentum) return make_error(momentum.error());
  if (!decay) return make_error(decay.error());
  if (!schedule) return make_error(schedule.error());
  const float default_gamma = preset_schedule ? preset->schedule.gamma
                              : *schedule == LrSchedule::Kind::kStep ? 0.5f
                              : *schedule == LrSchedule::Kind::kExponential ? 0.9f : 1.0f;
  Expected<float> gamma = args.get_float("gamma", default_gamma);
  Expected<int> step_epochs = args.get_int("step-epochs", preset_schedule ? preset->schedule.step_epochs : 1, 1, 1000);
  Expected<int> seed = args.get_int("seed", 1, 0, 2147483647);
  if (!gamma) return make_error(gamma.error());
  if (!step_epochs) return make_error(step_epochs.error());
  if (!seed) return make_error(seed.error());
  c.optimizer.lr = *lr;
  c.optimizer.momentum = *momentum;
  c.optimizer.weight_decay = *decay;
  c.schedule.kind = *schedule;
  c.schedule.gamma = *gamma;
  c.schedule.step_epochs = *step_epochs;
  c.seed = uint64_t(*seed);
  Expected<float> shift = args.get_float("augment-shift", 0.0f);
  Expected<float> rotate = args.get_float("augment-rotate", 0.0f);
  Expected<float> scale = args.get_float("augment-scale", 0.0f);
  if (!shift) return make_error(shift.error());
  if (!rotate) return make_error(rotate.error());
  if (!scale) return make_error(scale.error());
  c.augment = AugmentConfig{*shift, *rotate, *scale};
  return c;
}

int cmd_train(const Args& args) {
  const bool json = args.has("json");
  Expected<TrainConfig> config = train_config(args);
  if (!config) return usage_error(config.error());
  if (args.has("out")) {  // now, not after a long run whose weights it would lose
    Status writable = check_writable(args.get("out", ""));
    if (!writable) return fail(writable.error() + " (--out is checked before training starts)", json);
  }
  const std::string init_name = args.get("init", "auto");
  InitScheme init = init_name == "he" ? InitScheme::kHe : init_name == "glorot" ? InitScheme::kGlorot : InitScheme::kAuto;
  if (init_name != "auto" && init_name != "he" && init_name != "glorot")
    return usage_error("--init " + init_name + ": expected auto, he or glorot");

  Expected<std::string> dir = data_dir(args);
  if (!dir) return usage_error(dir.error());
  Expected<Dataset> train = load_mnist(*dir, "train");
  if (!train) return fail(train.error(), json);
  Expected<Dataset> test = load_mnist(*dir, "t10k");
  if (!test) return fail(test.error(), json);
  if (args.has("limit")) {
    Expected<int> limit = args.get_int("limit", train->count, 1, train->count);
    if (!limit) return usage_error(limit.error());
    *train = first_samples(*train, *limit);
  }
  Status valid = validate(*config, train->count);
  if (!valid) return usage_error(valid.error());

  Expected<Model> model = args.has("from") ? load_model_file(args.get("from", ""))
                                           : Model::build(args.get("spec", "lenet5"), config->seed, init);
  if (!model) return fail(model.error(), json);
  if (model->input_shape() != train->image_shape())
    return fail("the model expects " + model->input_shape().str() + " images, the dataset has " +
                train->image_shape().str() + " (start the spec with 'input 28x28x1')", json);
  if (model->classes() != train->classes)
    return fail("the model ends in " + std::to_string(model->classes()) + " outputs; the dataset has 10 classes", json);

  // The batch's activations, the optimizer's state and the test set's evaluation batch (500).
  Status fits = check_memory(model->spec(), MemoryUse{config->batch, 500, true, config->optimizer.kind},
                             "training with batch " + std::to_string(config->batch));
  if (!fits) return fail(fits.error() + " (try a smaller --batch, or raise --memory-budget)", json);

  Expected<int> patience = args.get_int("patience", 0, 0, 100);
  if (!patience) return usage_error(patience.error());
  std::optional<EarlyStopping> early;
  if (*patience > 0) early.emplace(*patience);

  const bool bar = !json && isatty(STDERR_FILENO);
  Trainer trainer(*model, *train, *config);
  if (!json)
    std::printf("training %s on %d images: %d epoch(s), batch %d, %s lr %g%s, seed %llu\n", model->spec_text().c_str(),
                train->count, config->epochs, config->batch, optimizer_name(config->optimizer.kind),
                double(config->optimizer.lr), schedule_text(config->schedule).c_str(),
                static_cast<unsigned long long>(config->seed));
  if (!json && (config->augment.active() || early))
    std::printf("augmentation: shift %g px, rotation %g degrees, scale %g; early stopping: %s\n", double(config->augment.shift),
                double(config->augment.rotate), double(config->augment.scale),
                early ? ("patience " + std::to_string(*patience)).c_str() : "off");
  if (!json && preset_settings(args.get("spec", "")))
    std::printf("(%s's own settings where no flag says otherwise: %s)\n", args.get("spec", "").c_str(),
                preset_settings(args.get("spec", ""))->why);
  const auto run_start = std::chrono::steady_clock::now();
  while (!trainer.finished()) {
    const int epoch = trainer.epoch();
    const auto epoch_start = std::chrono::steady_clock::now();
    double loss_sum = 0.0;
    int correct = 0, seen = 0, batches = 0;
    while (!trainer.finished() && trainer.epoch() == epoch) {
      Expected<BatchResult> r = trainer.train_batch();
      if (!r) return fail(r.error(), json);
      loss_sum += r->loss * r->count;
      correct += r->correct;
      seen += r->count;
      if (bar && (++batches % 20 == 0 || seen == train->count))
        print_progress(epoch + 1, config->epochs, seen, train->count, loss_sum / seen, seen / seconds_since(epoch_start));
    }
    const double train_secs = seconds_since(epoch_start);
    EvalResult eval = evaluate(*model, *test);
    if (bar) std::fprintf(stderr, "\r%100s\r", "");
    const double rate = seen / train_secs;
    if (json) {
      std::string norms = "[";  // the epoch's last batch: each weight tensor's gradient norm
      for (float g : trainer.grad_norms()) norms += (norms.size() > 1 ? "," : "") + compact_number(g);
      norms += "]";
      std::printf("%s\n", JsonLine()
                              .add("epoch", epoch + 1)
                              .add("loss", loss_sum / seen)
                              .add("train_accuracy", double(correct) / seen)
                              .add("test_accuracy", eval.accuracy)
                              .add("test_loss", eval.loss)
                              .add("samples_per_s", rate)
                              .add("lr", double(config->schedule.lr_at(config->optimizer.lr, epoch)))
                              .add("seconds", train_secs)
                              .add_raw("grad_norms", norms)
                              .str()
                              .c_str());
    } else {
      std::printf("epoch %d/%d  loss %.4f  train %.2f%%  test %.2f%%  %.0f samples/s  %.1f s\n", epoch + 1,
                  config->epochs, loss_sum / seen, 100.0 * correct / seen, 100.0 * eval.accuracy, rate, train_secs);
    }
    std::fflush(stdout);
    if (early && early->observe(epoch + 1, eval.loss, *model, 0)) break;
  }
  if (early && early->best_epoch() > 0) {
    const int last = trainer.epoch();  // epochs done
    const bool stopped = !trainer.finished();
    if (early->past_best(last)) model->restore_weights(early->best_weights());
    if (stopped || early->past_best(last)) {
      if (json) std::printf("%s\n", JsonLine().add("best_epoch", early->best_epoch()).add("stopped_early", stopped).str().c_str());
      else std::printf("%s\n", early->message(last, stopped).c_str());
    }
  }
  if (args.has("out")) {
    Status saved = save_model_file(*model, args.get("out", ""));
    if (!saved) return fail(saved.error(), json);
    if (!json) std::printf("saved %s (%.1f s in all)\n", args.get("out", "").c_str(), seconds_since(run_start));
  }
  return 0;
}

int cmd_bench(const Args& args) {
  const bool json = args.has("json");
  BenchOptions options;
  options.spec = args.get("spec", options.spec);
  options.data_dir = args.get("data", "");
  Expected<float> seconds = args.get_float("seconds", float(options.seconds));
  if (!seconds) return usage_error(seconds.error());
  if (!(*seconds > 0.0f && *seconds <= 3600.0f)) return usage_error("--seconds " + args.get("seconds", "") + " is not in (0, 3600]");
  Expected<int> batch = args.get_int("batch", options.batch, 1, 60000);
  if (!batch) return usage_error(batch.error());
  options.seconds = *seconds;
  options.batch = *batch;
  BenchResult r = run_bench(options);
  if (!r.error.empty()) return fail(r.error, json);
  if (json) std::printf("%s\n", bench_json(r).c_str());
  else std::printf("%s", bench_table(r).c_str());
  return 0;
}

}  // namespace
}  // namespace cnn

namespace cnn {
namespace {

int run(int argc, char** argv);

}  // namespace
}  // namespace cnn

// Every allocation is counted against the memory budget before it happens (model/memory.h);
// should one still fail, the user reads why instead of an abort.
int main(int argc, char** argv) {
#if defined(__cpp_exceptions)
  try {
    return cnn::run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "cnnplay: out of memory (try a smaller --batch or model, or a lower --memory-budget)\n");
    return 1;
  }
#else
  return cnn::run(argc, argv);
#endif
}

namespace cnn {
namespace {

int run(int argc, char** argv) {
  if (argc < 2) return usage_error("no command given");
  const std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::printf("%s", kUsage);
    return 0;
  }
  std::set<std::string> options, flags = {"json"};
  if (command == "train")
    options = {"spec", "epochs", "batch", "optimizer", "lr", "momentum", "weight-decay", "schedule", "gamma",
               "step-epochs", "init", "seed", "from", "limit", "out", "dataset", "data", "memory-budget",
               "augment-shift", "augment-rotate", "augment-scale", "patience"};
  else if (command == "eval")
    options = {"model", "dataset", "data", "memory-budget"};
  else if (command == "convert")
    options = {"model", "out", "format"};
  else if (command == "summary")
    options = {"spec"};
  else if (command == "presets")
    options = {};
  else if (command == "bench")
    options = {"spec", "seconds", "batch", "data", "memory-budget"};
  else
    return usage_error("unknown command '" + command + "'");
  Expected<Args> args = parse_args(argc, argv, options, flags);
  if (!args) return usage_error(args.error());
  Expected<int> budget_mb = args->get_int("memory-budget", int(kDefaultMemoryBudget / 1000000), 16, 1000000);
  if (!budget_mb) return usage_error(budget_mb.error());
  set_memory_budget(int64_t(*budget_mb) * 1000000);
  if (command == "train") return cmd_train(*args);
  if (command == "eval") return cmd_eval(*args);
  if (command == "convert") return cmd_convert(*args);
  if (command == "bench") return cmd_bench(*args);
  if (command == "presets") return cmd_presets(*args);
  return cmd_summary(*args);
}

}  // namespace
}  // namespace cnn
