// What every peer shares, so that they all run the same benchmark: the model (LeNet-5 as in our
// `lenet5` preset), the synthetic MNIST-shaped data, the optimizer settings and the timing rules.
// Plain ES module with no Node or browser dependency: the TF.js wasm peer also runs in Chromium.
//
// Timing rules (the same for every peer):
//   train      warm-up steps (one only if it took `seconds`), then batch-64 SGD-momentum steps
//              until `seconds` have passed (at least kMinTimed); samples/s = steps * 64 / elapsed.
//   latency    batch 1 forward (with softmax, result read back), median over `seconds`/2.
//   inference  batch 1000 forward, one warm-up, then repeated until `seconds` have passed.

export const kImage = { height: 28, width: 28, channels: 1 };
export const kPixels = kImage.height * kImage.width * kImage.channels;
export const kClasses = 10;
export const kTrainBatch = 64;
export const kInferBatch = 1000;
export const kLearningRate = 0.01;
export const kMomentum = 0.9;
export const kWarmupSteps = 2;
export const kMinTimed = 1;

// The model, in words and in the shapes each peer builds (NHWC in TF.js, CHW in ConvNetJS).
export const kModelText = 'conv 6 5x5 same relu, maxpool 2, conv 16 5x5 valid relu, maxpool 2, ' +
  'flatten, dense 120 relu, dense 84 relu, dense 10, softmax cross-entropy';

// xorshift32: the same bytes in Node and in the browser, for any peer.
export function makeRng(seed = 0x9e3779b9) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

// `count` images of 28x28x1 in [0, 1) and their labels in [0, 10). Speed does not depend on the
// values, but random pixels keep every ReLU and max-pool branch busy, as real digits do.
export function syntheticData(count, seed = 1) {
  const rng = makeRng(seed);
  const images = new Float32Array(count * kPixels);
  for (let i = 0; i < images.length; ++i) images[i] = rng();
  const labels = new Int32Array(count);
  for (let i = 0; i < count; ++i) labels[i] = Math.floor(rng() * kClasses);
  return { images, labels };
}

export const now = () => performance.now();

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Calls `step` (sync or async) `warmup` times untimed (fewer if warming up already took `seconds`:
// a peer at several seconds per step is warm after one), then until `seconds` have passed and it
// ran at least `minIters` times (at most `maxIters`). Returns each timed call's milliseconds.
export async function timeLoop(step, { seconds, warmup = 1, minIters = 1, maxIters = Infinity }) {
  const warmStart = now();
  for (let i = 0; i < warmup && (i === 0 || now() - warmStart < seconds * 1000); ++i) await step();
  const times = [];
  const start = now();
  while (times.length < maxIters && (times.length < minIters || now() - start < seconds * 1000)) {
    const t0 = now();
    await step();
    times.push(now() - t0);
  }
  return { times, elapsedMs: now() - start };
}

// The three numbers from the three loops; `train` may be null with a reason.
export function summarize({ trainTimes, latencyTimes, inferTimes }) {
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  return {
    train_samples_per_s: trainTimes ? (trainTimes.length * kTrainBatch) / (sum(trainTimes) / 1000) : null,
    train_steps_timed: trainTimes ? trainTimes.length : 0,
    infer_latency_ms: median(latencyTimes),
    infer_latency_runs: latencyTimes.length,
    infer_images_per_s: (inferTimes.length * kInferBatch) / (sum(inferTimes) / 1000),
    infer_batches_timed: inferTimes.length,
  };
}
