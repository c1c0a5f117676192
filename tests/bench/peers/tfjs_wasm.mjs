// TensorFlow.js 4.22 wasm backend (XNNPACK) in Node, SIMD on, one thread. Its kernel registry has
// no Conv2DBackpropFilter, so it cannot train LeNet-5: benchTfjs reports train as null and why.
import { createRequire } from 'node:module';
import { benchTfjs } from './tfjs_model.mjs';

const require = createRequire(import.meta.url);

export async function run({ seconds }) {
  const tf = require('@tensorflow/tfjs-core');
  require('@tensorflow/tfjs-layers'); // registers the gradients (tfjs-core alone has none)
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  // One thread: the single-threaded SIMD binary (tfjs-backend-wasm-simd.wasm), never the threaded one.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
  wasm.setThreadsCount(1);
  await tf.setBackend('wasm');
  await tf.ready();
  return {
    ...(await benchTfjs(tf, { seconds })),
    simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    threads: wasm.getThreadsCount(),
  };
}
