// `make bench`: our engine side by side with the in-browser peers, on one machine, in one run.
//
//   node tests/bench/run_bench.mjs [--json] [--seconds S] [--peer-seconds P] [--repeat N] [--only ID,...]
//
// Runs, one at a time (never two benchmarks at once: the machine has two cores):
//   native               build/native/cnnplay bench --json
//   wasm-node            node --no-experimental-fetch build/wasm/cnnplay.js bench --json
//   wasm-chromium        build/wasm/bench/engine_bench.js in a Web Worker of headless Chromium
//   tfjs-wasm-chromium   TF.js wasm backend (SIMD, 1 thread) in a Web Worker of headless Chromium
//   pytorch-native       PyTorch 1.13 CPU, 1 thread  } tests/bench/peers/, one process each,
//   tfjs-wasm-node       the same in Node            } the same LeNet-5, data shape, batch and
//   tfjs-cpu-node        TF.js cpu backend, Node     } optimizer; PyTorch is skipped, not failed,
//   convnetjs-node       ConvNetJS 0.3.0, Node       } where Debian's python3-torch is missing
// and prints one table (train samples/s, latency at batch 1, inference at batch 1000, and how
// many times faster our WASM under Node is than each row), our GFLOP/s against the measured SIMD
// peak, and our per-layer times. --json prints the same as one JSON object.
//
// --seconds is the engine's budget per run (cnnplay bench --seconds; default: the engine's own);
// --peer-seconds bounds each of a peer's three timed loops (default 3). A peer that needs longer
// for one step still does one. Needs `make cnnplay cnnplay-wasm` and engine_bench_web (make bench
// builds them). --repeat N runs the whole sequence N times and keeps each row's best number per
// column (on a shared machine the best is the least disturbed; every run stays in the JSON).
// The exit code is 1 if any run failed; the table still shows the others.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const kRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const kChromiumArgs = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const kOurs = 'wasm-node'; // the row every ratio compares against: the WASM that ships, in Node

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const options = { json: false, seconds: null, peerSeconds: 3, repeat: 1, only: null };
  const number = (flag, value) => {
    const x = Number(value);
    if (!(x > 0 && x <= 3600)) usage(`${flag} ${value ?? ''}: expected a number of seconds in (0, 3600]`);
    return x;
  };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--seconds') options.seconds = number(arg, argv[++i]);
    else if (arg === '--peer-seconds') options.peerSeconds = number(arg, argv[++i]);
    else if (arg === '--repeat') {
      options.repeat = Number(argv[++i]);
      if (!(Number.isInteger(options.repeat) && options.repeat >= 1 && options.repeat <= 20)) usage('--repeat: expected 1 to 20');
    } else if (arg === '--only') options.only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (arg === '--help' || arg === '-h') usage(null);
    else usage(`unknown argument ${arg}`);
  }
  return options;
}

function usage(error) {
  if (error) console.error(`run_bench.mjs: ${error}`);
  console.error('usage: node tests/bench/run_bench.mjs [--json] [--seconds S] [--peer-seconds P] [--repeat N] ' +
                `[--only ${kRuns.map((r) => r.id).join(',')}]`);
  process.exit(error ? 2 : 0);
}

// ---------------------------------------------------------------------------------------------
// Running things

// Runs a command to the end; resolves with its exit code, stdout and stderr (never rejects).
function runProcess(command, args, { timeoutMs, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: kRoot, env: { ...process.env, ...env },
                                         stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${timeoutMs / 1000} s)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => { stderr += String(error.message); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr });
    });
  });
}

// The last stdout line that parses as a JSON object, or an Error that says what went wrong.
function lastJsonLine({ code, stdout, stderr }) {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('{'));
  let parsed = null;
  try {
    parsed = lines.length ? JSON.parse(lines[lines.length - 1]) : null;
  } catch { /* reported below */ }
  if (parsed?.error) throw new Error(parsed.error);
  if (code !== 0 || !parsed) {
    const tail = (stderr.trim() || stdout.trim()).split('\n').slice(-3).join(' | ');
    throw new Error(`exit ${code}: ${tail || 'no output'}`);
  }
  return parsed;
}

