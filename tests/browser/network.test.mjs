// Your network (issue 15): the network editor in the page at 1280x720 and on a tablet. A
// typed error is shown with its line and column and keeps the model; "Show me" selects the
// word; a fixed text's summary matches `cnnplay summary`; a network the playground cannot
// train says why; Apply builds the typed network, which then trains on 2,000 samples and
// predicts, and shows what it gets wrong (the confusion matrix and a cell's test images). Everything is read from #explorer-status, #training-status and layout().
// Screenshots go to build/test-artifacts/network-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sessionForFile, kOne, kRoot, kTimeoutMs, sleep } from './playground_session.mjs';

let pg = null;
let page = null;
sessionForFile('network.test.mjs', { viewport: { width: 1280, height: 720 } }, (s) => { pg = s; page = s.page; }, 6 * kTimeoutMs);

const explorer = () => page.locator('#explorer-status');
const trainingStatus = () => page.locator('#training-status');

// On a timeout, the error says what the status read instead (the typed text may have gone
// elsewhere: CI once timed out here with nothing more to go on).
async function explorerShows(pattern, timeout = 20_000) {
  try {
    await explorer().filter({ hasText: pattern }).waitFor({ timeout });
  } catch (error) {
    throw new Error(`#explorer-status never matched ${pattern} in ${timeout} ms; it reads '${await explorer().textContent()}'`,
                    { cause: error });
  }
  return explorer().textContent();
}

// Replaces the editor's whole text by typing, as a person would (Ctrl+A, then the keys).
// (Two full runs typed the spec at the click's place, 'reluconv': a Ctrl pressed in one frame
// and let go before the next lost its A. ui/key_queue.cpp now keeps a modifier's release in turn.)
async function typeSpec(text) {
  await pg.click('network_text');
  // The field takes keys once it is active, a frame or more after the click on a loaded machine.
  await page.waitForFunction(() => window.cnnPlayground.layout().controls.network_text?.focused);
  await pg.frames(2);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text, { delay: 5 });
  await sleep(200);
}

// The engine's own count of a spec, from the native CLI (built before the browser tests).
function cliSummary(spec) {
  const cli = path.join(kRoot, 'build/native/cnnplay');
  assert.ok(existsSync(cli), `${cli} is missing: run \`make native\` first`);
  return JSON.parse(execFileSync(cli, ['summary', '--spec', spec, '--json'], { encoding: 'utf8' }));
}

test('the editor opens on the current model, one statement per line, with its summary', { timeout: kTimeoutMs }, async () => {
  await pg.click('mode_network');
  const status = await explorerShows(/^Your network: valid/);
  assert.match(status, /61,706 parameters \(61,706 trainable\), 416,520 multiply-accumulates per image/);
  const { controls } = await pg.layout();
  for (const name of ['network_text', 'network_summary', 'network_apply', 'network_start', 'network_help'])
    assert.ok(controls[name], `no ${name}`);
  await pg.screenshot('network-1280x720-lenet5.png');
  pg.assertNoPageErrors();
});

test('a typed error shows its line and column, keeps the model, and Show me selects the word', { timeout: kTimeoutMs }, async () => {
  await pg.click('network_text');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nconv 6 5y5', { delay: 5 });
  assert.match(await explorerShows(/^Your network: spec/), /^Your network: spec line 9, column 8 \('5y5'\): expected a kernel size such as 5x5/);
  assert.ok((await pg.layout()).controls.network_error, 'the error is not on screen');
  await pg.screenshot('network-1280x720-error.png');
  // Apply is refused for an invalid text: the model stays the shipped LeNet-5.
  await pg.click('network_apply');
  await sleep(500);
  assert.match(await trainingStatus().textContent(), /Ready: lenet5-mnist\.bin, 61706 parameters/);
  // "Show me" selects '5y5' in the text: typing replaces it.
  await pg.click('network_show_error');
  await sleep(200);
  await page.keyboard.type('3x3', { delay: 5 });
  // Now the words are right, but a convolution cannot follow the dense layer's 10 values.
  assert.match(await explorerShows(/^Your network: spec line 9, column 1 /), /\(layer 9\): conv 6 3x3 valid: input 10 is flat; a 3x3 convolution needs an image/);
  pg.assertNoPageErrors();
});

