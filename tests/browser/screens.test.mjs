// Every view at the sizes a classroom uses (a projector at 1280x720 and 1366x768, a large
// screen at 1920x1080), as a teacher would see it: the lines that carry a view's point must be
// on screen without scrolling (issue 11, item 16: the sum of a flipped kernel, the receptive
// field's text and the Inside view's probabilities fell below the fold). Screenshots go to
// build/test-artifacts/screen-<width>x<height>-<view>.png and are looked at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionForFile, kOne, kTimeoutMs, sleep } from './playground_session.mjs';

let pg = null;
let page = null;
sessionForFile('screens.test.mjs', { viewport: { width: 1280, height: 720 } }, (s) => { pg = s; page = s.page; }, 8 * kTimeoutMs);

async function waitForControl(name) {
  for (let i = 0; i < 200; ++i) {
    const c = (await pg.layout()).controls[name];
    if (c) return c;
    await sleep(50);
  }
  throw new Error(`no control '${name}' appeared`);
}

// Inside the window and inside the panel that holds it (a panel clips what overflows it).
function assertOnScreen(c, name, width, height, panel) {
  const bottom = Math.min(height, panel ? panel.y + panel.height : height);
  assert.ok(c.x >= 0 && c.y >= 0 && c.x + c.width <= width + 0.5 && c.y + c.height <= bottom + 0.5,
            `${name} at ${width}x${height} is off screen (below ${bottom}): ${JSON.stringify(c)}`);
}

// No control's text is cut (issue 11, item 18: "Bru" for Brush at the Inside view's edge,
// "SGD + mom" in the optimizer box, "all 60," for all 60,000): the UI marks a control whose
// text runs past its panel or whose combo choice is wider than its box (ui/controls.h).
async function assertNothingCut(view, width, height) {
  const { controls } = await pg.layout();
  const cut = Object.entries(controls).filter(([, c]) => c.cut).map(([name, c]) => `${name} ${JSON.stringify(c)}`);
  assert.deepEqual(cut, [], `${view} at ${width}x${height}: text cut in ${cut.join('; ')}`);
}

for (const [width, height] of [[1280, 720], [1366, 768], [1920, 1080]]) {
  test(`${width}x${height}: every view, with its key lines on screen`, { timeout: 2 * kTimeoutMs }, async () => {
    await page.setViewportSize({ width, height });
    await sleep(500);
    await pg.click('mode_draw');
    await pg.clearPad();
    await pg.stroke(kOne);
    await pg.settledPrediction();
    await pg.screenshot(`screen-${width}x${height}-draw.png`);
    await assertNothingCut('draw & train', width, height);

    await pg.click('mode_convolution');
    await page.locator('#explorer-status').filter({ hasText: /^Convolution: output/ }).waitFor();
    await pg.click('conv_flip');
    await page.locator('#explorer-status').filter({ hasText: 'kernel flipped' }).waitFor();
    await page.mouse.move(width / 2, 10);  // the checkbox's tooltip away
    await sleep(300);
    await pg.screenshot(`screen-${width}x${height}-convolution-flipped.png`);
    await assertNothingCut('convolution', width, height);
    const stage = await waitForControl('conv_stage');
    for (const name of ['conv_formula', 'conv_output', 'conv_sum']) {
      assertOnScreen(await waitForControl(name), name, width, height, stage);
    }
    await pg.click('conv_flip');

    await pg.click('mode_pooling');
    await page.locator('#explorer-status').filter({ hasText: /pooling: output/ }).waitFor();
    await pg.screenshot(`screen-${width}x${height}-pooling.png`);
    await assertNothingCut('pooling', width, height);

    await pg.click('mode_inside');
    const map = await waitForControl('inside_first_map');
    await page.mouse.click(map.x + map.width * 0.5, map.y + map.height * 0.5);
    await page.locator('#explorer-status').filter({ hasText: /^Inside: .* sees input rows/ }).waitFor();
    await sleep(300);
    await pg.screenshot(`screen-${width}x${height}-inside.png`);
    await assertNothingCut('inside', width, height);
    assertOnScreen(await waitForControl('inside_field_text'), 'inside_field_text', width, height,
                   await waitForControl('inside_left'));
    assertOnScreen(await waitForControl('inside_probs'), 'inside_probs', width, height);
    await pg.click('mode_draw');
    pg.assertNoPageErrors();
  });
}

