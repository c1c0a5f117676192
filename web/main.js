// The page: starts the engine's Web Worker and the Dear ImGui UI module, and connects them.
//
//   worker (web/worker.js)  <- command bytes --  UI module (build/wasm/web/playground.js)
//                           -- event bytes   ->
// Messages are protocol bytes (engine/protocol/messages.h), passed through untouched. The
// UI module publishes what the page mirrors outside the canvas (Module.cnnPublish): the
// ARIA live regions #prediction, #training-status and #explorer-status (the teaching view's
// current step in words), the #engine-message alert, and the
// rectangles behind window.cnnPlayground.layout().
//
// window.cnnPlayground = {
//   ready: Promise           resolves when the engine is ready and the shipped model loaded
//   layout(): {x, y, width, height, controls: {name: {x, y, width, height[, scrollY, scrollMaxY,
//             focused, cut (its text does not fit), value (what it shows)]}}}
//             the draw pad (and the named controls) in CSS pixels of the page
//   state(): the last published state {ready, prediction, trainingStatus, explorer, message, errorCount,
//            language ("en", "zh"), glyphsReady (the language's font is in the atlas), presenting,
//            runs (the runs kept in the Runs tab),
//            confusion (the last epoch's test-set confusion matrix, 100 counts, or [])}
//   stats: {firstFrameMs, readyMs, firstPredictionMs, frames, renders, engineRestarts, offlineReady}
//            offlineReady: the service worker holds the page's files (it works offline from now on)
//            copiedLink: the address "Copy link" put on the clipboard last
//            frames: display refreshes; renders: frames the UI drew (only when something changed)
//   simulateEngineCrash('close' | 'throw'): kills the engine worker, to see the page recover
//   session: {saves, lastSaved, error, clear()}: the saved session's store (web/session_store.js)
// }
import { openSessionStore } from './session_store.js';

const kUiDir = new URL('../build/wasm/web/', import.meta.url).href;
// The last visit's session (model, runs, settings), read while the UI module downloads.
const sessionStore = openSessionStore();

const canvas = document.getElementById('canvas');
const loading = document.getElementById('loading');
const predictionRegion = document.getElementById('prediction');
const statusRegion = document.getElementById('training-status');
const explorerRegion = document.getElementById('explorer-status');
const messageRegion = document.getElementById('engine-message');
const fileInput = document.getElementById('model-file');
const predictionLabel = document.getElementById('prediction-label');

// The language: ?lang=zh or ?lang=en in a link, else the browser's first choice. The UI module
// holds the string tables; only the words shown before it is up are here.
const params = new URLSearchParams(location.search);
const language = (params.get('lang') ?? navigator.language ?? 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
const kEarlyText = {
  en: { loading: 'Loading the engine…', failed: 'The page failed to start' },
  zh: { loading: '正在加载引擎…', failed: '页面未能启动' },
}[language];
document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
loading.textContent = kEarlyText.loading;

let published = { ready: false, prediction: '', trainingStatus: '', explorer: '', message: '', errorCount: 0, controls: {}, confusion: [] };
const stats = { firstFrameMs: null, readyMs: null, firstPredictionMs: null, frames: 0, renders: 0, engineRestarts: 0,
                offlineReady: false };
let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });

function fail(message) {
  loading.classList.add('error');
  loading.textContent = message;
  loading.hidden = false;
  messageRegion.textContent = message;
  console.error(message);
  rejectReady(new Error(message));
}

// ---- The engine worker. Events that arrive before the UI module is up wait in `early`. ----
// A worker that dies (out of memory, an uncaught exception, closed) is noticed by a
// heartbeat: a ping unanswered for kDeadMs, or an error event after start-up. It is then
// replaced by a new one, and the UI module is told (cnn_ui_engine_restarted), which loads
// its last copy of the model into the new engine. Only a ping's own age counts, so a
// background tab's throttled timers never make a live worker look dead.
const kPingMs = 1000;
const kDeadMs = 6000;
const kMaxRestarts = 3;  // within kRestartWindowMs; more means the engine cannot run here
const kRestartWindowMs = 60_000;
let worker = null;
let workerStarted = false;  // the worker's engine is up (its first event arrived)
let pingSentAt = null;      // the unanswered ping, or null
let restarts = [];
let ui = null;
const early = [];

