// Browser tests of the playground page at desktop size with a mouse: it loads without
// console errors, drawn digits are predicted, a corrupt model is refused, training runs,
// pauses and steps, and screenshots are kept (build/test-artifacts/, with metrics.json).
// Needs `make web`; CNNPLAY_SERVE_ROOT=build/dist runs the same checks against `make dist`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PlaygroundSession, kArtifactPrefix, kArtifacts, kOne, kRoot, kServeRoot, kTimeoutMs, kZero, sleep } from './playground_session.mjs';

let pg = null;
let page = null;
let engineReady = false; // set by the first test; later tests fail fast without it
const metrics = {};
// The first load in bytes on the wire (see the first test): issue 17's bound where the server
// sends brotli (`make dist`'s .br copies), and where it sends gzip the figure reached (514,729
// once the glue was minified, tools/minify_js.mjs) with 5 kB kept for the course's next views.
const kBrotliCeiling = 450_000;
const kGzipCeiling = 520_000;

setTimeout(() => {
  console.error('page.test.mjs: watchdog expired, exiting');
  process.exit(1);
}, 8 * kTimeoutMs).unref();

before(async () => {
  pg = await PlaygroundSession.open({ viewport: { width: 1280, height: 720 } });
  page = pg.page;
}, { timeout: 2 * kTimeoutMs });

after(async () => {
  await writeFile(path.join(kArtifacts, `${kArtifactPrefix}metrics.json`), `${JSON.stringify(metrics, null, 2)}\n`);
  console.log('metrics:', JSON.stringify(metrics));
  await pg?.close();
});

test('the page loads, the engine starts with the shipped LeNet-5, no console errors', { timeout: kTimeoutMs }, async () => {
  const state = await pg.ready();
  engineReady = true;
  assert.equal(state.ready, true);
  assert.equal(await page.locator('#loading').isVisible(), false);
  await page.locator('#training-status').filter({ hasText: 'Ready' }).waitFor();
  assert.match(await page.locator('#training-status').textContent(), /lenet5-mnist\.bin, 61706 parameters/);
  const pad = await pg.layout();
  assert.ok(pad.width > 200 && Math.abs(pad.width - pad.height) < 1, `draw pad ${JSON.stringify(pad)}`);
  metrics.readyMs = Math.round(await page.evaluate(() => window.cnnPlayground.stats.readyMs));
  metrics.bytesBeforeReady = pg.bytesBeforeReady;          // on the wire (brotli or gzip where the server does)
  metrics.fileBytesBeforeReady = pg.fileBytesBeforeReady;  // the same files unpacked
  // Issue 17 asks for at most 450,000 bytes before the first prediction: met with brotli. gzip
  // (the repository root, where no .br copies are) has a ceiling of the figure reached, so that
  // the first load cannot grow unnoticed either way.
  const brotli = existsSync(path.join(kServeRoot, 'build/wasm/web/playground.wasm.br'));
  const ceiling = brotli ? kBrotliCeiling : kGzipCeiling;
  assert.ok(pg.bytesBeforeReady <= ceiling,
            `${pg.bytesBeforeReady} bytes before the page is ready (${brotli ? 'brotli' : 'gzip'}), more than ${ceiling}`);
  pg.assertNoPageErrors();
});

test('strokes drawn with the mouse are predicted: a 1 and a 0', { timeout: kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  const t0 = Date.now();
  await pg.stroke(kOne);
  const one = await pg.settledPrediction();
  metrics.firstPredictionMs = Math.round(await page.evaluate(() => window.cnnPlayground.stats.firstPredictionMs));
  metrics.strokeEndToPredictionSettledMs = Date.now() - t0;
  await pg.screenshot('page-drawn-1.png');
  assert.match(one, /^1 /, `a drawn 1 was predicted as ${one}`);

  await pg.clearPad();
  await pg.stroke(kZero);
  const zero = await pg.settledPrediction();
  await pg.screenshot('page-drawn-0.png');
  assert.match(zero, /^0 /, `a drawn 0 was predicted as ${zero}`);
  pg.assertNoPageErrors();
});

