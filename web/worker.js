// Engine Worker: the engine's own WASM instance, off the page's thread.
//
// The page posts command bytes (Uint8Array, engine/protocol/messages.h) and receives arrays
// of event bytes. Between messages the worker trains in slices of kSliceMs (EngineHost.tick),
// scheduled through a MessageChannel so that the page's commands (Pause, Predict) are
// handled between two slices, within kSliceMs.
//
// A dataset is fetched only when the host asks for it (the first StartTraining, or GetTestImage
// for the convolution explorer): four gzip files, MNIST's made at build time and
// Fashion-MNIST's copied from Debian's package (web/CMakeLists.txt), with
// DatasetDownloadProgressed events while they download, decompressed here with
// DecompressionStream('gzip'). A request that comes during a download (the dataset was
// changed meanwhile) is fetched after it; the host drops the files it no longer wants.
//
// Paths are relative to this file and identical in the repo root and in build/dist:
// web/worker.js, build/wasm/web/engine.{js,wasm}, build/wasm/web/data/{,fashion/}*.gz, assets/.
'use strict';

const kEngineDir = new URL('../build/wasm/web/', self.location.href).href;
const kDataDirs = { mnist: `${kEngineDir}data/`, fashion: `${kEngineDir}data/fashion/` };
const kDataNames = { mnist: 'MNIST', fashion: 'Fashion-MNIST' };
const kModelUrl = new URL('../assets/lenet5-mnist.bin', self.location.href).href;
const kSliceMs = 25;
const kIdxFiles = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte',
                     't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

importScripts(`${kEngineDir}engine.js`);

let M = null;       // the Emscripten module
let engine = null;  // M.EngineWorker
let downloading = false;

function post(events) {
  if (events.length) postMessage(events, events.map((e) => e.buffer));
}

// ---- The training loop: one slice per macrotask, messages in between. ----
const loop = new MessageChannel();
let sliceQueued = false;
function scheduleSlice() {
  if (sliceQueued || !engine?.busy()) return;
  sliceQueued = true;
  loop.port2.postMessage(0);
}
loop.port1.onmessage = () => {
  sliceQueued = false;
  if (!engine?.busy()) return;
  post(engine.tick(kSliceMs));
  scheduleSlice();
};

// ---- Dataset download ----
async function readWithProgress(response, onBytes) {
  const reader = response.body.getReader();
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onBytes(value.byteLength);
  }
  const gunzipped = new Blob(chunks).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(gunzipped).arrayBuffer());
}

async function fetchDataset(requestId, dataset) {
  downloading = true;
  try {
    // All four requests first: their Content-Length headers give the progress bar its total.
    const urls = kIdxFiles.map((name) => `${kDataDirs[dataset]}${name}.gz`);
    const responses = await Promise.all(urls.map(async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status} (run \`make web\` to build the dataset files)`);
      return response;
    }));
    const total = responses.reduce((sum, r) => sum + Number(r.headers.get('Content-Length') ?? 0), 0);
    let loaded = 0;
    let lastPost = 0;
    const onBytes = (n) => {
      loaded += n;
      const now = performance.now();
      if (now - lastPost > 50) {
        lastPost = now;
        post([M.progressEvent(loaded, total)]);
      }
    };
    const files = await Promise.all(responses.map((response) => readWithProgress(response, onBytes)));
    post([M.progressEvent(total, total)]);
    post(engine.provideDataset(requestId, dataset, ...files, ''));
  } catch (error) {
    // The host still waits for data: the failure answers everything that waited, once.
    const why = `could not download ${kDataNames[dataset]}: ${error?.message ?? error} (check the connection, then press Start again)`;
    const none = new Uint8Array(0);
    post(engine.provideDataset(requestId, dataset, none, none, none, none, why));
  } finally {
    downloading = false;
  }
  fetchIfAsked();
  scheduleSlice();
}

function fetchIfAsked() {
  if (downloading) return;
  const requestId = engine.takeDatasetRequest();
  if (requestId) fetchDataset(requestId, engine.requestedDataset());
}

function afterCommand(events) {
  post(events);
  fetchIfAsked();
  scheduleSlice();
}

// ---- Start-up: the engine, then the shipped model, then EngineReady. ----
async function start() {
  M = await createEngine({ locateFile: (file) => kEngineDir + file });
  engine = new M.EngineWorker();
  const response = await fetch(kModelUrl);
  if (!response.ok) throw new Error(`${kModelUrl}: HTTP ${response.status}`);
  post(engine.loadShippedModel(new Uint8Array(await response.arrayBuffer()), 'lenet5-mnist.bin'));
  post([M.readyEvent()]);
}

const started = start();
started.catch((error) => {
  // Without an engine there is no codec either: a plain message the page understands.
  postMessage({ type: 'fatal', message: `engine failed to start: ${error?.message ?? error}` });
});

self.onmessage = async ({ data }) => {
  // The page's heartbeat (web/main.js) and its crash simulation are plain objects, answered
  // before the engine is even up; commands are bytes.
  if (data?.type === 'ping') return postMessage({ type: 'pong' });
  if (data?.type === 'crash') {
    if (data.how === 'throw') setTimeout(() => { throw new Error('simulated crash'); });
    else self.close();
    return;
  }
  await started;
  afterCommand(engine.handle(data));
};