function requireFile(file, how) {
  if (!existsSync(path.join(kRoot, file))) throw new Error(`${file} is missing: run \`${how}\``);
}

// A process per benchmark: seconds of timing plus start-up, with room for a slow, shared machine.
const processTimeout = (seconds) => (60 + 40 * seconds) * 1000;

async function runCnnplay(command, args, options) {
  const benchArgs = ['bench', '--json', ...(options.seconds ? ['--seconds', String(options.seconds)] : [])];
  return lastJsonLine(await runProcess(command, [...args, ...benchArgs],
                                       { timeoutMs: processTimeout(options.seconds ?? 3) }));
}

async function runPeerInNode(name, options) {
  return lastJsonLine(await runProcess(process.execPath,
    [path.join(kRoot, 'tests/bench/peers/run_peer.mjs'), name, '--seconds', String(options.peerSeconds)],
    { timeoutMs: processTimeout(4 * options.peerSeconds) }));
}

// One Chromium session serves both browser rows: web/serve.mjs on a free port, bench.html, and a
// fresh Worker per benchmark. Started on first use, closed before the Node peers run.
const browser = {
  server: null, context: null, page: null, userDataDir: null, version: null,

  async open() {
    if (this.page) return this.page;
    const { chromium } = await import('playwright-core');
    const baseUrl = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(kRoot, 'web/serve.mjs'), kRoot],
                          { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
      this.server = child;
      let output = '';
      const timer = setTimeout(() => reject(new Error(`serve.mjs printed no URL: ${output}`)), 10_000);
      const onData = (chunk) => {
        output += chunk;
        const match = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (match) { clearTimeout(timer); resolve(match[0]); }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.mjs exited with ${code}: ${output}`)); });
    });
    this.userDataDir = await mkdtemp(path.join(os.tmpdir(), 'cnnplay-bench-chromium-'));
    this.context = await chromium.launchPersistentContext(this.userDataDir, {
      executablePath: '/usr/bin/chromium', headless: true, args: kChromiumArgs, timeout: 60_000,
    });
    this.version = this.context.browser()?.version() ?? null;
    this.page = this.context.pages()[0] ?? await this.context.newPage();
    this.page.on('pageerror', (error) => console.error(`bench.html: ${error.message}`));
    await this.page.goto(`${baseUrl}tests/bench/bench.html`);
    if (!this.version) this.version = await this.page.evaluate(() => navigator.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0]);
    return this.page;
  },

  async run(kind, seconds) {
    const page = await this.open();
    const timeoutMs = processTimeout(seconds || 3);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the worker after ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      const result = await Promise.race([page.evaluate(([k, s]) => window.runBench(k, s), [kind, seconds]), timeout]);
      if (result?.error) throw new Error(result.error);
      return result;
    } finally {
      clearTimeout(timer);
    }
  },

  async close() {
    try {
      await this.context?.close();
    } finally {
      this.server?.kill('SIGTERM');
      if (this.userDataDir) await rm(this.userDataDir, { recursive: true, force: true });
      Object.assign(this, { server: null, context: null, page: null, userDataDir: null });
    }
  },
};

// ---------------------------------------------------------------------------------------------
// What runs, in this order

const kRuns = [
  { id: 'native', label: 'CNN Playground, native (g++ -O3, x86-64 baseline)', ours: true,
    run: (o) => { requireFile('build/native/cnnplay', 'make cnnplay'); return runCnnplay('build/native/cnnplay', [], o); } },
  { id: 'wasm-node', label: 'CNN Playground, WASM SIMD, Node', ours: true,
    run: (o) => { requireFile('build/wasm/cnnplay.js', 'make cnnplay-wasm');
                  return runCnnplay(process.execPath, ['--no-experimental-fetch', 'build/wasm/cnnplay.js'], o); } },
  { id: 'wasm-chromium', label: 'CNN Playground, WASM SIMD, Chromium worker', ours: true,
    run: (o) => { requireFile('build/wasm/bench/engine_bench.js', 'make bench');
                  return browser.run('engine', o.seconds ?? 0); } },
  { id: 'tfjs-wasm-chromium', label: 'TF.js 4.22 wasm (SIMD, 1 thread), Chromium worker',
    run: (o) => browser.run('tfjs_wasm', o.peerSeconds) },
  { id: 'pytorch-native', label: 'PyTorch 1.13 CPU, native, 1 thread',
    run: async (o) => lastJsonLine(await runProcess('/usr/bin/python3',
      [path.join(kRoot, 'tests/bench/peers/pytorch_native.py'), '--seconds', String(o.peerSeconds)],
      { timeoutMs: processTimeout(4 * o.peerSeconds) })) },
  { id: 'tfjs-wasm-node', label: 'TF.js 4.22 wasm (SIMD, 1 thread), Node', run: (o) => runPeerInNode('tfjs_wasm', o) },
  { id: 'tfjs-cpu-node', label: 'TF.js 4.22 cpu, Node', run: (o) => runPeerInNode('tfjs_cpu', o) },
  { id: 'convnetjs-node', label: 'ConvNetJS 0.3.0, Node', run: (o) => runPeerInNode('convnetjs', o) },
];

// ---------------------------------------------------------------------------------------------
// Report

// How many times faster `ours` is than `row`, per column (latency: lower is better).
function speedup(ours, row) {
  const ratio = (a, b) => (a > 0 && b > 0 ? a / b : null);
  if (!ours || !row) return { train: null, latency: null, infer: null };
  return {
    train: ratio(ours.train_samples_per_s, row.train_samples_per_s),
    latency: ratio(row.infer_latency_ms, ours.infer_latency_ms),
    infer: ratio(ours.infer_images_per_s, row.infer_images_per_s),
  };
}

// Merges passes row by row: the best of each headline number (highest rate, lowest latency); the
// rest of the row (GFLOP/s, layers) from the pass with the best training rate. Every pass is kept
// under `passes`. A row that failed in any pass is reported as failed.
function bestOf(runs) {
  const best = (values, pick) => {
    const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
    return v.length ? pick(...v) : null;
  };
  return runs[0].map((first, i) => {
    const passes = runs.map((results) => results[i]);
    const failed = passes.find((p) => p.error);
    if (failed || first.skipped) return { ...failed ?? first, passes };
    const ok = passes.map((p) => p.result);
    const key = (r) => r.train_samples_per_s ?? r.infer_images_per_s ?? 0;
    const main = ok.reduce((a, b) => (key(b) > key(a) ? b : a));
    return {
      ...first,
      seconds_wall: passes.reduce((s, p) => s + p.seconds_wall, 0),
      result: {
        ...main,
        train_samples_per_s: best(ok.map((r) => r.train_samples_per_s), Math.max),
        infer_latency_ms: best(ok.map((r) => r.infer_latency_ms), Math.min),
        infer_images_per_s: best(ok.map((r) => r.infer_images_per_s), Math.max),
        passes: ok.map((r) => ({ train_samples_per_s: r.train_samples_per_s ?? null,
                                 infer_latency_ms: r.infer_latency_ms, infer_images_per_s: r.infer_images_per_s })),
      },
    };
  });
}

function buildReport(options, results, startedAt, loadBefore, loadAfter) {
  const ours = results.find((r) => r.id === kOurs && r.result)?.result ?? null;
  const rows = results.map(({ id, label, ours: isOurs, result, error, skipped, seconds_wall }) => ({
    id, label, ours: !!isOurs,
    train_samples_per_s: result?.train_samples_per_s ?? null,
    infer_latency_ms: result?.infer_latency_ms ?? null,
    infer_images_per_s: result?.infer_images_per_s ?? null,
    ...(result?.train_error ? { train_null_reason: result.train_error } : {}),
    wasm_node_speedup: id === kOurs ? null : speedup(ours, result),
    ...(error ? { error } : {}),
    ...(skipped ? { skipped } : {}),
    seconds_wall,
    raw: result ?? null,
  }));
  const gflops = results.filter((r) => r.ours && r.result).map(({ id, result }) => ({
    id,
    forward_gflops: result.forward_gflops ?? null,
    train_gflops: result.train_gflops ?? null,
    peak_gflops: result.peak_gflops ?? null,
  }));
  const layers = results.filter((r) => r.ours && r.result?.layers).map(({ id, result }) => ({
    id, layers: result.layers, loss_ms: result.loss_ms ?? null, optimizer_ms: result.optimizer_ms ?? null,
  }));
  return {
    started: startedAt.toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version,
      chromium: browser.version, load_average_before: loadBefore, load_average_after: loadAfter,
    },
    model: 'lenet5: conv 6 5x5 same relu, maxpool 2, conv 16 5x5 valid relu, maxpool 2, flatten, ' +
           'dense 120 relu, dense 84 relu, dense 10, softmax cross-entropy; MNIST-shaped synthetic data',
    settings: { train_batch: 64, optimizer: 'SGD momentum 0.9, lr 0.01', latency_batch: 1,
                infer_batch: 1000, threads: 1, engine_seconds: options.seconds,
                peer_seconds: options.peerSeconds, repeat: options.repeat },
    speedup_reference: kOurs,
    rows, gflops, layers,
  };
}

const fmt = (x, digits = 0) => (x === null || x === undefined || !Number.isFinite(x) ? '-'
  : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const fmtRatio = (x) => (x === null ? '-' : x >= 10 ? `${fmt(x, 0)}x` : `${fmt(x, x >= 1 ? 1 : 2)}x`);
const fmtLatency = (x) => (x === null ? '-' : fmt(x, x < 1 ? 3 : 2));

function textTable(header, rows, align) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells) => cells.map((cell, c) =>
    (align[c] === 'r' ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function printReport(report) {
  const out = [];
  const m = report.machine;
  const best = report.settings.repeat > 1 ? `, best of ${report.settings.repeat} passes` : '';
  out.push(`LeNet-5, one thread, batch 64 training (SGD momentum 0.9, lr 0.01)${best}, ${report.started}`);
  out.push(`${m.cpu}, ${m.cores} cores; Node ${m.node}${m.chromium ? `; Chromium ${m.chromium}` : ''}; ` +
           `load average ${m.load_average_before.map((x) => x.toFixed(2)).join(' ')} before, ` +
           `${m.load_average_after.map((x) => x.toFixed(2)).join(' ')} after`);
  out.push('');
  const notes = [];
  out.push(textTable(
    ['runtime', 'train samples/s', 'latency b1 ms', 'infer b1000 img/s', 'WASM-Node speed-up: train', 'latency', 'infer'],
    report.rows.map((r) => {
      if (r.error || r.skipped) {
        notes.push(`${r.id}: ${r.error ? `FAILED: ${r.error}` : `skipped: ${r.skipped}`}`);
        return [r.label, r.error ? 'failed' : 'skipped', '', '', '', '', ''];
      }
      let train = fmt(r.train_samples_per_s, r.train_samples_per_s < 100 ? 1 : 0);
      if (r.train_null_reason) {
        train = `cannot (${notes.length + 1})`;
        notes.push(`(${notes.length + 1}) ${r.id}: cannot train: ${r.train_null_reason}`);
      }
      const s = r.wasm_node_speedup;
      return [r.label, train, fmtLatency(r.infer_latency_ms), fmt(r.infer_images_per_s),
              s ? fmtRatio(s.train) : '(ref)', s ? fmtRatio(s.latency) : '(ref)', s ? fmtRatio(s.infer) : '(ref)'];
    }),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r']));
  out.push(`speed-up = how many times faster ${report.speedup_reference} is than the row (latency: the row's ms / ours).`);
  out.push(...notes);

  if (report.gflops.length) {
    out.push('', 'Our GFLOP/s against the measured SIMD peak (multiply + add in registers, no FMA)');
    out.push(textTable(['runtime', 'forward GFLOP/s', 'train GFLOP/s', 'peak GFLOP/s', 'forward % of peak', 'train % of peak'],
      report.gflops.map((g) => [g.id, fmt(g.forward_gflops, 1), fmt(g.train_gflops, 1), fmt(g.peak_gflops, 1),
        g.peak_gflops ? `${fmt(100 * g.forward_gflops / g.peak_gflops, 0)}%` : '-',
        g.peak_gflops ? `${fmt(100 * g.train_gflops / g.peak_gflops, 0)}%` : '-']),
      ['l', 'r', 'r', 'r', 'r', 'r']));
  }

  if (report.layers.length) {
    // One row per layer, forward and backward ms per batch-64 training step for each of our runtimes.
    const names = report.layers[0].layers.map((l) => l.name);
    const header = ['layer'];
    for (const { id } of report.layers) header.push(`${id} fwd`, 'bwd', 'share');
    const perRuntime = report.layers.map(({ layers, loss_ms, optimizer_ms }) => {
      const total = layers.reduce((s, l) => s + l.forward_ms + l.backward_ms, 0) + (loss_ms ?? 0) + (optimizer_ms ?? 0);
      return { layers, loss_ms, optimizer_ms, total };
    });
    const rows = names.map((name, i) => [name, ...perRuntime.flatMap(({ layers, total }) => {
      const l = layers[i]; // by position: names repeat (relu)
      return l ? [fmt(l.forward_ms, 3), fmt(l.backward_ms, 3), `${fmt(100 * (l.forward_ms + l.backward_ms) / total, 0)}%`] : ['-', '-', '-'];
    })]);
    rows.push(['loss', ...perRuntime.flatMap(({ loss_ms, total }) => [fmt(loss_ms, 3), '', loss_ms === null ? '' : `${fmt(100 * loss_ms / total, 0)}%`])]);
    rows.push(['optimizer', ...perRuntime.flatMap(({ optimizer_ms, total }) => ['', fmt(optimizer_ms, 3), optimizer_ms === null ? '' : `${fmt(100 * optimizer_ms / total, 0)}%`])]);
    rows.push(['total', ...perRuntime.flatMap(({ total }) => [fmt(total, 3), '', ''])]);
    out.push('', 'Our training step by layer (ms per batch of 64; share of the step)');
    out.push(textTable(header, rows, header.map((_, c) => (c === 0 ? 'l' : 'r'))));
  }
  console.log(out.join('\n'));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.only) {
    const unknown = [...options.only].filter((id) => !kRuns.some((r) => r.id === id));
    if (unknown.length) usage(`--only: unknown ${unknown.join(', ')}`);
  }
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const runs = []; // runs[k]: the k-th pass over kRuns
  for (let pass = 0; pass < options.repeat; ++pass) {
    const results = [];
    for (const spec of kRuns) {
      if (options.only && !options.only.has(spec.id)) continue;
      // The browser rows are consecutive: close Chromium before the Node peers run.
      if (!spec.id.endsWith('-chromium')) await browser.close();
      if (!options.json) process.stderr.write(`run_bench: ${options.repeat > 1 ? `pass ${pass + 1}: ` : ''}${spec.id} ... `);
      const t0 = performance.now();
      const entry = { id: spec.id, label: spec.label, ours: spec.ours };
      try {
        const result = await spec.run(options);
        if (result?.skipped) entry.skipped = result.skipped;
        else entry.result = result;
      } catch (error) {
        entry.error = String(error?.message ?? error).split('\n')[0];
      }
      entry.seconds_wall = Math.round((performance.now() - t0) / 100) / 10;
      const status = entry.error ? 'FAILED' : entry.skipped ? 'skipped' : 'done';
      if (!options.json) process.stderr.write(`${status} (${entry.seconds_wall} s)\n`);
      results.push(entry);
    }
    await browser.close();
    runs.push(results);
  }
  const results = runs.length === 1 ? runs[0] : bestOf(runs);
  const report = buildReport(options, results, startedAt, loadBefore, os.loadavg());
  if (options.json) console.log(JSON.stringify(report));
  else printReport(report);
  process.exitCode = results.some((r) => r.error) ? 1 : 0;
}

await main();
