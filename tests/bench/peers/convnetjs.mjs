// ConvNetJS 0.3.0 in Node: plain JavaScript, one image at a time, Float64 weights and activations.
// Its Trainer accumulates gradients over batch_size calls of train() and then takes one SGD step
// with momentum, so one "step" here is 64 train() calls; "batch 1000" is 1000 forward() calls.
import { createRequire } from 'node:module';
import {
  kInferBatch, kLearningRate, kMinTimed, kMomentum, kTrainBatch, kWarmupSteps, summarize,
  syntheticData, timeLoop,
} from './common.mjs';

const require = createRequire(import.meta.url);

export async function run({ seconds }) {
  const convnetjs = require('convnetjs');
  const net = new convnetjs.Net();
  net.makeLayers([
    { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 2, activation: 'relu' },   // same
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },  // valid
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'fc', num_neurons: 120, activation: 'relu' },
    { type: 'fc', num_neurons: 84, activation: 'relu' },
    { type: 'softmax', num_classes: 10 },  // adds the dense 10 in front of itself
  ]);
  const trainer = new convnetjs.Trainer(net, {
    method: 'sgd', learning_rate: kLearningRate, momentum: kMomentum, batch_size: kTrainBatch,
    l1_decay: 0, l2_decay: 0,
  });

  const { images, labels } = syntheticData(kInferBatch, 7);
  const vols = [];
  for (let n = 0; n < kInferBatch; ++n) {
    const v = new convnetjs.Vol(28, 28, 1, 0.0);
    v.w.set(images.subarray(n * 784, (n + 1) * 784)); // depth 1: w[y * 28 + x]
    vols.push(v);
  }

  const trainStep = () => {
    for (let n = 0; n < kTrainBatch; ++n) trainer.train(vols[n], labels[n]);
  };
  const trainTimes = (await timeLoop(trainStep, { seconds, warmup: kWarmupSteps, minIters: kMinTimed })).times;
  const latencyTimes = (await timeLoop(() => net.forward(vols[0], false),
    { seconds: seconds / 2, warmup: 10, minIters: 20, maxIters: 5000 })).times;
  const inferTimes = (await timeLoop(() => {
    for (const v of vols) net.forward(v, false);
  }, { seconds, warmup: 1, minIters: 1 })).times;
  return { ...summarize({ trainTimes, latencyTimes, inferTimes }), threads: 1, float: 'f64' };
}
