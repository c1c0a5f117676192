// Benchmark Worker for bench.html: one message {kind, seconds}, one answer {ok, result|error}.
// A classic worker, because engine_bench.js and the TF.js bundles load with importScripts; the
// shared peer code (peers/*.mjs) comes in with import(). Paths are relative to this file, which
// web/serve.mjs serves from the repository root.
'use strict';

const here = (relative) => new URL(relative, self.location.href).href;
const kEngineDir = here('../../build/wasm/bench/');
const kTfjs = here('../../node_modules/@tensorflow/');

// Our engine: the same bench code as `cnnplay bench --json`, compiled with the shipped flags.
async function benchEngine() {
  importScripts(`${kEngineDir}engine_bench.js`);
  // In a worker, Emscripten looks for the .wasm next to this script: point it at the build.
  const module = await createBenchEngine({ locateFile: (file) => kEngineDir + file });
  return (s) => JSON.parse(module.benchJson(s));
}

// TensorFlow.js wasm backend, SIMD, one thread (the non-threaded SIMD binary).
async function benchTfjsWasm() {
  importScripts(`${kTfjs}tfjs-core/dist/tf-core.min.js`,
                `${kTfjs}tfjs-layers/dist/tf-layers.min.js`,  // registers the gradients
                `${kTfjs}tfjs-backend-wasm/dist/tf-backend-wasm.min.js`);
  const tf = self.tf;
  tf.wasm.setWasmPaths(`${kTfjs}tfjs-backend-wasm/dist/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.wasm.setThreadsCount(1);
  await tf.setBackend('wasm');
  await tf.ready();
  const { benchTfjs } = await import('./peers/tfjs_model.mjs');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return async (s) => ({ ...(await benchTfjs(tf, { seconds: s })), simd, threads: tf.wasm.getThreadsCount() });
}

// Each loader returns a function (seconds) -> result.
const kBenches = { engine: benchEngine, tfjs_wasm: benchTfjsWasm };

// Chromium runs WebAssembly from its baseline compiler (Liftoff) first and swaps in optimized code
// per function in the background, later than Node does: a short untimed run lets the hot kernels
// tier up, as they would a few batches into a real session. Every Chromium row gets the same.
const kWarmupSeconds = 0.5;

self.onmessage = async ({ data }) => {
  try {
    const load = kBenches[data.kind];
    if (!load) throw new Error(`unknown benchmark "${data.kind}"`);
    const bench = await load();
    const warm = await bench(kWarmupSeconds);
    const result = await bench(data.seconds);
    result.warmup_run = { seconds: kWarmupSeconds, train_samples_per_s: warm.train_samples_per_s,
                          infer_images_per_s: warm.infer_images_per_s };
    postMessage({ ok: true, result });
  } catch (error) {
    postMessage({ ok: false, error: String(error?.message ?? error) });
  }
};