function deliver(bytes) {
  ui.ccall('cnn_ui_receive_event', null, ['array', 'number'], [bytes, bytes.length]);
}

function startWorker() {
  const w = new Worker(new URL('./worker.js', import.meta.url));
  workerStarted = false;
  pingSentAt = null;
  w.onmessage = ({ data }) => {
    if (w !== worker) return;  // a replaced worker's last words
    if (!Array.isArray(data)) {
      if (data?.type === 'pong') pingSentAt = null;
      if (data?.type === 'fatal') {
        ui?.ccall('cnn_ui_engine_failed', null, ['string'], [data.message]);
        fail(data.message);
      }
      return;
    }
    workerStarted = true;
    for (const bytes of data) {
      if (ui) deliver(bytes);
      else early.push(bytes);
    }
  };
  w.onerror = (event) => {
    event.preventDefault();
    if (w !== worker) return;
    if (workerStarted) replaceWorker(`an error in the engine: ${event.message || 'unknown'}`);
    else fail(`The engine worker failed to load: ${event.message || 'web/worker.js'}`);
  };
  worker = w;
}

function replaceWorker(why) {
  const now = performance.now();
  restarts = restarts.filter((t) => now - t < kRestartWindowMs);
  worker.terminate();
  if (restarts.length >= kMaxRestarts) {
    fail(`The engine stopped ${kMaxRestarts} times in a minute (last: ${why}). Reload the page; if it happens again, ` +
         'the browser may be short of memory: close other tabs.');
    return;
  }
  restarts.push(now);
  stats.engineRestarts += 1;
  console.warn(`engine worker replaced: ${why}`);
  startWorker();
  ui?.ccall('cnn_ui_engine_restarted', null, ['string'], [why]);
}

setInterval(() => {
  if (!worker || !workerStarted || loading.classList.contains('error')) return;
  if (pingSentAt === null) {
    pingSentAt = performance.now();
    worker.postMessage({ type: 'ping' });
  } else if (performance.now() - pingSentAt > kDeadMs) {
    replaceWorker(`it stopped answering for ${kDeadMs / 1000} s`);
  }
}, kPingMs);

startWorker();

// ---- Mirrors of the UI's state in the DOM. ----
function publish(json) {
  const next = JSON.parse(json);
  if (next.ready && !published.ready) {
    stats.readyMs = performance.now();
    loading.hidden = true;
    resolveReady(next);
  }
  if (next.prediction !== published.prediction) {
    predictionRegion.textContent = next.prediction;
    if (next.prediction && stats.firstPredictionMs === null) stats.firstPredictionMs = performance.now();
  }
  if (next.trainingStatus !== published.trainingStatus) statusRegion.textContent = next.trainingStatus;
  if (next.explorer !== published.explorer) explorerRegion.textContent = next.explorer;
  if (next.message !== published.message || next.errorCount !== published.errorCount) {
    messageRegion.textContent = next.message;
  }
  // The words outside the canvas follow the language the UI speaks (its string tables).
  if (next.language !== published.language) document.documentElement.lang = next.language === 'zh' ? 'zh-CN' : next.language;
  if (next.canvasLabel !== published.canvasLabel) canvas.setAttribute('aria-label', next.canvasLabel);
  if (next.predictionLabel !== published.predictionLabel) predictionLabel.textContent = next.predictionLabel;
  // The address follows the settings (no reload, no history entry): a reload, a bookmark or a
  // copied address brings the same lesson back.
  if (next.link !== published.link && next.link !== undefined) {
    history.replaceState(history.state, '', `${location.pathname}${next.link}${location.hash}`);
  }
  published = next;
}

function download(bytes, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  if (!file || !ui) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  fileInput.value = '';  // choosing the same file again fires change again
  ui.ccall('cnn_ui_model_file_chosen', null, ['array', 'number', 'string'], [bytes, bytes.length, file.name]);
});

