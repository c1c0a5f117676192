// LeNet-5 in TensorFlow.js core ops (NHWC), and the benchmark loops, for any backend. Takes the
// `tf` namespace as an argument: Node passes the npm modules, the Chromium worker the UMD bundles.
// Core ops rather than tf.layers: the model is eight ops, and the optimizer is TF.js's own
// tf.train.momentum, so this is what a TF.js user gets without a layers-API overhead on top.
import {
  kClasses, kImage, kInferBatch, kLearningRate, kMinTimed, kMomentum, kTrainBatch,
  kWarmupSteps, now, summarize, syntheticData, timeLoop,
} from './common.mjs';

function heNormal(tf, shape, fanIn, seed) {
  return tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed));
}

// Weights as TF.js lays them out: conv [KH][KW][IC][OC], dense [IN][OUT].
export function makeLeNet5(tf) {
  const p = {
    w1: heNormal(tf, [5, 5, 1, 6], 25, 1), b1: tf.variable(tf.zeros([6])),
    w2: heNormal(tf, [5, 5, 6, 16], 150, 2), b2: tf.variable(tf.zeros([16])),
    w3: heNormal(tf, [400, 120], 400, 3), b3: tf.variable(tf.zeros([120])),
    w4: heNormal(tf, [120, 84], 120, 4), b4: tf.variable(tf.zeros([84])),
    w5: heNormal(tf, [84, 10], 84, 5), b5: tf.variable(tf.zeros([10])),
  };
  // x: [N, 28, 28, 1] -> logits [N, 10]
  const logits = (x) => {
    let h = tf.relu(tf.add(tf.conv2d(x, p.w1, 1, 'same'), p.b1));          // [N,28,28,6]
    h = tf.maxPool(h, 2, 2, 'valid');                                       // [N,14,14,6]
    h = tf.relu(tf.add(tf.conv2d(h, p.w2, 1, 'valid'), p.b2));             // [N,10,10,16]
    h = tf.maxPool(h, 2, 2, 'valid');                                       // [N,5,5,16]
    h = tf.reshape(h, [-1, 400]);
    h = tf.relu(tf.add(tf.matMul(h, p.w3), p.b3));
    h = tf.relu(tf.add(tf.matMul(h, p.w4), p.b4));
    return tf.add(tf.matMul(h, p.w5), p.b5);
  };
  return { params: p, logits };
}

// Runs the three measurements; `seconds` bounds each timed loop. Training is attempted once:
// if the backend cannot differentiate the model, train is null and train_error says why.
export async function benchTfjs(tf, { seconds = 3 } = {}) {
  const model = makeLeNet5(tf);
  const { images, labels } = syntheticData(kInferBatch, 7);
  const shape = (n) => [n, kImage.height, kImage.width, kImage.channels];
  const xTrain = tf.tensor4d(images.subarray(0, kTrainBatch * 784), shape(kTrainBatch));
  const yTrain = tf.oneHot(tf.tensor1d(labels.subarray(0, kTrainBatch), 'int32'), kClasses);
  const xOne = tf.tensor4d(images.subarray(0, 784), shape(1));
  const xBig = tf.tensor4d(images, shape(kInferBatch));

  const optimizer = tf.train.momentum(kLearningRate, kMomentum);
  const trainStep = () => {
    const loss = optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(yTrain, model.logits(xTrain)), true);
    loss.dataSync();
    loss.dispose();
  };
  let trainTimes = null;
  let trainError = null;
  try {
    const t0 = now();
    trainStep(); // the first warm-up step; throws when a gradient kernel is missing
    const warmup = now() - t0 > seconds * 1000 ? 0 : kWarmupSteps - 1;
    trainTimes = (await timeLoop(trainStep, { seconds, warmup, minIters: kMinTimed })).times;
  } catch (error) {
    trainError = String(error?.message ?? error).split('\n')[0];
  }

  const predict = (x) => () => {
    const probs = tf.tidy(() => tf.softmax(model.logits(x)));
    probs.dataSync();
    probs.dispose();
  };
  const latencyTimes = (await timeLoop(predict(xOne), { seconds: seconds / 2, warmup: 10, minIters: 20, maxIters: 5000 })).times;
  const inferTimes = (await timeLoop(predict(xBig), { seconds, warmup: 1, minIters: 1 })).times;

  const leaked = tf.memory().numTensors;
  return {
    ...summarize({ trainTimes, latencyTimes, inferTimes }),
    ...(trainError ? { train_error: trainError } : {}),
    backend: tf.getBackend(),
    tfjs_version: tf.version_core,
    tensors_alive: leaked,
  };
}
