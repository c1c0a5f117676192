// The protocol between the engine and the UI: commands in, events out.
//
// This is the only engine header ui/ includes. Everything here is a plain struct; the
// two std::variants list every message. Commands are imperative (StartTraining), events
// past tense (EpochFinished). Every message carries a request_id: an event answering a
// command repeats the command's id; events the engine raises on its own (progress,
// epochs) carry 0, or the id of the StartTraining they belong to.
//
// One engine, two transports (see Transport below): a Web Worker in the browser
// (web/worker_transport.cpp, bytes through postMessage) and a std::thread natively
// (thread_transport.h). Both move messages as the bytes of encode()/decode_*(), so the
// codec is exercised on every path and round-trip tested in tests/protocol/.
//
// Wire format (little-endian): u8 version (kProtocolVersion), u8 message index in its
// variant, u32 request_id, then the fields in declaration order. Strings and arrays are
// a u32 count and the elements. Decoding checks every count against the bytes left and
// rejects trailing bytes, so garbage gives an error, never a crash.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "util/expected.h"

namespace cnn::protocol {

constexpr uint8_t kProtocolVersion = 10;  // 3: rows inside blocks; 4: BuildModel, lr_decay, suggested settings;
                                         // 5: SpecSummarized answers a bad spec with its place,
                                         //    EpochFinished carries the confusion matrix, FindTestImages,
                                         //    TrainSettings the optimizers' parameters and L2;
                                         // 6: TraceOptimizers; 7: TraceConvBackward, TraceSeparable;
                                         // 8: augmentation, early stopping, PreviewTraining,
                                         //    FindTopActivations; 9: ChooseDataset (Fashion-MNIST),
                                         //    TrainingProgressed.grad_norms; 10: TraceDropout
constexpr int kDigitSide = 28;                         // the network's input: 28x28 grey
constexpr int kDigitPixels = kDigitSide * kDigitSide;
constexpr int kMaxPredictSide = 512;                   // largest raster Predict accepts

// ---- Shared value types ----------------------------------------------------------

enum class Optimizer : uint8_t { kSgd, kMomentum, kAdam };
// The training and test images: LeCun's handwritten digits, or Zalando's Fashion-MNIST (ten kinds
// of clothing, the same 28x28 grey and 60,000 + 10,000 images). Both come as the same four IDX files.
enum class DatasetName : uint8_t { kMnist, kFashion };
enum class StartFrom : uint8_t { kCurrentWeights, kFreshInit };

// Random changes to each training image, drawn anew every time it is used (data/augment.h).
struct Augmentation {
  float shift = 0;   // up to this many pixels in x and in y, 0..8
  float rotate = 0;  // up to this many degrees either way, 0..45
  float scale = 0;   // up to this fraction larger or smaller, 0..0.5
};

struct TrainSettings {
  StartFrom start = StartFrom::kCurrentWeights;
  int32_t epochs = 1;
  int32_t batch = 64;
  float lr = 1e-3f;
  Optimizer optimizer = Optimizer::kAdam;
  uint64_t seed = 1;
  int32_t limit = 0;  // train on the first `limit` samples only (0: all); for quick demos and tests
  float lr_decay = 1.0f;  // the rate is multiplied by this after every epoch (1: constant), in (0, 1]
  int32_t decay_every = 1;  // ... after every this many epochs: 1 decays each epoch (exponential), 2..
                            // in steps
  // The optimizers' own parameters (engine/optim/optimizer.h checks them).
  float momentum = 0.9f;    // momentum: how much of the last step's velocity is kept, [0, 1)
  float beta1 = 0.9f, beta2 = 0.999f;  // Adam: decay of the gradient's mean and of its square, [0, 1)
  float weight_decay = 0;   // L2: each step also pulls every weight towards 0 by lr x this x w, [0, 1)
  Augmentation augment{};   // none
  int32_t patience = 0;     // early stopping: end the run when the test loss has not fallen for this
                            // many epochs, and keep the weights of the epoch where it was lowest
                            // (also when the run ends on its own); 0: off, 1..100
};

// One row of the model summary (as `cnnplay summary`): a Keras layer. Inside a residual or
// parallel block the rows of each path come one level deeper, then the block's own row
// (add or concatenate) with its output and its paths' totals.
struct SummaryRow {
  std::string name;    // conv2d, max_pooling2d, dense, add, concatenate, ...
  std::string text;    // the spec statement, "conv 6 5x5 same relu"; a block's: "+ identity shortcut relu"
  std::string output;  // "28x28x6"
  int64_t params = 0;
  int64_t macs = 0;
  int32_t depth = 0;   // 0 at the top level, 1 inside a block, ...
  int32_t path = 0;    // which path of the enclosing block (0: the main path or first branch)
  bool block = false;  // the row that closes a block
};

struct ModelSummary {
  std::string spec_text;   // canonical, one line: "conv 6 5x5 same relu; maxpool 2; ..."
  std::string spec_lines;  // the same, one statement per line (a block's paths indented), to edit
  std::string input;   // "28x28x1"
  std::vector<SummaryRow> rows;
  int64_t params = 0, trainable = 0, macs = 0;
};

// A small stack of grey images for the teaching views: channels x height x width,
// row-major, channel by channel (the engine's CHW).
struct Image {
  int32_t channels = 1, height = 0, width = 0;
  std::vector<float> values;  // channels * height * width
};

// Receptive-field arithmetic of one layer's output along one axis, in input pixels: output
// row y sees input rows first + y * jump .. first + y * jump + size - 1, clipped to the image
// (LayerActivation::field; columns alike with x in field_x). `first` is negative where
// padding reaches outside the input. Flatten keeps the field of the map before it (its
// element (c * h + y) * w + x is that map's pixel (y, x)); from the first dense layer on the
// field is the whole input (size = its side, first 0, jump 1).
struct ReceptiveField {
  int32_t size = 1, jump = 1, first = 0;
};

// What one layer of the current model made of the input (NetworkInspected).
struct LayerActivation {
  std::string name;        // Keras name: conv2d, max_pooling2d, dense, ...
  std::string text;        // the spec statement, "conv 6 5x5 same relu"
  Image output;            // dense layers: channels = units, height = width = 1
  ReceptiveField field;    // of this layer's output on the 28x28 input: rows
  ReceptiveField field_x;  // columns: equal to `field` unless a kernel or window is not square
  Image kernels;           // conv layers: channels = out * in, each height x width (the f x f
                           // kernel of output channel o over input channel i is o * in + i);
  int32_t kernel_inputs = 0;  // `in` above (0: the layer has no kernels)
  std::vector<float> biases;  // conv and dense layers, one per output channel / unit
  int32_t depth = 0, path = 0;  // as SummaryRow: every path's layers are shown, then the block
  bool block = false;
};

enum class PoolMode : uint8_t { kMax, kAverage };

// Why a run ended (TrainingStopped). kDiverged and kFailed roll the weights back.
// kEarlyStopped: the test loss stopped falling (TrainSettings::patience); the model has the
// best epoch's weights.
enum class StopReason : uint8_t { kFinished, kStopped, kDiverged, kFailed, kEarlyStopped };

// The 2-D loss surfaces of TraceOptimizers (engine/teach/optimizer_path.h has the formulas).
enum class Surface : uint8_t { kBowl, kRosenbrock, kSaddle };
// TraceConvBackward's upstream gradient dZ: all ones, 1, 2, 3, ... row-major, or a 1 on one cell.
enum class Upstream : uint8_t { kOnes, kCounting, kOneCell };
struct PathSettings {        // one optimizer of TraceOptimizers
  Optimizer optimizer = Optimizer::kSgd;
  float lr = 0.1f;
  float momentum = 0.9f;             // momentum's
  float beta1 = 0.9f, beta2 = 0.999f;  // Adam's
};
struct OptimizerPath {       // the start, then the point after each step
  Optimizer optimizer = Optimizer::kSgd;
  std::vector<float> x, y, loss;
  int32_t diverged_at = -1;  // the step that left |x|, |y| <= 1e4 (the path ends there); -1: none
};

// ---- Commands (UI -> engine) ------------------------------------------------------

struct LoadModel {           // replaces the model; on error the current one stays
  uint32_t request_id = 0;
  std::string name;          // file name, for messages
  std::vector<uint8_t> bytes;
  bool shipped = false;      // the playground's own model: kept for RestoreShippedModel
};
struct Predict {             // a grey raster (0..1, row-major), any size up to kMaxPredictSide
  uint32_t request_id = 0;
  int32_t width = 0, height = 0;
  bool preprocess = true;    // MNIST-style: crop, fit 20x20, centre of mass (data/digit_preprocess.h)
  std::vector<float> pixels;
};
struct StartTraining {
  uint32_t request_id = 0;
  TrainSettings settings;
};
struct PauseTraining { uint32_t request_id = 0; };
struct ResumeTraining { uint32_t request_id = 0; };
struct StopTraining { uint32_t request_id = 0; };
struct StepBatch { uint32_t request_id = 0; };     // one batch while paused
struct SaveModel { uint32_t request_id = 0; };
struct GetSummary { uint32_t request_id = 0; };
struct ProvideDataset {      // the four IDX files, raw (answers DatasetRequested)
  uint32_t request_id = 0;
  std::vector<uint8_t> train_images, train_labels, test_images, test_labels;
  std::string failure;       // non-empty: the download failed, and this says why (the files
                             // are then empty); everything that waited is answered with it
  DatasetName dataset = DatasetName::kMnist;  // files of one no longer chosen are dropped
};
struct ChooseDataset {       // the dataset that runs, test images and searches use from now on
  uint32_t request_id = 0;   // (MNIST until chosen). Answered by DatasetChosen; the other one's
  DatasetName dataset = DatasetName::kMnist;  // images are dropped and downloaded again when needed.
};                           // Refused during a run. The model stays: it is not retrained.
struct RestoreShippedModel { uint32_t request_id = 0; };  // back to the LoadModel marked shipped
struct BuildModel {          // a fresh model from spec text or a preset name (engine/model/spec.h),
  uint32_t request_id = 0;   // initialised from `seed`; it must take 28x28x1 and give 10 classes.
  std::string spec;          // Answered with ModelLoaded; on error the current model stays.
  uint64_t seed = 1;
};

// Teaching views. Each answers with the engine's own layer output and the step trace at one
// output position, so the views show what the engine computes and never redo it.
struct TraceConvolution {    // one output channel: sides 1..64, channels 1..3, kernel 1..7
  uint32_t request_id = 0;
  Image input;               // c x h x w
  Image kernel;              // c x f x f (channels equal to the input's)
  float bias = 0;
  int32_t padding = 0;       // zeros on every side, 0..8
  int32_t stride = 1;        // 1..8
  bool flip = false;         // true convolution: the kernel rotated by 180 degrees first
  int32_t out_y = 0, out_x = 0;  // the position to trace
};
struct TracePooling {        // one channel: sides 1..64, window 1..8, stride 1..8
  uint32_t request_id = 0;
  Image input;
  PoolMode mode = PoolMode::kMax;
  int32_t window = 2, stride = 2;
  int32_t out_y = 0, out_x = 0;  // the position to trace; a gradient of 1 is placed on it
};
struct InspectNetwork {      // every layer's output for a 28x28 input (Predicted.input)
  uint32_t request_id = 0;
  std::vector<float> input;
};
struct SummarizeSpec {       // a preset name (lenet5, alexnet, vgg16) or spec text; summary only
                             // (always answered by SpecSummarized, also for a bad spec)
  uint32_t request_id = 0;
  std::string spec;
};
struct GetTestImage {        // MNIST test image `index`; asks for the dataset first if needed
  uint32_t request_id = 0;
  int32_t index = 0;
};
struct FindTestImages {      // the test images of one confusion-matrix cell: true class `label`,
  uint32_t request_id = 0;   // answered `predicted` by the current model (its largest output)
  int32_t label = 0, predicted = 0;  // 0..9
  int32_t max = 12;          // at most this many (1..kMaxFoundImages), in test-set order
};                           // the test set must be loaded and no run training (weights still)
constexpr int kMaxFoundImages = 64;
struct TraceOptimizers {     // up to 4 optimizers from one start on a 2-D surface (note 004): the
  uint32_t request_id = 0;   // engine's own Optimizer steps the point (x, y) down the gradient
  Surface surface = Surface::kBowl;
  bool surface_start = true; // start where the surface's lesson starts, else at (start_x, start_y)
  float start_x = 0, start_y = 0;  // within 100 of (0, 0)
  int32_t steps = 50;        // 1..2000
  std::vector<PathSettings> optimizers;
  int32_t grid = 64;         // the surface's values on grid x grid points (2..128), for its contours
};

struct TraceConvBackward {   // note 000's conv_backward on one output channel, stepped: sides
  uint32_t request_id = 0;   // 1..16, channels 1..3, kernel 1..5 (engine/teach/conv_backward_trace.h)
  Image input;               // c x h x w
  Image kernel;              // c x f x f
  int32_t padding = 0;       // 0..3
  int32_t stride = 1;        // 1..3
  Upstream upstream = Upstream::kOnes;
  int32_t cell = 0;          // kOneCell: the output position (row-major) whose gradient is 1
  int32_t steps = 0;         // output positions added so far, 0..oh*ow
};
struct PreviewTraining {     // what a run with these settings would do, before it starts: its
  uint32_t request_id = 0;   // learning rate per epoch, and its first batch's first `count` images
  TrainSettings settings;    // (0..32) as they will be trained on, augmented; asks for the dataset
  int32_t count = 8;         // when images are wanted and it is not loaded yet
};
constexpr int kMaxPreviewImages = 32;
struct FindTopActivations {  // feature visualization (note 004, section 8): the test images that
  uint32_t request_id = 0;   // excite channel `channel` of statement `statement` (an index into
  int32_t statement = 0;     // NetworkInspected::layers, outside any block, with a feature map
  int32_t channel = 0;       // out) most: the largest value anywhere in its map. Asks for the
  int32_t count = 9;         // dataset if it is not loaded; searched in slices; 1..kMaxTopImages
};
constexpr int kMaxTopImages = 16;
struct TraceSeparable {       // depthwise-separable convolution (note 002), one cell of either step:
  uint32_t request_id = 0;   // sides 1..16, channels 1..4, f 1..5, 1..8 pointwise filters
  Image input;               // c x h x w
  Image depthwise;           // c x f x f: one kernel a channel
  Image pointwise;           // n' x c x 1: one 1x1xc kernel a row
  int32_t padding = 0;       // 0..3
  int32_t stride = 1;        // 1..3
  bool pointwise_step = false;  // the cell is the pointwise step's (else the depthwise step's)
  int32_t cell = 0;          // channel by channel, row-major in each
};

struct TraceDropout {          // one training step's inverted dropout on c x h x w maps (a layer's
  uint32_t request_id = 0;     // output): channels 1..64, sides 1..64, rate 0..0.95; the mask the
  Image input;                 // engine's Dropout layer draws from the dropout stream of `seed`
  float rate = 0.5f;
  uint64_t seed = 1;
};

using Command = std::variant<LoadModel, Predict, StartTraining, PauseTraining, ResumeTraining, StopTraining,
                             StepBatch, SaveModel, GetSummary, ProvideDataset, TraceConvolution, TracePooling,
                             InspectNetwork, SummarizeSpec, GetTestImage, RestoreShippedModel, BuildModel,
                             FindTestImages, TraceOptimizers, TraceConvBackward, TraceSeparable,
                             PreviewTraining, FindTopActivations, ChooseDataset, TraceDropout>;

// ---- Events (engine -> UI) --------------------------------------------------------

struct EngineReady { uint32_t request_id = 0; };
struct ModelLoaded {         // after LoadModel, BuildModel and GetSummary, and after a fresh init
  uint32_t request_id = 0;
  std::string name;
  ModelSummary summary;
  // BuildModel of a preset with training settings of its own (engine/train/preset_settings.h):
  // those settings (epochs, start, seed and limit left at their defaults) and why.
  bool has_suggested = false;
  TrainSettings suggested;
  std::string suggestion;
};
struct Predicted {
  uint32_t request_id = 0;
  std::vector<float> probs;  // one per class, summing to 1
  std::vector<float> input;  // the 28x28 image the network saw
  std::string doubt;         // "" or why the drawing may not be a digit at all (preprocess only;
                             // data/digit_preprocess.h): the answer then means little
};
struct DatasetRequested {   // training waits for ProvideDataset of this dataset
  uint32_t request_id = 0;
  DatasetName dataset = DatasetName::kMnist;
};
struct DatasetChosen {
  uint32_t request_id = 0;
  DatasetName dataset = DatasetName::kMnist;
};
struct DatasetDownloadProgressed {                     // raised by the worker while fetching
  uint32_t request_id = 0;
  double loaded_bytes = 0, total_bytes = 0;            // total 0: unknown
};
struct DatasetLoaded {
  uint32_t request_id = 0;
  int32_t train_count = 0, test_count = 0;
  DatasetName dataset = DatasetName::kMnist;
};
struct TrainingStarted {
  uint32_t request_id = 0;
  TrainSettings settings;
  int64_t total_samples = 0;  // epochs x training samples
};
struct TrainingProgressed {  // at most once per tick, summarizing the batches since the last one
  uint32_t request_id = 0;
  int32_t epoch = 0;          // 0-based, the epoch in progress
  int32_t epochs = 0;
  int64_t samples_done = 0, total_samples = 0;
  double samples_per_s = 0, seconds_left = 0;
  double loss = 0, accuracy = 0;  // over the batches since the last event
  float lr = 0;
  std::vector<float> grad_norms;  // the last batch's gradient norm of each weight tensor, in
                                  // depth order (engine/train/trainer.h: Trainer::grad_norms)
};
struct EpochFinished {
  uint32_t request_id = 0;
  int32_t epoch = 0;          // 1-based: the epoch just finished
  double train_loss = 0, train_accuracy = 0;
  double test_loss = 0, test_accuracy = 0;
  double seconds = 0;         // training time of this epoch (pauses excluded)
  std::vector<int32_t> confusion;  // the test set's [true][predicted] counts, 10 x 10, row-major
  int32_t best_epoch = 0;     // early stopping: the epoch of the lowest test loss so far (0: off)
};
struct TrainingPaused { uint32_t request_id = 0; };
struct TrainingResumed { uint32_t request_id = 0; };
struct TrainingStopped {
  uint32_t request_id = 0;
  StopReason reason = StopReason::kStopped;
  std::string message;        // kDiverged, kFailed: what happened, what to try, and which
                              // weights the model now has (a ModelLoaded follows a roll-back);
                              // early stopping: which epoch's weights were kept, and why
  int64_t weights_samples = 0;  // samples of this run the current weights have learned from:
                                // total_samples when finished, 0 for the weights from before
                                // the run, k x (training samples) for the end of epoch k
  bool finished() const { return reason == StopReason::kFinished; }
};
struct ModelSaved {
  uint32_t request_id = 0;
  std::vector<uint8_t> bytes;  // a .bin model file (io/model_file.h)
};
struct ErrorRaised {
  uint32_t request_id = 0;
  std::string message;
};

struct ConvolutionTraced {
  uint32_t request_id = 0;
  Image padded;              // the input with its zero border: c x (h + 2p) x (w + 2p)
  Image kernel;              // the kernel slid over it (rotated when flip)
  Image output;              // 1 x oh x ow, from the engine's conv2d layer
  int32_t out_y = 0, out_x = 0;
  int32_t window_y = 0, window_x = 0;  // top-left of the window in `padded`
  std::vector<float> patch;          // c x f x f, the padded input under the window
  std::vector<float> products;       // patch * kernel, element by element
  std::vector<float> channel_sums;   // c: the products of each channel added up
  float bias = 0;
  float sum = 0;             // bias + all products: equals output at (out_y, out_x)
};
struct PoolingTraced {
  uint32_t request_id = 0;
  Image output;              // 1 x oh x ow, from the engine's pooling layer
  int32_t out_y = 0, out_x = 0;
  int32_t window_y = 0, window_x = 0;  // top-left of the window in the input
  std::vector<float> patch;          // window x window
  int32_t argmax = -1;       // max: index in patch of the value chosen; average: -1
  float value = 0;           // equals output at (out_y, out_x)
  Image input_gradient;      // the layer's backward pass of a gradient 1 at (out_y, out_x)
};
struct NetworkInspected {
  uint32_t request_id = 0;
  std::vector<float> input;             // 28x28, as given
  std::vector<LayerActivation> layers;  // in order, after each layer's activation
  std::vector<float> probs;             // softmax of the last layer's output (a plain last
                                        // "dense 10" shows logits; "dense 10 softmax" shows these)
};
struct SpecSummarized {
  uint32_t request_id = 0;
  std::string name;          // the spec as asked
  ModelSummary summary;      // empty (no rows) when the spec has an error
  std::string error;         // "" or what is wrong and where: "spec line 3, column 1 (layer 3): ..."
  int32_t error_offset = -1; // the byte of `name` the error points at (-1: none, or no error)
  std::string build_problem; // "" when BuildModel would make this network in the playground, else
                             // why not: "this network takes 224x224x3 inputs ...", too many weights
};
struct TestImageProvided {
  uint32_t request_id = 0;
  int32_t index = 0, label = 0, count = 0;  // count: images in the test set
  std::vector<float> pixels;                // 28x28, 0..1
};
struct TestImagesFound {     // answers FindTestImages (searched in slices between ticks)
  uint32_t request_id = 0;
  int32_t label = 0, predicted = 0;
  int32_t scanned = 0;              // test images looked at: all, unless `max` were found first
  std::vector<int32_t> indices;     // test-set indices, in order
  std::vector<float> pixels;        // 28x28 per image, 0..1
  std::vector<float> probs;         // 10 per image: the model's softmax
};

struct OptimizersTraced {
  uint32_t request_id = 0;
  Surface surface = Surface::kBowl;
  std::string formula;       // "f = 0.1 x^2 + 2 y^2"
  float x0 = 0, x1 = 0, y0 = 0, y1 = 0;  // the region `values` covers, ends included
  float min_x = 0, min_y = 0;            // a minimum of the surface
  Image values;              // 1 x grid x grid: f, row 0 at y0, column 0 at x0
  std::vector<OptimizerPath> paths;      // in the order asked
};
struct ConvBackwardTraced {
  uint32_t request_id = 0;
  Image padded;              // c x (h + 2p) x (w + 2p): the input with its zero border
  Image dz;                  // 1 x oh x ow: the upstream gradient
  int32_t steps = 0;         // positions added
  int32_t out_y = -1, out_x = -1;      // the position added last (-1: none yet)
  int32_t window_y = 0, window_x = 0;  // its window's top-left in `padded`
  Image d_padded;            // dA_prev_pad after `steps` positions (its border is cut off at the end)
  Image dw;                  // c x f x f, after `steps` positions
  float db = 0;
  Image kernel_dx;           // the engine's backward kernel over every position: dA_prev (c x h x w),
  Image kernel_dw;           // dW and db
  float kernel_db = 0;
  bool equals_kernel = false;  // every position added, and each value the kernel's to the bit
};
struct TrainingPreviewed {
  uint32_t request_id = 0;
  std::vector<float> lr;     // the learning rate of epochs 1..epochs (the engine's schedule)
  Image originals;           // count x 28 x 28: the first batch's first images, as stored
  Image augmented;           // the same images as the run trains on them (equal without augmentation)
  std::vector<int32_t> labels;
};
struct TopActivationsFound {
  uint32_t request_id = 0;
  int32_t statement = 0, channel = 0;
  int32_t scanned = 0;                 // test images looked at: all of them
  std::vector<int32_t> indices;        // test-set indices, the strongest first (ties: the earlier)
  std::vector<float> activations;      // each image's largest value in the channel's map
  std::vector<int32_t> positions;      // y, x of that value in the map, per image
  std::vector<int32_t> windows;        // its receptive field in the image, clipped: y0, x0, y1, x1
                                       // (inclusive), per image
  std::vector<float> pixels;           // 28x28 per image, 0..1
  std::vector<int32_t> labels;
};
struct SeparableTraced {
  uint32_t request_id = 0;
  Image depthwise_out;       // c x oh x ow, from the engine's depthwise kernel
  Image pointwise_out;       // n' x oh x ow, from its convolution kernel (1x1)
  bool pointwise_step = false;
  int32_t cell = 0;
  int32_t channel = 0, out_y = 0, out_x = 0;  // the cell: a depthwise channel or a pointwise filter
  int32_t window_y = 0, window_x = 0;  // depthwise: the window's top-left in the input (< 0 in the border)
  std::vector<float> values;   // the window (f x f) or the c depthwise outputs at the cell
  std::vector<float> weights;  // its kernel, or the filter's c weights
  std::vector<float> products; // values * weights
  float sum = 0;             // equals the output cell
  int64_t depthwise_macs = 0, pointwise_macs = 0, normal_macs = 0;  // a normal f x f conv, c -> n'
  int64_t done_macs = 0;     // both steps' multiplications up to and including this cell
};

struct DropoutTraced {
  uint32_t request_id = 0;
  Image output;              // the input x mask / (1 - rate): the layer's training output
  Image mask;                // 1 kept, 0 dropped
  int64_t kept = 0, total = 0;
};

using Event = std::variant<EngineReady, ModelLoaded, Predicted, DatasetRequested, DatasetDownloadProgressed,
                           DatasetLoaded, TrainingStarted, TrainingProgressed, EpochFinished, TrainingPaused,
                           TrainingResumed, TrainingStopped, ModelSaved, ErrorRaised, ConvolutionTraced,
                           PoolingTraced, NetworkInspected, SpecSummarized, TestImageProvided, TestImagesFound,
                           OptimizersTraced, ConvBackwardTraced, SeparableTraced, TrainingPreviewed,
                           TopActivationsFound, DatasetChosen, DropoutTraced>;

uint32_t request_id_of(const Command& command);
uint32_t request_id_of(const Event& event);
const char* name_of(const Command& command);  // "StartTraining"
const char* name_of(const Event& event);      // "EpochFinished"
const char* optimizer_name(Optimizer optimizer);  // "sgd", "momentum", "adam"
const char* dataset_name(DatasetName dataset);    // "mnist", "fashion" (the CLI's --dataset)

// ---- Codec -------------------------------------------------------------------------

std::vector<uint8_t> encode(const Command& command);
std::vector<uint8_t> encode(const Event& event);
// "message: 12 bytes left, string of 40 bytes"; never throws or aborts.
Expected<Command> decode_command(const uint8_t* data, size_t size);
Expected<Event> decode_event(const uint8_t* data, size_t size);

// ---- Transport ---------------------------------------------------------------------

// The UI's end of the seam. send() never blocks on the engine; poll() returns the events
// that arrived since the last call, oldest first.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual void send(const Command& command) = 0;
  virtual std::vector<Event> poll() = 0;
};

}  // namespace cnn::protocol
