// Browser test of the page: serves the repo with web/serve.mjs, opens it in Debian's Chromium
// through playwright-core, and checks that the engine Worker starts, shows the LeNet-5 summary and
// predicts. Screenshots go to build/test-artifacts/. Needs `make web` and assets/lenet5-mnist.bin.
// CNNPLAY_SERVE_ROOT=build/dist runs the same checks against the output of `make dist`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const kRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const kServeRoot = path.resolve(kRoot, process.env.CNNPLAY_SERVE_ROOT ?? '.');
const kArtifacts = path.join(kRoot, 'build/test-artifacts');
const kTimeoutMs = 60_000; // SwiftShader and a cold WASM compile are slow on 2 cores
const kLeNetParams = 61706;

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

// Last resort against a hang: whatever happens, this file ends (the timer itself keeps nothing alive).
setTimeout(() => {
  console.error('page.test.mjs: watchdog expired, exiting');
  server?.kill('SIGKILL');
  process.exit(1);
}, 5 * kTimeoutMs).unref();
process.on('exit', () => server?.kill('SIGKILL'));

// Starts web/serve.mjs on a free port (PORT=0) and resolves with the URL it prints.
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

before(async () => {
  for (const file of ['build/wasm/web/engine.js', 'build/wasm/web/engine.wasm',
                      'assets/lenet5-mnist.bin']) {
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
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) =>
    pageErrors.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`));
  await page.goto(baseUrl);
}, { timeout: 2 * kTimeoutMs });

after(async () => {
  try {
    await context?.close();
  } finally {
    server?.kill('SIGTERM');
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  }
});

test('the engine starts and the page shows the LeNet-5 summary', { timeout: kTimeoutMs }, async () => {
  await page.waitForFunction(() => window.cnnPlayground);
  const summary = await page.evaluate(() => window.cnnPlayground.ready);
  engineReady = true;
  assert.equal(summary.params, kLeNetParams);
  assert.ok(summary.layers.length > 0, 'the summary lists no layers');

  const status = page.locator('#training-status');
  await status.filter({ hasText: 'Engine ready' }).waitFor();
  assert.equal(await status.textContent(), 'Engine ready: LeNet-5, 61,706 parameters');
  assert.equal(await page.locator('#loading').isVisible(), false);

  const table = await page.locator('#summary').textContent();
  assert.match(table, /61,?706/);
  for (const layer of summary.layers) assert.ok(table.includes(layer.name), layer.name);
  assertNoPageErrors();
});

test('predict on a blank image returns 10 probabilities summing to 1', { timeout: kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  const probs = await page.evaluate(async () =>
    Array.from(await window.cnnPlayground.predict(new Float32Array(28 * 28))));
  assert.equal(probs.length, 10);
  for (const p of probs) assert.ok(Number.isFinite(p) && p >= 0 && p <= 1, `probability ${p}`);
  const sum = probs.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-4, `probabilities sum to ${sum}`);
  assertNoPageErrors();
});

test('screenshots at desktop and tablet sizes', { timeout: kTimeoutMs }, async () => {
  for (const [width, height] of [[1280, 720], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(kArtifacts, `page-${width}x${height}.png`) });
  }
  assertNoPageErrors();
});
