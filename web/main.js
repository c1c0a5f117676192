// Minimal page (replaced later by the Dear ImGui UI): starts the engine Worker, shows the model
// summary, and exposes window.cnnPlayground = { ready, predict(pixels) } for the browser tests.
//
// Worker messages:  -> {type: 'predict', id, pixels: Float32Array(784)}
//                   <- {type: 'ready', summary} | {type: 'prediction', id, probs: Float32Array(10)}
//                   <- {type: 'error', id?, message}   (no id: the engine failed to start)

const kPixels = 28 * 28;

const loading = document.getElementById('loading');
const status = document.getElementById('training-status');
const summaryView = document.getElementById('summary');

const worker = new Worker(new URL('./worker.js', import.meta.url));
const pending = new Map(); // request id -> {resolve, reject}
let nextId = 1;

const ready = new Promise((resolve, reject) => {
  worker.onmessage = ({ data }) => {
    switch (data.type) {
      case 'ready':
        resolve(data.summary);
        break;
      case 'prediction':
        pending.get(data.id)?.resolve(data.probs);
        pending.delete(data.id);
        break;
      case 'error':
        if (data.id === undefined) {
          reject(new Error(data.message));
        } else {
          pending.get(data.id)?.reject(new Error(data.message));
          pending.delete(data.id);
        }
        break;
    }
  };
  // Raised when worker.js or engine.js cannot be loaded or throws at top level.
  worker.onerror = (event) => {
    event.preventDefault();
    reject(new Error(`worker: ${event.message || 'failed to load web/worker.js'}`));
  };
});

function predict(pixels) {
  if (pixels?.length !== kPixels) {
    return Promise.reject(new Error(`predict: expected ${kPixels} pixels, got ${pixels?.length}`));
  }
  return ready.then(() => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ type: 'predict', id, pixels: Float32Array.from(pixels) });
  }));
}

const formatCount = (n) => Number(n).toLocaleString('en-US');

// Renders summaryJson() as a fixed-width table: one row per layer, then the totals.
function formatSummary(summary) {
  const rows = [['Layer', 'Output', 'Params', 'MACs']];
  for (const layer of summary.layers) {
    rows.push([layer.name, layer.output, formatCount(layer.params), formatCount(layer.macs)]);
  }
  rows.push(['Total', '', formatCount(summary.params), formatCount(summary.macs)]);
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows
    .map((row) => row.map((cell, col) => (col < 2 ? cell.padEnd(widths[col])
                                                  : cell.padStart(widths[col]))).join('  '))
    .join('\n');
}

ready.then(
  (summary) => {
    loading.hidden = true;
    summaryView.textContent = formatSummary(summary);
    status.textContent =
      `Engine ready: ${summary.name ?? 'LeNet-5'}, ${formatCount(summary.params)} parameters`;
  },
  (error) => {
    loading.hidden = true;
    status.classList.add('error');
    status.textContent = `Engine failed to start: ${error.message}`;
    console.error(error);
  },
);

window.cnnPlayground = { ready, predict };
