// TensorFlow.js 4.22 cpu backend (plain JavaScript kernels) in Node: one thread by construction.
import { createRequire } from 'node:module';
import { benchTfjs } from './tfjs_model.mjs';

const require = createRequire(import.meta.url);

export async function run({ seconds }) {
  const tf = require('@tensorflow/tfjs-core');
  require('@tensorflow/tfjs-layers'); // registers the gradients (tfjs-core alone has none)
  require('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  await tf.ready();
  return { ...(await benchTfjs(tf, { seconds })), threads: 1 };
}