// ---- Touch. Emscripten's GLFW (3.1.6) turns touches into button presses but never moves
// the cursor for them (library_browser.js reads a `touch` property only SDL sets), so a
// finger could tap but not draw. The first finger on the canvas is replayed as mouse events,
// which GLFW handles fully; the touch events themselves stop here (GLFW never sees them).
// Pens and mice already arrive as mouse events.
//
// Two fingers are the browser's pinch zoom (index.html lets the page zoom; the canvas allows
// `touch-action: pinch-zoom` only): the stroke of the first finger is lifted and nothing of
// the gesture is prevented. One finger's moves are prevented (no panning, no pull to refresh),
// and every touchend is, which keeps the browser from sending its own emulated mouse events
// after a tap (they would press a second time).
//
// A finger lands without hovering first, but some ImGui items (tabs) only take a press once
// they were hovered in the frame before. So the pointer moves at once and presses two frames
// later; what follows is queued behind the press, in order.
let touchId = null;
let lastTouch = null;
let replay = Promise.resolve();
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function replayLater(type, at, frames) {
  replay = replay.then(async () => {
    for (let i = 0; i < frames; ++i) await nextFrame();
    canvas.dispatchEvent(new MouseEvent(type, at));
  });
}

function replayTouch(event) {
  event.stopImmediatePropagation();
  if (event.touches.length > 1) {  // a pinch: the browser's, and the stroke so far ends here
    if (touchId !== null) replayLater('mouseup', { ...lastTouch, button: 0, buttons: 0 }, 1);
    touchId = null;
    return;
  }
  if (event.type !== 'touchstart' && event.cancelable) event.preventDefault();
  const touch = [...event.changedTouches].find((t) => touchId === null || t.identifier === touchId);
  if (!touch) return;
  const at = { clientX: touch.clientX, clientY: touch.clientY, bubbles: true, cancelable: true, view: window };
  if (event.type === 'touchstart') {
    if (touchId !== null) return;
    touchId = touch.identifier;
    lastTouch = at;
    canvas.dispatchEvent(new MouseEvent('mousemove', at));
    replayLater('mousedown', { ...at, button: 0, buttons: 1 }, 2);
  } else if (touchId === null) {
    // the end of a pinch, or a finger left over from one: nothing to replay
  } else if (event.type === 'touchmove') {
    lastTouch = at;
    replayLater('mousemove', { ...at, buttons: 1 }, 0);
  } else {
    touchId = null;
    replayLater('mouseup', { ...at, button: 0, buttons: 0 }, 1);
  }
}
for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) {
  // On window, capturing: runs before GLFW's listeners on the canvas.
  window.addEventListener(type, (event) => { if (event.target === canvas) replayTouch(event); },
                          { capture: true, passive: false });
}
// A long press would open the browser's context menu over the canvas.
canvas.addEventListener('contextmenu', (event) => event.preventDefault());

// ---- The wheel. Emscripten's GLFW (3.1.6) passes the DOM's deltaY to GLFW's scroll callback
// unchanged, but the DOM counts down as positive and GLFW up, in pixels rather than notches:
// wheeling down scrolled up, and one notch up (-100) jumped to the end. The wheel is taken
// here instead, before GLFW's listener, and handed over with its unit (deltaMode: pixels,
// lines or pages); the UI turns it into lines of its own font (cnn_ui_scroll). Ctrl + wheel
// (a touchpad's pinch) stays the browser's zoom.
window.addEventListener('wheel', (event) => {
  if (event.target !== canvas || event.ctrlKey) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  ui?.ccall('cnn_ui_scroll', null, ['number', 'number', 'number'], [event.deltaX, event.deltaY, event.deltaMode]);
}, { capture: true, passive: false });

// Dragging with a finger scrolls what is under it (unless it grabs a control): the UI needs
// to know which kind of pointer the next press comes from.
window.addEventListener('pointerdown', (event) => {
  if (event.target === canvas) ui?.ccall('cnn_ui_pointer_is_finger', null, ['number'], [event.pointerType === 'touch' ? 1 : 0]);
}, { capture: true });

