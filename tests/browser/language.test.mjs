// The page in Chinese (issue 17): chosen from the browser's language (this session's Chromium
// runs with the zh-CN locale and no ?lang=), switched in the page without losing anything,
// overridden by ?lang=en. The main flows run once in Chinese: draw and predict, train, every
// view; the ARIA mirrors speak Chinese too, and no control's Chinese text is cut. Screenshots:
// build/test-artifacts/zh-<width>x<height>-<view>.png, looked at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionForFile, kOne, kTimeoutMs, sleep } from './playground_session.mjs';

let pg = null;
let page = null;
sessionForFile('language.test.mjs', { viewport: { width: 1280, height: 720 }, locale: 'zh-CN' },
               (s) => { pg = s; page = s.page; }, 10 * kTimeoutMs);

const kHan = /\p{Script=Han}/u;

const state = () => page.evaluate(() => window.cnnPlayground.state());
const text = (id) => page.locator(`#${id}`).textContent();

async function waitForChinese(id) {
  await page.waitForFunction((region) => /\p{Script=Han}/u.test(document.getElementById(region).textContent), id);
  return text(id);
}

async function assertNothingCut(view) {
  const { controls } = await pg.layout();
  const cut = Object.entries(controls).filter(([, c]) => c.cut).map(([name, c]) => `${name} ${JSON.stringify(c)}`);
  assert.deepEqual(cut, [], `${view} in Chinese: text cut in ${cut.join('; ')}`);
}

