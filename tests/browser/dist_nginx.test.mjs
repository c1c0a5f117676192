// `make dist` on a real static host (issue 17): Debian's nginx serves build/dist under a sub-path,
// http://127.0.0.1:PORT/user/cnn-playground/, with its default MIME types, no headers of ours and
// gzip_static for the .gz copies (tests/browser/nginx_server.mjs). The page loads, predicts a drawn
// digit and opens every view; the engine, the UI and the model arrive as their .gz copies; no
// request leaves the sub-path; and after the service worker has its copies, an offline reload
// predicts and opens every view again. Load figures go to build/test-artifacts/nginx-metrics.json.
// Needs `make dist` (the Makefile's `test` runs it first): a missing or stale dist fails.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PlaygroundSession, kArtifacts, kOne, kRoot, kTimeoutMs } from './playground_session.mjs';
import { startNginx } from './nginx_server.mjs';
import { minifyJs } from '../../tools/minify_js.mjs';

const kDist = path.join(kRoot, 'build/dist');
const kSubPath = '/user/cnn-playground/';
// What the page needs to start, as `make dist` lays it out (web/worker.js), each with a .gz copy.
const kPacked = ['index.html', 'web/main.js', 'web/worker.js', 'build/wasm/web/engine.js', 'build/wasm/web/engine.wasm',
                 'build/wasm/web/playground.js', 'build/wasm/web/playground.wasm', 'assets/lenet5-mnist.bin'];
// dist file -> its source in the repo: the same bytes, or dist is older than the build.
const kSources = { 'service_worker.js': 'web/service_worker.js' };

let nginx = null;
let pg = null;
let page = null;
let engineReady = false; // set by the first test; later tests fail fast without it
const metrics = {};

setTimeout(() => {
  console.error('dist_nginx.test.mjs: watchdog expired, exiting');
  process.exit(1);
}, 8 * kTimeoutMs).unref();

// The page's own scripts are minified in dist (tools/minify_js.mjs): compared as minified.
async function assertDistCurrent() {
  assert.ok(existsSync(kDist), 'build/dist is missing: run `make dist` first');
  for (const file of [...kPacked, 'service_worker.js', 'web/page.css', 'web/session_store.js']) {
    const source = path.join(kRoot, kSources[file] ?? file);
    const copy = path.join(kDist, file);
    assert.ok(existsSync(copy), `build/dist/${file} is missing: run \`make dist\``);
    const minified = file.endsWith('.js') && !file.startsWith('build/');
    const expected = minified ? Buffer.from(await minifyJs(readFileSync(source, 'utf8'))) : readFileSync(source);
    assert.ok(readFileSync(copy).equals(expected), `build/dist/${file} differs from ${kSources[file] ?? file}: run \`make dist\``);
  }
}

before(async () => {
  await assertDistCurrent();
  nginx = await startNginx({ root: kDist, subPath: kSubPath });
  pg = await PlaygroundSession.open({ baseUrl: nginx.url, serveRoot: kDist, artifactPrefix: 'nginx-',
                                      viewport: { width: 1280, height: 720 } });
  page = pg.page;
}, { timeout: 2 * kTimeoutMs });