function layout() {
  const r = canvas.getBoundingClientRect();
  const shift = (c) => ({ ...c, x: c.x + r.left, y: c.y + r.top });
  const controls = Object.fromEntries(Object.entries(published.controls).map(([k, c]) => [k, shift(c)]));
  const pad = controls.draw_pad ?? { x: 0, y: 0, width: 0, height: 0 };
  return { ...pad, controls };
}

// For tests and for trying the recovery by hand: 'close' ends the worker silently (as a tab
// killed for memory would), 'throw' raises an uncaught exception in it.
function simulateEngineCrash(how = 'close') {
  worker.postMessage({ type: 'crash', how });
}

window.cnnPlayground = { ready, layout, state: () => ({ ...published }), stats, simulateEngineCrash };

// ---- The UI module. ----

// A language's glyphs and words (build/wasm/web/zh.ttf, cut to the table's characters, and
// zh.table, ui/i18n/table_file.h), fetched the first time the language is on; an empty answer
// makes the UI say which could not be loaded.
async function fetchBytes(file) {
  try {
    const response = await fetch(kUiDir + file);
    if (response.ok) return new Uint8Array(await response.arrayBuffer());
    console.warn(`${file}: HTTP ${response.status}`);
  } catch (error) {
    console.warn(`${file}: ${error?.message ?? error}`);
  }
  return new Uint8Array(0);
}

async function loadLanguage(code) {
  const [font, table] = await Promise.all([fetchBytes(`${code}.ttf`), fetchBytes(`${code}.table`)]);
  ui?.ccall('cnn_ui_language_loaded', null, ['array', 'number', 'array', 'number'], [font, font.length, table, table.length]);
}

async function startUi() {
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${kUiDir}playground.js`;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${kUiDir}playground.js could not be loaded (run \`make web\`)`));
    document.head.append(script);
  });
  const store = await sessionStore;
  window.cnnPlayground.session = store;
  store.onError = (why) => ui?.ccall('cnn_ui_session_not_saved', null, ['string'], [why]);
  const module = await createPlayground({
    canvas,
    // A lesson link (?mode=convolution&lang=zh&conv.stride=2...) sets the view and its settings;
    // the UI reads it (ui/lesson_link.h) and says what it could not use. The browser's language
    // is the default a link's lang= overrides.
    arguments: ['--lang', language, '--link', location.search],
    locateFile: (file) => kUiDir + file,
    cnnPostCommand: (bytes) => worker.postMessage(bytes, [bytes.buffer]),  // the current worker
    cnnPublish: publish,
    cnnDownload: download,
    cnnChooseFile: () => fileInput.click(),
    cnnRendered: () => { stats.renders += 1; },
    cnnLoadLanguage: (code) => { loadLanguage(code); },
    cnnSavedSession: store.saved,
    cnnSaveSession: (bytes) => store.save(bytes),
    cnnCopyLink: (query) => {
      const url = `${location.origin}${location.pathname}${query}`;
      navigator.clipboard?.writeText(url).catch((error) => console.warn(`Copy link: ${error?.message ?? error}`));
      stats.copiedLink = url;
    },
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
  });
  ui = module;
  for (const bytes of early.splice(0)) deliver(bytes);
  // Keys reach the UI at once: arrows move between controls, Space presses (ui/main.cpp).
  canvas.focus({ preventScroll: true });
  requestAnimationFrame(function count() {
    stats.frames += 1;
    if (stats.firstFrameMs === null) stats.firstFrameMs = performance.now();
    requestAnimationFrame(count);
  });
}

startUi().catch((error) => fail(`${kEarlyText.failed}: ${error?.message ?? error}`));

// ---- Offline after the first visit: web/service_worker.js keeps a copy of every file the page
// fetched, registered once the page is up (its first download never competes with the page's).
// http://127.0.0.1 counts as secure; a plain-http school server without TLS gets no offline copy.
ready.then(() => {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('service_worker.js')
    .then(() => navigator.serviceWorker.ready)
    .then(() => { stats.offlineReady = true; })
    .catch((error) => console.warn(`no offline copy: ${error?.message ?? error}`));
}, () => {});
