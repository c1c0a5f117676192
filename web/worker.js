// Engine Worker: loads the WASM engine and the LeNet-5 model, then answers predictions.
// Protocol: see web/main.js. A classic worker, because engine.js is loaded with importScripts.
//
// Paths are relative to this file and identical in the repo root and in build/dist:
// web/worker.js, build/wasm/web/engine.{js,wasm}, assets/lenet5-mnist.bin.
'use strict';

const kEngineDir = new URL('../build/wasm/web/', self.location.href).href;
const kModelUrl = new URL('../assets/lenet5-mnist.bin', self.location.href).href;

importScripts(`${kEngineDir}engine.js`);

let engine = null;

async function start() {
  // In a worker, Emscripten looks for engine.wasm next to this script: point it at the engine.
  const M = await createEngine({ locateFile: (file) => kEngineDir + file });
  const response = await fetch(kModelUrl);
  if (!response.ok) throw new Error(`${kModelUrl}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const e = new M.Engine();
  const error = e.loadModel(bytes);
  if (error) throw new Error(`lenet5-mnist.bin: ${error}`);
  engine = e;
  return JSON.parse(e.summaryJson());
}

const started = start();

started.then(
  (summary) => postMessage({ type: 'ready', summary }),
  (error) => postMessage({ type: 'error', message: String(error?.message ?? error) }),
);

self.onmessage = async ({ data }) => {
  if (data.type !== 'predict') return;
  try {
    await started;
    // Copy: the engine may hand back a view into WASM memory, or a plain array.
    const probs = Float32Array.from(engine.predict(data.pixels));
    postMessage({ type: 'prediction', id: data.id, probs }, [probs.buffer]);
  } catch (error) {
    postMessage({ type: 'error', id: data.id, message: String(error?.message ?? error) });
  }
};