after(async () => {
  await writeFile(path.join(kArtifacts, 'nginx-metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  console.log('metrics:', JSON.stringify(metrics));
  try {
    await pg?.close();
  } finally {
    await nginx?.stop();
  }
});

// Each view by the control it shows (the Mistakes tab has none before an epoch: the Train tab's
// controls leave). A screenshot of each is kept, `when` tells online from offline.
async function openEveryView(when) {
  for (const [mode, control] of [['mode_network', 'network_apply'], ['mode_convolution', 'conv_flip'],
                                 ['mode_pooling', 'pool_step'], ['mode_inside', 'inside_first_map']]) {
    await pg.click(mode);
    await pg.control(control);
    await pg.screenshot(`${when}-${mode}.png`);
  }
  await pg.click('mode_draw');
  for (const [tab, control] of [['tab_mistakes', null], ['tab_runs', 'runs_race'], ['tab_model', 'model_save'],
                                ['tab_train', 'train_start']]) {
    await pg.click(tab);
    if (control) {
      await pg.control(control);
    } else {
      await page.waitForFunction(() => !('train_start' in window.cnnPlayground.layout().controls));
    }
    await pg.screenshot(`${when}-${tab}.png`);
  }
}

test('under a sub-path on nginx, the page loads, the engine starts with the shipped LeNet-5, no console errors', { timeout: kTimeoutMs }, async () => {
  const state = await pg.ready();
  engineReady = true;
  assert.equal(state.ready, true);
  await page.locator('#training-status').filter({ hasText: 'Ready' }).waitFor();
  assert.match(await page.locator('#training-status').textContent(), /lenet5-mnist\.bin, 61706 parameters/);
  metrics.readyMs = Math.round(await page.evaluate(() => window.cnnPlayground.stats.readyMs));
  metrics.bytesBeforeReady = pg.bytesBeforeReady;          // on the wire, the .gz copies
  metrics.fileBytesBeforeReady = pg.fileBytesBeforeReady;  // the same files unpacked
  pg.assertNoPageErrors();
});

// One digit: the page is the same bytes as the repo's (assertDistCurrent), where page.test.mjs
// draws a 0 as well; a 0's 41-point stroke costs some 45 s under SwiftShader here.
test('a 1 drawn with the mouse is predicted', { timeout: kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  const t0 = Date.now();
  await pg.stroke(kOne);
  const one = await pg.settledPrediction();
  metrics.firstPredictionMs = Math.round(await page.evaluate(() => window.cnnPlayground.stats.firstPredictionMs));
  metrics.strokeEndToPredictionSettledMs = Date.now() - t0;
  assert.match(one, /^1 /, `a drawn 1 was predicted as ${one}`);
  pg.assertNoPageErrors();
});

test('every view opens', { timeout: kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  await openEveryView('online');
  pg.assertNoPageErrors();
});

test('the page, the engine, the UI and the model come as their .gz copies; nothing leaves the sub-path', { timeout: kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  for (const file of kPacked) {
    const url = nginx.url + (file === 'index.html' ? '' : file);
    // The first answer from the network (later ones may come from the service worker or its cache).
    const response = pg.responses.find((r) => r.url() === url && !r.fromServiceWorker());
    assert.ok(response, `no response for ${url}`);
    const headers = response.headers();
    assert.equal(headers['content-encoding'], 'gzip', `${file}: Content-Encoding ${headers['content-encoding']}`);
    // gzip_static sent the file `make dist` compressed, not one nginx made on the fly (that would
    // be chunked, without a length).
    assert.equal(Number(headers['content-length']), statSync(path.join(kDist, `${file}.gz`)).size, `${file}: not its .gz copy`);
    if (file.endsWith('.wasm')) assert.equal(headers['content-type'], 'application/wasm', `${file}: streaming compile needs application/wasm`);
  }
  const failed = pg.responses.filter((r) => r.status() >= 400).map((r) => `${r.status()} ${r.url()}`);
  assert.deepEqual(failed, [], 'requests that failed');
  const outside = (await nginx.requests()).filter((line) => !line.split(' ')[1]?.startsWith(kSubPath));
  assert.deepEqual(outside, [], 'requests outside the sub-path (an absolute URL somewhere?)');
});

test('after one visit, an offline reload predicts and opens every view', { timeout: 2 * kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  await page.waitForFunction(() => window.cnnPlayground.stats.offlineReady);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, nginx.url, 'the service worker\'s scope is the page\'s folder');
  await pg.context.setOffline(true);
  try {
    await page.reload();
    await pg.ready();
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker controls the page');
    await pg.stroke(kOne);
    assert.match(await pg.settledPrediction(), /^1 \(/);
    await openEveryView('offline');
  } finally {
    await pg.context.setOffline(false);
  }
  // The service worker asks the network first: those requests fail offline, and the copies answer.
  pg.pageErrors = pg.pageErrors.filter((e) => !/^requestfailed: .* net::ERR_INTERNET_DISCONNECTED$/.test(e));
  pg.assertNoPageErrors();
});