test('a fixed text gets the summary cnnplay prints, and a network for other inputs says why it cannot train here', { timeout: kTimeoutMs }, async () => {
  const spec = 'conv 4 3x3 relu\nmaxpool 2\nflatten\ndense 10';
  await typeSpec(spec);
  const cli = cliSummary(spec.replaceAll('\n', '; '));
  const status = await explorerShows(/^Your network: valid/);
  assert.ok(status.includes(`valid, ${cli.params.toLocaleString('en-US')} parameters (${cli.trainable_params.toLocaleString('en-US')} trainable), ${cli.macs.toLocaleString('en-US')} multiply-accumulates`),
            `page: ${status}, cnnplay: ${cli.params} parameters, ${cli.macs} MACs`);
  assert.equal(cli.params, 4 * 9 + 4 + 13 * 13 * 4 * 10 + 10);

  await typeSpec('vgg16');
  const vgg = await explorerShows(/cannot be trained here/);
  assert.match(vgg, /138,357,544 parameters/);
  assert.match(vgg, /this network takes 224x224x3 inputs and gives 1000; the playground trains on 28x28x1 digits with 10 classes/);
  await pg.screenshot('network-1280x720-vgg16.png');
  pg.assertNoPageErrors();
});

// The layer list (issue 15): rows of the same text; moving, removing, adding and a field's edit
// each rewrite it, and the engine's count follows.
test('the layer list moves, removes, adds and edits layers in the text, and the engine counts each', { timeout: kTimeoutMs }, async () => {
  await typeSpec('conv 4 3x3 relu\nmaxpool 2\nflatten\ndense 10');
  await explorerShows(/^Your network: valid, 6,810 parameters/);
  await pg.click('network_as_list');
  const rows = async () => {
    const { controls } = await pg.layout();
    return Object.keys(controls).filter((k) => /^layer_\d+$/.test(k)).sort().map((k) => controls[k].value);
  };
  await page.waitForFunction(() => 'layer_3' in window.cnnPlayground.layout().controls);
  assert.deepEqual(await rows(), ['conv 4 3x3 relu', 'maxpool 2', 'flatten', 'dense 10']);
  await pg.screenshot('network-1280x720-layer-list.png');
  // Pooling first: 28x28 -> 14x14, a 3x3 convolution on it, 12x12x4 = 576 values to dense 10.
  await pg.click('layer_0_down');
  await explorerShows(/^Your network: valid, 5,810 parameters/);
  assert.deepEqual(await rows(), ['maxpool 2', 'conv 4 3x3 relu', 'flatten', 'dense 10']);
  await pg.click('layer_1_up');
  await explorerShows(/^Your network: valid, 6,810 parameters/);
  // A hidden layer goes in before the output layer: 676 x 64 + 64 and 64 x 10 + 10 more.
  await pg.click('layer_add');
  await pg.click('layer_add_6');
  await explorerShows(/^Your network: valid, 44,018 parameters/);
  assert.deepEqual(await rows(), ['conv 4 3x3 relu', 'maxpool 2', 'flatten', 'dense 64 relu', 'dense 10']);
  await pg.click('layer_3_remove');
  await explorerShows(/^Your network: valid, 6,810 parameters/);
  // Eight filters instead of four, typed into the row's field.
  await pg.click('layer_0_count');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('8', { delay: 5 });
  await explorerShows(/^Your network: valid, 13,610 parameters/);
  assert.equal((await rows())[0], 'conv 8 3x3 relu');
  // The stride's field writes the word the engine reads: 13x13 -> 6x6 after the pool.
  await pg.click('layer_0_stride');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2', { delay: 5 });
  await explorerShows(/^Your network: valid, 2,970 parameters/);
  assert.equal((await rows())[0], 'conv 8 3x3 stride 2 relu');
  await pg.screenshot('network-1280x720-layer-list-edited.png');
  await pg.click('network_as_text');
  await page.waitForFunction(() => 'network_text' in window.cnnPlayground.layout().controls);
  pg.assertNoPageErrors();
});

