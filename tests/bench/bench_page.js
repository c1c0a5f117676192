// bench.html's one function, in a file of its own: web/serve.mjs sends the page's
// Content-Security-Policy (script-src 'self') with every file, which refuses inline scripts
// (make bench's Chromium rows failed with "window.runBench is not a function").
// window.runBench(kind, seconds) runs one benchmark in a fresh Web Worker (bench_worker.js), as
// the playground runs its engine, and resolves with its result object. kind: "engine" (our
// WASM, build/wasm/bench/engine_bench.js) or "tfjs_wasm".
'use strict';
window.runBench = (kind, seconds) => new Promise((resolve, reject) => {
  const worker = new Worker('bench_worker.js');
  const done = (fn, value) => { worker.terminate(); fn(value); };
  worker.onmessage = ({ data }) =>
    data.ok ? done(resolve, data.result) : done(reject, new Error(`${kind}: ${data.error}`));
  worker.onerror = (event) => done(reject, new Error(`${kind}: worker: ${event.message}`));
  worker.postMessage({ kind, seconds });
});
