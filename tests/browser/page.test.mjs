// Browser tests of the playground page: serves the repo with web/serve.mjs, opens it in
// Debian's Chromium (SwiftShader WebGL2) through playwright-core, and drives it as a person
// would: real mouse strokes on the draw pad (found through window.cnnPlayground.layout()),
// clicks on the ImGui buttons, a file chosen in the model file input. Results are read from
// the page's ARIA live regions (#prediction, #training-status, #engine-message).
// Screenshots and metrics.json go to build/test-artifacts/. Needs `make web`.
// CNNPLAY_SERVE_ROOT=build/dist runs the same checks against the output of `make dist`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const kRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const kServeRoot = path.resolve(kRoot, process.env.CNNPLAY_SERVE_ROOT ?? '.');
const kArtifacts = path.join(kRoot, 'build/test-artifacts');
const kTimeoutMs = 90_000; // SwiftShader and a cold WASM compile are slow on 2 cores

// Flags from TOOLCHAIN.md: no network chatter on this closed machine; WebGL2 through SwiftShader.
const kChromiumArgs = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

let server = null;
let context = null;
let page = null;
let userDataDir = null;
let baseUrl = null;
let engineReady = false; // set by the first test; later tests fail fast without it
const pageErrors = []; // console errors and uncaught exceptions, checked by every test
const metrics = {};
let bytesBeforeReady = 0;
let readySeen = false;

setTimeout(() => {
  console.error('page.test.mjs: watchdog expired, exiting');
  server?.kill('SIGKILL');
  process.exit(1);
}, 8 * kTimeoutMs).unref();
process.on('exit', () => server?.kill('SIGKILL'));

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(kRoot, 'web/serve.mjs'), kServeRoot], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve.mjs printed no URL:\n${output}`)), 10_000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code}:\n${output}`));
    });
  });
}

function assertNoPageErrors() {
  assert.deepEqual(pageErrors, [], 'the page logged errors');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function layout() {
  return page.evaluate(() => window.cnnPlayground.layout());
}

async function click(control) {
  const { controls } = await layout();
  const c = controls[control];
  assert.ok(c, `no control '${control}' in layout(): ${Object.keys(controls).join(', ')}`);
  await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
  await sleep(60);
  await page.mouse.down();
  await sleep(60);
  await page.mouse.up();
  await sleep(60);
}

// Draws one stroke through points given in pad units (0..1), with real mouse events and
// pauses so that several frames see the button held.
async function stroke(points) {
  const pad = await layout();
  assert.ok(pad.width > 100 && pad.height > 100, `draw pad too small: ${JSON.stringify(pad)}`);
  const at = ([u, v]) => [pad.x + u * pad.width, pad.y + v * pad.height];
  await page.mouse.move(...at(points[0]));
  await sleep(50);
  await page.mouse.down();
  await sleep(50);
  for (const p of points.slice(1)) {
    await page.mouse.move(...at(p), { steps: 4 });
    await sleep(16);
  }
  await sleep(50);
  await page.mouse.up();
  await sleep(50);
}

const kOne = [[0.52, 0.18], [0.51, 0.35], [0.5, 0.5], [0.49, 0.65], [0.48, 0.82]];
const kZero = Array.from({ length: 41 }, (_, i) => {
  const a = (i / 40) * 2 * Math.PI;
  return [0.5 + 0.22 * Math.sin(a), 0.5 - 0.32 * Math.cos(a)];
});

// Waits until #prediction shows a digit and keeps it for a moment; returns the text.
async function settledPrediction() {
  let last = '';
  let stableSince = Date.now();
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const text = (await page.locator('#prediction').textContent()) ?? '';
    if (text !== last) {
      last = text;
      stableSince = Date.now();
    } else if (/^\d \(\d+\.\d%\)$/.test(text) && Date.now() - stableSince > 400) {
      return text;
    }
    await sleep(50);
  }
  throw new Error(`no settled prediction; last #prediction text: '${last}'`);
}

before(async () => {
  for (const file of ['build/wasm/web/engine.js', 'build/wasm/web/engine.wasm', 'build/wasm/web/playground.js',
                      'build/wasm/web/playground.wasm', 'assets/lenet5-mnist.bin']) {
    assert.ok(existsSync(path.join(kServeRoot, file)), `${file} is missing: run \`make web\` first`);
  }
  await mkdir(kArtifacts, { recursive: true });
  baseUrl = await startServer();
  userDataDir = await mkdtemp(path.join(os.tmpdir(), 'cnnplay-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: kChromiumArgs,
    viewport: { width: 1280, height: 720 },
    timeout: kTimeoutMs,
  });
  context.setDefaultTimeout(kTimeoutMs);
  page = context.pages()[0] ?? await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message} ${error.stack ?? ''}`));
  // The worker reads the MNIST files as streams; Chromium then reports a request whose
  // 200 response was already delivered as ERR_ABORTED. Only requests without a response
  // count as failures (a missing byte would fail the training test anyway).
  const answered = new Set();
  context.on('response', (response) => { if (response.ok()) answered.add(response.url()); });
  context.on('requestfailed', (request) => {
    if (request.failure()?.errorText === 'net::ERR_ABORTED' && answered.has(request.url())) return;
    pageErrors.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`);
  });
  // Bytes on the wire until the page is usable (worker requests included).
  context.on('response', async (response) => {
    if (readySeen) return;
    const length = Number(response.headers()['content-length'] ?? 0);
    bytesBeforeReady += length;
  });
  await page.goto(baseUrl);
}, { timeout: 2 * kTimeoutMs });