test('Apply builds the typed network, which trains on 2,000 samples and predicts', { timeout: 3 * kTimeoutMs }, async () => {
  const spec = 'conv 4 3x3 relu\nmaxpool 2\nflatten\ndense 10';
  await typeSpec(spec);
  await explorerShows(/^Your network: valid, 6,810 parameters/);
  await pg.click('network_apply');
  await trainingStatus().filter({ hasText: 'Ready: your network, 6810 parameters' }).waitFor();
  // The text became the model's own: every default written out.
  await explorerShows(/^Your network: valid, 6,810 parameters/);
  await page.waitForFunction(() => 'network_train' in window.cnnPlayground.layout().controls);
  await pg.screenshot('network-1280x720-applied.png');
  await pg.click('network_train');
  await page.waitForFunction(() => 'train_start' in window.cnnPlayground.layout().controls);
  await pg.click('train_samples');
  await pg.click('train_samples_2');  // 2,000 samples an epoch
  await pg.click('train_start');
  await trainingStatus().filter({ hasText: /Training finished/ }).waitFor({ timeout: 180_000 });
  const finished = await trainingStatus().textContent();
  const accuracy = Number(finished.match(/test accuracy ([\d.]+)%/)[1]);
  assert.ok(accuracy > 30, `after 2,000 samples the typed network reached only ${accuracy}% (chance is 10%)`);
  // What it gets wrong: the whole test set, each image once, the diagonal its right answers.
  const { confusion } = await page.evaluate(() => window.cnnPlayground.state());
  assert.equal(confusion.length, 100);
  const total = confusion.reduce((a, b) => a + b, 0);
  const right = [...Array(10).keys()].reduce((a, k) => a + confusion[k * 11], 0);
  assert.equal(total, 10000);
  assert.equal((100 * right / total).toFixed(2), accuracy.toFixed(2), 'the diagonal is not the test accuracy');
  // The Mistakes tab shows it; a click on a cell (true 1, said 1: surely not empty) brings
  // that cell's test images from the engine.
  await pg.click('tab_mistakes');
  const matrix = await pg.control('train_confusion');
  const cell = matrix.width / 11;  // a column of labels, then ten
  await page.mouse.click(matrix.x + cell * 2.5, matrix.y + cell * 2.5);
  await page.waitForFunction(() => 'train_cell_first_image' in window.cnnPlayground.layout().controls, null, { timeout: 30_000 });
  await page.mouse.move(10, 700);
  await sleep(300);
  await pg.screenshot('network-1280x720-mistakes.png');
  // A click on one of them puts it on the draw pad: the network's answer for it (a 1 it got
  // right) shows in the prediction, and the Inside view looks at it.
  await pg.clearPad();
  await pg.click('train_cell_first_image');
  await page.waitForFunction(() => /^1 \(/.test(document.getElementById('prediction').textContent));
  await pg.click('mode_inside');
  await page.waitForFunction(() => 'inside_first_map' in window.cnnPlayground.layout().controls);
  await pg.screenshot('network-1280x720-inside-test-image.png');
  await pg.click('mode_draw');
  await pg.screenshot('network-1280x720-test-image-on-pad.png');
  await pg.click('tab_train');
  // The new network answers the drawing (after one short epoch it may well be unsure).
  await pg.stroke(kOne);
  await page.waitForFunction(() => /^\d \(/.test(document.getElementById('prediction').textContent));
  // Back to the shipped model for the tests after this one.
  await pg.click('tab_model');
  await pg.click('model_restore_shipped');
  await trainingStatus().filter({ hasText: 'lenet5-mnist.bin' }).waitFor();
  await pg.click('tab_train');
  pg.assertNoPageErrors();
});

// The Optimizers view's button races the three on the real network: the Runs tab opens and the
// race's first run (SGD) starts; Stop ends the race there.
test('the Optimizers view races SGD, momentum and Adam on the network from its button', { timeout: 2 * kTimeoutMs }, async () => {
  // All 60,000 samples an epoch: the first run is still going when Stop is pressed. (The test
  // before left 2,000, and a race of three such runs could end before the click.)
  await pg.click('mode_draw');
  await pg.click('tab_train');
  await pg.click('train_samples');
  await pg.click('train_samples_0');
  await pg.click('mode_optimizers');
  await pg.click('opt_race');
  await trainingStatus().filter({ hasText: /^Training running: epoch 1 of/ }).waitFor({ timeout: 60_000 });
  assert.match(await page.locator('#explorer-status').textContent(), /^Runs: /);
  assert.ok((await pg.layout()).controls.runs_race, 'the Runs tab is open');
  await pg.click('tab_train');
  await pg.click('train_stop');
  await trainingStatus().filter({ hasText: /^Training stopped/ }).waitFor();
  await sleep(1500);  // a race that went on would start its momentum run now
  assert.match(await trainingStatus().textContent(), /^Training stopped/);
  pg.assertNoPageErrors();
});

// Runs kept and compared, and the optimizer race: three runs of the same fresh network from the
// same weights and seed, SGD, momentum and Adam, whose curves differ; any can be the model again.
test('the optimizer race leaves three runs whose curves differ, and a kept run can be the model again', { timeout: 4 * kTimeoutMs }, async () => {
  await pg.click('mode_network');
  await typeSpec('conv 4 3x3 relu\nmaxpool 2\nflatten\ndense 10');
  await explorerShows(/^Your network: valid, 6,810 parameters/);
  await pg.click('network_apply');
  await trainingStatus().filter({ hasText: 'Ready: your network, 6810 parameters' }).waitFor();
  await pg.click('mode_draw');
  await pg.click('tab_train');
  await pg.click('train_samples');
  await pg.click('train_samples_2');  // 2,000 samples an epoch
  await pg.click('tab_runs');
  const before = (await explorerShows(/^Runs: /)).split('; ').filter((r) => r.startsWith('Run') || r.startsWith('Runs: Run')).length;
  await pg.click('runs_race');
  const three = new RegExp(`Run ${before + 3}: Adam 0\\.001, batch 64 finished`);
  const status = await explorerShows(three, 240_000);
  const runs = status.replace(/^Runs: /, '').split('; ').slice(-3);
  assert.match(runs[0], /^Run \d+: SGD 0\.05, batch 64 finished, test accuracy [\d.]+%, last loss [\d.e+-]+$/);
  assert.match(runs[1], /^Run \d+: Momentum 0\.01, batch 64 finished/);
  assert.match(runs[2], /^Run \d+: Adam 0\.001, batch 64 finished/);
  const tails = runs.map((r) => r.replace(/^Run \d+: \S+ [\d.]+, batch 64 finished, /, ''));
  assert.equal(new Set(tails).size, 3, `the three optimizers ended alike: ${tails.join(' | ')}`);
  const { controls } = await pg.layout();
  for (const name of ['runs_loss', 'runs_accuracy', 'runs_table']) assert.ok(controls[name], `no ${name}`);
  await pg.screenshot('runs-1280x720-race.png');

  // The first run kept (the Apply test's, on the typed network) becomes the model again, under
  // its name, with the weights it ended with.
  await pg.click('runs_first_use');
  await trainingStatus().filter({ hasText: /^Ready: Run 1: Adam 0\.001, batch 64, 6810 parameters/ }).waitFor();
  pg.assertNoPageErrors();
  await pg.click('tab_model');
  await pg.click('model_restore_shipped');
  await trainingStatus().filter({ hasText: 'lenet5-mnist.bin' }).waitFor();
  await pg.click('tab_train');
  await pg.click('train_samples');
  await pg.click('train_samples_0');
});

test('a preset put into the editor brings its text; the tablet and a large screen show the editor whole', { timeout: 2 * kTimeoutMs }, async () => {
  await pg.click('mode_network');
  await pg.click('network_start');
  await page.waitForFunction(() => 'network_start_resnet-mini' in window.cnnPlayground.layout().controls);
  await pg.click('network_start_resnet-mini');
  const cli = cliSummary('resnet-mini');
  assert.match(await explorerShows(new RegExp(`valid, ${cli.params.toLocaleString('en-US')} parameters`)), /multiply-accumulates/);
  for (const [width, height, name] of [[768, 1024, 'tablet-portrait'], [1024, 768, 'tablet'], [1920, 1080, '1920x1080']]) {
    await page.setViewportSize({ width, height });
    await sleep(600);
    const { controls } = await pg.layout();
    for (const c of ['network_text', 'network_apply', 'network_summary']) {
      const r = controls[c];
      assert.ok(r && r.x >= 0 && r.y >= 0 && r.x + r.width <= width + 1 && r.y + r.height <= height + 1,
                `${c} at ${width}x${height}: ${JSON.stringify(r)}`);
    }
    await pg.screenshot(`network-${name}-resnet-mini.png`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await sleep(400);
  pg.assertNoPageErrors();
});