// The smallest window the issue was seen at: every view and both of the Network panel's tabs,
// with every combo's longest choice, and nothing cut.
test('800x600: no text is cut in any view, with the longest choices chosen', { timeout: 2 * kTimeoutMs }, async () => {
  const [width, height] = [800, 600];
  await page.setViewportSize({ width, height });
  await sleep(500);
  await pg.click('mode_draw');
  await pg.click('tab_train');
  await pg.click('train_more');  // the folded settings too
  await waitForControl('train_weight_decay');
  for (const [combo, item] of [['train_optimizer', 'train_optimizer_1'], ['train_samples', 'train_samples_0']]) {
    await pg.click(combo);
    await waitForControl(item);
    await pg.click(item);
    await assertNothingCut(`draw & train, ${item}`, width, height);
  }
  // Momentum brings its own field; Adam its two betas.
  assert.ok((await pg.layout()).controls.train_momentum, 'no momentum field for momentum');
  await pg.screenshot('screen-800x600-train.png');
  await pg.click('train_optimizer');
  await waitForControl('train_optimizer_2');
  await pg.click('train_optimizer_2');  // back to Adam
  await waitForControl('train_beta2');
  await assertNothingCut('draw & train, Adam', width, height);
  await pg.click('train_more');  // folded again
  await pg.click('tab_model');
  await pg.click('model_shown');
  await waitForControl('model_preset_resnet50-course');
  await pg.click('model_preset_resnet50-course');
  await sleep(300);
  await assertNothingCut('model tab, ResNet-50 (course)', width, height);
  await pg.screenshot('screen-800x600-model.png');
  await pg.click('tab_train');
  for (const [mode, view] of [['mode_network', 'your network'], ['mode_convolution', 'convolution'],
                              ['mode_pooling', 'pooling'], ['mode_inside', 'inside'], ['mode_cost', 'costs'],
                              ['mode_optimizers', 'optimizers'], ['mode_depthwise', 'depthwise'],
                              ['mode_backward', 'backward']]) {
    await pg.click(mode);
    await sleep(800);
    await assertNothingCut(view, width, height);
    await pg.screenshot(`screen-800x600-${mode.slice(5)}.png`);
  }
  await pg.click('mode_draw');
  await page.setViewportSize({ width: 1280, height: 720 });
  await sleep(300);
  pg.assertNoPageErrors();
});

// Presenter mode (issue 17), for a projector: at least 28 CSS px text at 1920x1080, high
// contrast, the decay and the seed folded under More settings, and still nothing cut in any view
// at the projector sizes. ?present=1 opens the page in it; the switch in the top bar leaves it.
test('presenter mode: large text, fewer settings, nothing cut at 1920x1080, 1280x720 and 1024x768', { timeout: 3 * kTimeoutMs }, async () => {
  await page.goto(`${pg.baseUrl}?present=1`);
  await pg.ready();
  assert.equal((await page.evaluate(() => window.cnnPlayground.state())).presenting, true);
  for (const [width, height] of [[1920, 1080], [1280, 720], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await sleep(500);
    const fontPx = await page.evaluate(() => window.cnnPlayground.state().fontPx);
    if (width === 1920) assert.ok(fontPx >= 28, `presenter text at 1920x1080 is ${fontPx} CSS px`);
    await pg.click('mode_draw');
    await pg.click('tab_train');
    if (width === 1920) {
      await pg.clearPad();
      await pg.stroke(kOne);
      await pg.settledPrediction();
    }
    const { controls } = await pg.layout();
    assert.ok(controls.train_epochs && controls.train_lr && !controls.train_seed && !controls.train_lr_decay,
              'presenting, the grid holds epochs, batch, optimizer and rate; the decay and seed are folded away');
    await pg.screenshot(`present-${width}x${height}-draw.png`);
    await assertNothingCut('presenter: draw & train', width, height);
    await pg.click('train_more');
    await waitForControl('train_seed');
    await assertNothingCut('presenter: more settings', width, height);
    await pg.click('train_more');
    for (const [mode, control] of [['mode_network', 'network_apply'], ['mode_convolution', 'conv_flip'],
                                   ['mode_pooling', 'pool_step'], ['mode_inside', 'inside_first_map'],
                                   ['mode_cost', 'cost_separable_result'], ['mode_optimizers', 'opt_surface_map'],
                                   ['mode_depthwise', 'dw_pointwise_out'], ['mode_backward', 'back_dz']]) {
      await pg.click(mode);
      await waitForControl(control);
      await pg.frames(3);
      await assertNothingCut(`presenter: ${mode}`, width, height);
      await pg.screenshot(`present-${width}x${height}-${mode.slice(5)}.png`);
    }
    await pg.click('mode_draw');
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await pg.click('present_switch');
  await page.waitForFunction(() => !window.cnnPlayground.state().presenting);
  await sleep(300);
  assert.equal(await page.evaluate(() => window.cnnPlayground.state().fontPx), 22, 'out of presenter mode, the laptop cap again');
  await page.setViewportSize({ width: 1280, height: 720 });
  await sleep(300);
  pg.assertNoPageErrors();
});