test('a Chinese browser gets the page in Chinese, glyphs and ARIA mirrors included', { timeout: kTimeoutMs }, async () => {
  await page.waitForFunction(() => window.cnnPlayground.state().glyphsReady);
  const s = await state();
  assert.equal(s.language, 'zh');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.match(await page.locator('#canvas').getAttribute('aria-label'), kHan);
  assert.match(await text('prediction-label'), kHan);
  assert.match(await waitForChinese('training-status'), kHan);
  assert.equal((await pg.layout()).controls.lang_switch.value, 'zh');
  await pg.stroke(kOne);
  assert.match(await pg.settledPrediction(), /^1 \(/);
  await pg.screenshot('zh-1280x720-draw.png');
  await assertNothingCut('draw & train');
  pg.assertNoPageErrors();
});

test('every view speaks Chinese in #explorer-status, at the classroom sizes, with nothing cut', { timeout: 3 * kTimeoutMs }, async () => {
  for (const [width, height] of [[1280, 720], [1920, 1080], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await sleep(400);
    await pg.click('mode_convolution');
    await pg.control('conv_flip');
    const conv = await waitForChinese('explorer-status');
    await pg.click('conv_flip');
    await page.waitForFunction((before) => document.getElementById('explorer-status').textContent !== before, conv);
    assert.match(await text('explorer-status'), kHan);
    await page.mouse.move(width / 2, 10);
    await sleep(300);
    await pg.screenshot(`zh-${width}x${height}-convolution.png`);
    await assertNothingCut(`convolution at ${width}x${height}`);
    await pg.click('conv_flip');

    await pg.click('mode_pooling');
    await pg.control('pool_step');
    assert.match(await waitForChinese('explorer-status'), kHan);
    await pg.screenshot(`zh-${width}x${height}-pooling.png`);
    await assertNothingCut(`pooling at ${width}x${height}`);

    await pg.click('mode_inside');
    const map = await pg.control('inside_first_map');
    await page.mouse.click(map.x + map.width * 0.5, map.y + map.height * 0.5);
    await sleep(300);
    assert.match(await waitForChinese('explorer-status'), kHan);
    await pg.screenshot(`zh-${width}x${height}-inside.png`);
    await assertNothingCut(`inside at ${width}x${height}`);

    await pg.click('mode_network');
    await pg.control('network_apply');
    assert.match(await waitForChinese('explorer-status'), kHan);
    await pg.screenshot(`zh-${width}x${height}-network.png`);
    await assertNothingCut(`network at ${width}x${height}`);

    await pg.click('mode_cost');
    await pg.control('cost_separable_result');
    assert.match(await waitForChinese('explorer-status'), kHan);
    await pg.screenshot(`zh-${width}x${height}-cost.png`);
    await assertNothingCut(`costs at ${width}x${height}`);

    await pg.click('mode_optimizers');
    await pg.control('opt_surface_map');
    assert.match(await waitForChinese('explorer-status'), kHan);
    await pg.screenshot(`zh-${width}x${height}-optimizers.png`);
    await assertNothingCut(`optimizers at ${width}x${height}`);

    await pg.click('mode_depthwise');
    await pg.control('dw_pointwise_out');
    assert.match(await waitForChinese('explorer-status'), kHan);
    await pg.screenshot(`zh-${width}x${height}-depthwise.png`);
    await assertNothingCut(`depthwise at ${width}x${height}`);

    await pg.click('mode_backward');
    await pg.control('back_dz');
    assert.match(await waitForChinese('explorer-status'), kHan);
    await pg.screenshot(`zh-${width}x${height}-backward.png`);
    await assertNothingCut(`backward at ${width}x${height}`);

    await pg.click('mode_draw');
    for (const tab of ['tab_train', 'tab_mistakes', 'tab_runs', 'tab_model']) {
      await pg.click(tab);
      await sleep(200);
      await pg.screenshot(`zh-${width}x${height}-${tab}.png`);
      await assertNothingCut(`${tab} at ${width}x${height}`);
    }
    await pg.click('tab_train');
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  pg.assertNoPageErrors();
});

test('training in Chinese: the status line and the run say what happens in Chinese', { timeout: 3 * kTimeoutMs }, async () => {
  await pg.click('mode_draw');
  await pg.click('tab_train');
  await pg.click('train_samples');
  await pg.click('train_samples_2');  // 2,000 samples
  await pg.click('train_start');
  await page.waitForFunction(() => document.getElementById('training-status').textContent.includes('样本/秒'));
  await page.waitForFunction(() => window.cnnPlayground.state().confusion.length === 100, null, { timeout: 2 * kTimeoutMs });
  await page.waitForFunction(() => document.getElementById('training-status').textContent.startsWith('训练在'));
  const finished = await text('training-status');
  assert.match(finished, /^训练在第 1 轮后完成：测试准确率 \d+\.\d\d%$/);
  await pg.screenshot('zh-1280x720-trained.png');
  pg.assertNoPageErrors();
});

test('the switch changes every string at once and keeps the view; ?lang=en overrides the browser', { timeout: 2 * kTimeoutMs }, async () => {
  await pg.click('mode_pooling');
  await pg.control('pool_step');
  const chinese = await waitForChinese('explorer-status');
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().language === 'en');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.waitForFunction(() => !/\p{Script=Han}/u.test(document.getElementById('explorer-status').textContent));
  const english = await text('explorer-status');
  assert.match(english, /pooling/i, `the view changed with the language: ${chinese} -> ${english}`);
  assert.ok((await pg.layout()).controls.pool_step, 'the Pooling view is still open');
  assert.equal(await text('prediction-label'), 'Prediction:');
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().language === 'zh');
  assert.equal(await waitForChinese('explorer-status'), chinese);

  await page.goto(`${pg.baseUrl}?lang=en`);
  await pg.ready();
  assert.equal((await state()).language, 'en');
  assert.doesNotMatch(await text('training-status'), kHan);
  await page.goto(`${pg.baseUrl}?lang=zh&mode=pooling`);
  await pg.ready();
  await page.waitForFunction(() => window.cnnPlayground.state().glyphsReady);
  assert.equal((await state()).language, 'zh');
  assert.match(await waitForChinese('explorer-status'), kHan);
  pg.assertNoPageErrors();
});