test('a corrupt model file shows an error, and the current model keeps predicting', { timeout: kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  const bytes = readFileSync(path.join(kRoot, 'assets/lenet5-mnist.bin'));
  bytes[Math.floor(bytes.length / 2)] ^= 0x5a;
  await page.setInputFiles('#model-file', { name: 'corrupt.bin', mimeType: 'application/octet-stream', buffer: bytes });
  await page.locator('#engine-message').filter({ hasText: 'corrupt.bin' }).waitFor();
  const message = await page.locator('#engine-message').textContent();
  assert.match(message, /corrupt\.bin: .*current model is kept/);
  await pg.screenshot('page-corrupt-model.png');

  await pg.clearPad();
  await pg.stroke(kOne);
  assert.match(await pg.settledPrediction(), /^1 /);
  assert.match(await page.locator('#training-status').textContent(), /lenet5-mnist\.bin/);
  pg.assertNoPageErrors();
});

test('training downloads MNIST, moves the progress and curves, pauses and steps', { timeout: 2 * kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  const status = page.locator('#training-status');
  await pg.click('train_start');
  await status.filter({ hasText: /Training running: .* [1-9]\d* of 60000 samples/ }).waitFor({ timeout: 60_000 });
  const first = await status.textContent();
  const curves = async () => Promise.all(['loss_curve', 'accuracy_curve'].map(async (name) => {
    const c = await pg.control(name);
    return page.screenshot({ clip: { x: c.x, y: c.y, width: c.width, height: c.height } });
  }));
  const curvesBefore = await curves();

  // The page keeps drawing while the worker trains: count frames for 3 s.
  const frames0 = await page.evaluate(() => window.cnnPlayground.stats.frames);
  await sleep(3000);
  const frames1 = await page.evaluate(() => window.cnnPlayground.stats.frames);
  metrics.framesPerSecondWhileTraining = Math.round(((frames1 - frames0) / 3) * 10) / 10;
  const second = await status.textContent();
  const done = (text) => Number(text.match(/ (\d+) of 60000 samples/)[1]);
  assert.ok(done(second) > done(first), `no progress: '${first}' then '${second}'`);
  metrics.samplesPerSecond = Number(second.match(/(\d+) samples\/s/)[1]);
  const curvesAfter = await curves();
  assert.ok(!curvesAfter[0].equals(curvesBefore[0]), 'the loss curve did not move while training');
  assert.ok(!curvesAfter[1].equals(curvesBefore[1]), 'the accuracy curve did not move while training');
  await pg.screenshot('page-training.png');

  await pg.click('train_pause');
  await status.filter({ hasText: 'Training paused' }).waitFor();
  const paused = await status.textContent();
  await sleep(500);
  assert.equal(await status.textContent(), paused, 'training moved while paused');

  await pg.click('train_step');
  await page.waitForFunction((before) => document.getElementById('training-status').textContent !== before, paused);
  const stepped = await status.textContent();
  assert.equal(done(stepped), done(paused) + 64, `one step of 64: '${paused}' then '${stepped}'`);

  // Resumed, and a stroke drawn meanwhile still gets a prediction (from the newest weights).
  await pg.click('train_resume');
  await status.filter({ hasText: 'Training running' }).waitFor();
  await pg.clearPad();
  await pg.stroke(kOne);
  await page.waitForFunction(() => /^\d \(/.test(document.getElementById('prediction').textContent));

  await pg.click('train_stop');
  await status.filter({ hasText: /Training (stopped|finished)/ }).waitFor();
  pg.assertNoPageErrors();
});

test('save downloads a model file that loads back; the summary lists the layers', { timeout: kTimeoutMs }, async () => {
  assert.ok(engineReady, 'the engine did not start (see the first test)');
  await pg.click('tab_model');
  const [download] = await Promise.all([page.waitForEvent('download'), pg.click('model_save')]);
  const bytes = readFileSync(await download.path());
  assert.equal(download.suggestedFilename(), 'cnn-playground-model.bin');
  assert.ok(bytes.length > 61706 * 4, `the saved file has ${bytes.length} bytes, fewer than the weights`);
  await pg.screenshot('page-model-summary.png');

  await page.setInputFiles('#model-file', { name: 'saved-again.bin', mimeType: 'application/octet-stream', buffer: bytes });
  await page.locator('#training-status').filter({ hasText: 'saved-again.bin' }).waitFor();
  await pg.clearPad();
  await pg.stroke(kOne);
  assert.match(await pg.settledPrediction(), /^1 /);
  await pg.click('tab_train');
  pg.assertNoPageErrors();
});

// What the Draw & train view must show whole at either size, without scrolling: the bars'
// buttons and tabs, the pad and its tools, the network's input, the Network panel's tabs and
// the run buttons (the settings and curves below them may scroll at 1280x720). Every mode_*
// tab in layout() is added to these, so a new view's tab is held to the same.
const kMainControls = ['lang_switch', 'present_switch', 'copy_link', 'mode_draw', 'mode_network', 'mode_convolution',
                       'mode_pooling', 'mode_inside', 'mode_cost', 'mode_optimizers', 'draw_pad', 'clear', 'undo',
                       'brush', 'network_input', 'tab_train', 'tab_mistakes', 'tab_runs', 'tab_model',
                       'train_start', 'train_pause', 'train_stop', 'train_step'];

test('screenshots at desktop and tablet sizes', { timeout: kTimeoutMs }, async () => {
  for (const [width, height] of [[1280, 720], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await sleep(500);
    const pad = await pg.layout();
    assert.ok(pad.x >= 0 && pad.y >= 0 && pad.x + pad.width <= width && pad.y + pad.height <= height,
              `draw pad ${JSON.stringify(pad)} outside the ${width}x${height} window`);
    const { controls } = pad;
    const at = `at ${width}x${height}`;
    const main = [...kMainControls, ...Object.keys(controls).filter((n) => n.startsWith('mode_') && !kMainControls.includes(n))];
    // Each main control is there, of some size, and inside the window (half a pixel for rounding).
    for (const name of main) {
      const c = controls[name];
      assert.ok(c, `no control '${name}' ${at}: ${Object.keys(controls).join(', ')}`);
      assert.ok(c.width >= 8 && c.height >= 8, `${name} ${at} is only ${c.width}x${c.height}: ${JSON.stringify(c)}`);
      assert.ok(c.x >= -0.5 && c.y >= -0.5 && c.x + c.width <= width + 0.5 && c.y + c.height <= height + 0.5,
                `${name} ${at} is outside the window: ${JSON.stringify(c)}`);
    }
    // No two of them overlap (a shared edge is not an overlap).
    for (let i = 0; i < main.length; ++i) {
      for (let j = i + 1; j < main.length; ++j) {
        const a = controls[main[i]], b = controls[main[j]];
        const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        assert.ok(w <= 0.5 || h <= 0.5, `${main[i]} ${JSON.stringify(a)} and ${main[j]} ` +
                                         `${JSON.stringify(b)} overlap ${at}`);
      }
    }
    // No control's text is cut (ui/controls.h: past its panel's edge, or a combo's choice wider
    // than its box), the settings below the run buttons included.
    const cut = Object.entries(controls).filter(([, c]) => c.cut).map(([name, c]) => `${name} ${JSON.stringify(c)}`);
    assert.deepEqual(cut, [], `text cut ${at} in ${cut.join('; ')}`);
    await pg.screenshot(`page-${width}x${height}.png`);
  }
  pg.assertNoPageErrors();
});
