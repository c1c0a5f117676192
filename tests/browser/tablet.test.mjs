// The page on a tablet: a high-DPI touch screen (device pixel ratio 2), landscape then
// portrait. Digits drawn with a finger (touch events, no mouse) or a pen are predicted,
// buttons work with a tap, the canvas is rendered at full device resolution, and the layout
// fits both orientations. Screenshots go to build/test-artifacts/tablet-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionForFile, kOne, kTimeoutMs, kZero, sleep } from './playground_session.mjs';

let pg = null;
sessionForFile('tablet.test.mjs', {
  viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true,
}, (s) => { pg = s; }, 5 * kTimeoutMs);

test('the canvas renders at the device resolution (crisp on high-DPI screens)', { timeout: kTimeoutMs }, async () => {
  const size = await pg.page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { width: c.width, height: c.height, css: c.getBoundingClientRect().width, dpr: window.devicePixelRatio };
  });
  assert.equal(size.dpr, 2);
  assert.equal(size.width, Math.round(size.css * 2), `backing store ${size.width} px for ${size.css} CSS px`);
  pg.assertNoPageErrors();
});

test('digits drawn with a finger are predicted, and a tap clears the pad', { timeout: kTimeoutMs }, async () => {
  await pg.touchStroke(kOne);
  const one = await pg.settledPrediction();
  await pg.screenshot('tablet-1024x768-drawn-1.png');
  assert.match(one, /^1 /, `a 1 drawn with a finger was predicted as ${one}`);

  await pg.tap('clear');
  await pg.page.waitForFunction(() => document.getElementById('prediction').textContent === '');
  await pg.touchStroke(kZero);
  const zero = await pg.settledPrediction();
  assert.match(zero, /^0 /, `a 0 drawn with a finger was predicted as ${zero}`);
  // Undo with a tap removes the only stroke: the prediction goes away with it.
  await pg.tap('undo');
  await pg.page.waitForFunction(() => document.getElementById('prediction').textContent === '');
  pg.assertNoPageErrors();
});

test('a digit drawn with a pen is predicted', { timeout: kTimeoutMs }, async () => {
  await pg.penStroke(kOne);
  const one = await pg.settledPrediction();
  assert.match(one, /^1 /, `a 1 drawn with a pen was predicted as ${one}`);
  await pg.tap('clear');
  await pg.page.waitForFunction(() => document.getElementById('prediction').textContent === '');
  pg.assertNoPageErrors();
});

// Issue 11: a finger dragged over a list scrolls it, as on every tablet, also when the drag
// starts on a row.
test('a finger dragged up the Model table scrolls it, and down scrolls back', { timeout: kTimeoutMs }, async () => {
  await pg.tap('tab_model');
  await pg.tap('model_shown');
  await pg.tap('model_preset_resnet50');  // 160 rows: a table that scrolls at any screen size
  const scrollOf = async () => (await pg.layout()).controls.model_summary_rows;
  let table = null;
  for (let i = 0; i < 100 && !(table?.scrollMaxY > 120); ++i) { table = await scrollOf(); await sleep(50); }
  assert.ok(table?.scrollMaxY > 120, `ResNet-50's table does not scroll: ${JSON.stringify(table)}`);
  assert.equal(table.scrollY, 0);
  const x = table.x + table.width / 2;
  const y0 = table.y + table.height * 0.75;
  await pg.touchDrag({ x, y: y0 }, { x, y: y0 - 100 });
  const dragged = (await scrollOf()).scrollY;
  assert.ok(dragged >= 70 && dragged <= 110, `a 100 px drag up scrolled ${dragged} px`);
  await pg.screenshot('tablet-1024x768-model-scrolled.png');
  await pg.touchDrag({ x, y: y0 - 100 }, { x, y: y0 });
  assert.ok((await scrollOf()).scrollY <= 20, 'dragging back down did not scroll back');
  await pg.tap('tab_train');
  pg.assertNoPageErrors();
});