after(async () => {
  try {
    await writeFile(path.join(kArtifacts, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
    console.log('metrics:', JSON.stringify(metrics));
    await context?.close();
  } finally {
    server?.kill('SIGTERM');
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  }
});

test('the page loads, the engine starts with the shipped LeNet-5, no console errors', { timeout: kTimeoutMs }, async () => {
  await page.waitForFunction(() => window.cnnPlayground);
  const state = await page.evaluate(() => window.cnnPlayground.ready);
  readySeen = true;
  engineReady = true;
  assert.equal(state.ready, true);
  assert.equal(await page.locator('#loading').isVisible(), false);
  await page.locator('#training-status').filter({ hasText: 'Ready' }).waitFor();
  assert.match(await page.locator('#training-status').textContent(), /lenet5-mnist\.bin, 61706 parameters/);
  const pad = await layout();
  assert.ok(pad.width > 200 && Math.abs(pad.width - pad.height) < 1, `draw pad ${JSON.stringify(pad)}`);
  metrics.readyMs = Math.round(await page.evaluate(() => window.cnnPlayground.stats.readyMs));
  metrics.bytesBeforeReady = bytesBeforeReady;
  assertNoPageErrors();
});

test('strokes drawn with the mouse are predicted: a 1 and a 0', { timeout: kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  const t0 = Date.now();
  await stroke(kOne);
  const one = await settledPrediction();
  metrics.firstPredictionMs = Math.round(await page.evaluate(() => window.cnnPlayground.stats.firstPredictionMs));
  metrics.strokeEndToPredictionSettledMs = Date.now() - t0;
  await page.screenshot({ path: path.join(kArtifacts, 'page-drawn-1.png') });
  assert.match(one, /^1 /, `a drawn 1 was predicted as ${one}`);

  await click('clear');
  await page.waitForFunction(() => document.getElementById('prediction').textContent === '');
  await stroke(kZero);
  const zero = await settledPrediction();
  await page.screenshot({ path: path.join(kArtifacts, 'page-drawn-0.png') });
  assert.match(zero, /^0 /, `a drawn 0 was predicted as ${zero}`);
  assertNoPageErrors();
});

test('a corrupt model file shows an error, and the current model keeps predicting', { timeout: kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  const bytes = readFileSync(path.join(kRoot, 'assets/lenet5-mnist.bin'));
  bytes[Math.floor(bytes.length / 2)] ^= 0x5a;
  await page.setInputFiles('#model-file', { name: 'corrupt.bin', mimeType: 'application/octet-stream', buffer: bytes });
  await page.locator('#engine-message').filter({ hasText: 'corrupt.bin' }).waitFor();
  const message = await page.locator('#engine-message').textContent();
  assert.match(message, /corrupt\.bin: .*current model is kept/);
  await page.screenshot({ path: path.join(kArtifacts, 'page-corrupt-model.png') });

  await click('clear');
  await page.waitForFunction(() => document.getElementById('prediction').textContent === '');
  await stroke(kOne);
  assert.match(await settledPrediction(), /^1 /);
  assert.match(await page.locator('#training-status').textContent(), /lenet5-mnist\.bin/);
  assertNoPageErrors();
});

test('training downloads MNIST, moves the progress and curves, pauses and steps', { timeout: 2 * kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  const status = page.locator('#training-status');
  await click('train_start');
  await status.filter({ hasText: /Training running: .* [1-9]\d* of 60000 samples/ }).waitFor({ timeout: 60_000 });
  const first = await status.textContent();

  // The page keeps drawing while the worker trains: count frames for 3 s.
  const frames0 = await page.evaluate(() => window.cnnPlayground.stats.frames);
  await sleep(3000);
  const frames1 = await page.evaluate(() => window.cnnPlayground.stats.frames);
  metrics.framesPerSecondWhileTraining = Math.round(((frames1 - frames0) / 3) * 10) / 10;
  const second = await status.textContent();
  const done = (text) => Number(text.match(/ (\d+) of 60000 samples/)[1]);
  assert.ok(done(second) > done(first), `no progress: '${first}' then '${second}'`);
  metrics.samplesPerSecond = Number(second.match(/(\d+) samples\/s/)[1]);
  await page.screenshot({ path: path.join(kArtifacts, 'page-training.png') });

  await click('train_pause');
  await status.filter({ hasText: 'Training paused' }).waitFor();
  const paused = await status.textContent();
  await sleep(500);
  assert.equal(await status.textContent(), paused, 'training moved while paused');

  await click('train_step');
  await page.waitForFunction((before) => document.getElementById('training-status').textContent !== before, paused);
  const stepped = await status.textContent();
  assert.equal(done(stepped), done(paused) + 64, `one step of 64: '${paused}' then '${stepped}'`);

  // Resumed, and a stroke drawn meanwhile still gets a prediction (from the newest weights).
  await click('train_resume');
  await status.filter({ hasText: 'Training running' }).waitFor();
  await click('clear');
  await page.waitForFunction(() => document.getElementById('prediction').textContent === '');
  await stroke(kOne);
  await page.waitForFunction(() => /^\d \(/.test(document.getElementById('prediction').textContent));

  await click('train_stop');
  await status.filter({ hasText: /Training (stopped|finished)/ }).waitFor();
  assertNoPageErrors();
});

test('screenshots at desktop and tablet sizes', { timeout: kTimeoutMs }, async () => {
  for (const [width, height] of [[1280, 720], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await sleep(500);
    const pad = await layout();
    assert.ok(pad.x >= 0 && pad.y >= 0 && pad.x + pad.width <= width && pad.y + pad.height <= height,
              `draw pad ${JSON.stringify(pad)} outside the ${width}x${height} window`);
    await page.screenshot({ path: path.join(kArtifacts, `page-${width}x${height}.png`) });
  }
  assertNoPageErrors();
});