test('portrait: the layout follows the rotated screen and still takes strokes', { timeout: kTimeoutMs }, async () => {
  await pg.page.setViewportSize({ width: 768, height: 1024 });
  await sleep(500);
  const pad = await pg.layout();
  assert.ok(pad.x >= 0 && pad.y >= 0 && pad.x + pad.width <= 768 && pad.y + pad.height <= 1024,
            `draw pad ${JSON.stringify(pad)} outside the 768x1024 window`);
  const { controls } = pad;
  for (const name of ['train_start', 'clear', 'brush']) {
    const c = controls[name];
    assert.ok(c && c.x >= 0 && c.x + c.width <= 768 && c.y + c.height <= 1024, `${name} off screen: ${JSON.stringify(c)}`);
    // A fingertip is about 9 mm (34 CSS px) wide: smaller targets are hard to hit.
    assert.ok(c.height >= 34, `${name} is ${c.height} CSS px tall, too small to tap`);
  }
  await pg.touchStroke(kOne);
  assert.match(await pg.settledPrediction(), /^1 /);
  await pg.screenshot('tablet-768x1024-portrait.png');
  pg.assertNoPageErrors();
});

test('the teaching views open with a tap, in portrait and in landscape', { timeout: 2 * kTimeoutMs }, async () => {
  const views = [['mode_convolution', /^Convolution: output/, 'convolution'],
                 ['mode_pooling', /^Max pooling: output/, 'pooling'],
                 ['mode_inside', null, 'inside'],
                 ['mode_optimizers', /^Optimizers on Elongated bowl/, 'optimizers'],
                 ['mode_depthwise', /^Depthwise step: /, 'depthwise'],
                 ['mode_backward', /^Convolution backward: /, 'backward']];
  for (const [width, height] of [[768, 1024], [1024, 768]]) {
    await pg.page.setViewportSize({ width, height });
    await sleep(500);
    for (const [tab, status, name] of views) {
      await pg.tap(tab);
      if (status) await pg.page.locator('#explorer-status').filter({ hasText: status }).waitFor({ timeout: 20_000 });
      // Inside the network: the feature maps of the 1 drawn before.
      else await pg.page.waitForFunction(() => 'inside_first_map' in window.cnnPlayground.layout().controls);
      if (name !== 'inside') {
        // The step button is on screen and big enough for a finger, and a tap steps (the
        // optimizers' walk: to its start, or back to its end when it is at the start).
        const before = await pg.page.locator('#explorer-status').textContent();
        const button = { convolution: 'conv_step', pooling: 'pool_step', backward: 'back_step', depthwise: 'dw_step',
                         optimizers: / step 0 of /.test(before) ? 'opt_last' : 'opt_first' }[name];
        const step = await pg.control(button);
        assert.ok(step.y + step.height <= height && step.height >= 34, `${name} step button ${JSON.stringify(step)}`);
        await pg.tap(button);
        await pg.page.waitForFunction((text) => document.getElementById('explorer-status').textContent !== text, before);
      }
      await pg.screenshot(`tablet-${width}x${height}-${name}.png`);
    }
    await pg.tap('mode_draw');
  }
  pg.assertNoPageErrors();
});

// Issue 11, item 20: the page blocked pinch zoom (user-scalable=no, every touch prevented).
// Last: the page stays zoomed.
test('two fingers pinch-zoom the page, and the stroke of the first finger is not left hanging', { timeout: kTimeoutMs }, async () => {
  const pad = await pg.padRect();
  const cx = pad.x + pad.width / 2;
  const cy = pad.y + pad.height / 2;
  const cdp = await pg.context.newCDPSession(pg.page);
  const fingers = (d) => [{ x: cx - d, y: cy, id: 0 }, { x: cx + d, y: cy, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(30) });
  for (let d = 40; d <= 200; d += 10) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(d) });
    await sleep(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  await sleep(300);
  const scale = await pg.page.evaluate(() => window.visualViewport.scale);
  assert.ok(scale > 1.2, `a spread of 340 px zoomed to ${scale}`);
  await pg.screenshot('tablet-pinch-zoomed.png');
  pg.assertNoPageErrors();
});
