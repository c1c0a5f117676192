// Training deep networks (issue 16), in the page at 1280x720.
// Why residual connections work: a link sets a sigmoid stack of
// 5 blocks (11 conv layers); "Train both" trains it plain and with shortcuts from one seed, 3 epochs
// of 1,000 MNIST images; #explorer-status then carries each run's loss, test accuracy and first layer's
// gradient norm, the bars both runs' norms, and the model the page had is back.
// Dropout: one training step's mask on LeNet-5's conv1 maps of test image 0 keeps about 1 - p
// of the 4,704 values; another step, another rate, another image. Screenshots:
// build/test-artifacts/residual-*.png, dropout-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionForFile, kTimeoutMs } from './playground_session.mjs';

let pg = null;
let page = null;
sessionForFile('deep_nets.test.mjs', { viewport: { width: 1280, height: 720 }, query: '?mode=residual&res.blocks=5&res.samples=1000&res.epochs=3' },
               (s) => { pg = s; page = s.page; }, 6 * kTimeoutMs);

const explorer = () => page.locator('#explorer-status');
const controls = async () => (await pg.layout()).controls;

test('residual: the plain sigmoid stack\'s first layer gets a vanishing gradient, the residual one\'s does not', { timeout: 4 * kTimeoutMs }, async () => {
  assert.equal(await explorer().textContent(), 'Residual: 11 sigmoid conv layers, not trained yet');
  // Both stacks have the same parameters, counted by the engine.
  await pg.control('res_params');
  const [plainParams, residualParams] = (await controls()).res_params.value.split(' ').map(Number);
  assert.ok(plainParams > 0 && plainParams === residualParams, `parameters: ${plainParams} and ${residualParams}`);
  const modelBefore = (await page.locator('#training-status').textContent()).match(/Ready: ([^,]+),/)?.[1];
  await pg.screenshot('residual-1280x720-before.png');

  await pg.click('res_train');
  await explorer().filter({ hasText: /training the plain stack/ }).waitFor({ timeout: 120_000 });
  await pg.control('res_stop');
  await explorer().filter({ hasText: /is back/ }).waitFor({ timeout: 240_000 });
  const status = await explorer().textContent();
  const run = (name) => {
    const m = status.match(new RegExp(`${name}: loss (\\d+\\.\\d+), test (\\d+\\.\\d+)%, first layer's gradient (\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)`));
    assert.ok(m, `no ${name} run in: ${status}`);
    return { loss: Number(m[1]), test: Number(m[2]), first: Number(m[3]) };
  };
  const plain = run('plain'), residual = run('residual');
  assert.ok(plain.first < 1e-4, `the plain stack's first layer is taught too much to be vanishing: ${status}`);
  assert.ok(residual.first > 1e3 * plain.first, `the shortcuts did not carry the gradient: ${status}`);
  // Measured natively (cnnplay train): plain 2.336 and 9.6% test, residual 2.009 and 42.6%.
  assert.ok(residual.loss < plain.loss - 0.1 && residual.test > plain.test + 10, `the residual stack did not learn faster: ${status}`);
  // The bars: 11 convolutions and the dense layer each, plain then residual.
  const bars = (await controls()).res_bars.value.split('|').map((s) => s.trim().split(' ').map(Number));
  assert.equal(bars.length, 2);
  for (const b of bars) assert.equal(b.length, 12, `norms: ${bars}`);
  assert.equal(bars[0][0].toPrecision(2), plain.first.toPrecision(2));
  // The model the page had is back, and both runs are in the Runs tab under their stacks' names.
  assert.match(status, new RegExp(`Your model \\(${modelBefore.replace('.', '\\.')}\\) is back`));
  assert.equal((await page.evaluate(() => window.cnnPlayground.state())).runs, 2);
  await pg.screenshot('residual-1280x720-trained.png');

  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().glyphsReady && window.cnnPlayground.state().language === 'zh');
  await explorer().filter({ hasText: /^残差：11 个 sigmoid 卷积层；普通：损失 2\.\d+，测试 [\d.]+%，第一层的梯度 .*你的模型（lenet5-mnist\.bin）已载回/ }).waitFor({ timeout: 10_000 });
  await pg.screenshot('residual-1280x720-zh.png');
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().language === 'en');
  pg.assertNoPageErrors();
});

test('dropout: one training step keeps about 1 - p of conv1\'s values, and another step draws another mask', { timeout: 2 * kTimeoutMs }, async () => {
  const kept = async (pattern) => {
    await explorer().filter({ hasText: pattern }).waitFor({ timeout: 60_000 });
    const status = await explorer().textContent();
    const m = status.match(/kept (\d+) of (\d+) values \(([\d.]+)%\), each x ([\d.]+)$/);
    assert.ok(m, `no counts in: ${status}`);
    return { kept: Number(m[1]), total: Number(m[2]), percent: Number(m[3]), scale: Number(m[4]) };
  };
  await page.goto(`${pg.baseUrl}?mode=dropout`);
  await pg.ready();
  // LeNet-5's conv1: 6 x 28 x 28 = 4,704 values; Binomial(4704, 0.5) has a standard deviation of 34.
  const first = await kept(/^Dropout: rate 0\.50, step 1, test image 0: kept/);
  assert.equal(first.total, 4704);
  assert.ok(Math.abs(first.kept - 2352) < 5 * 34.3, `kept ${first.kept} of 4,704 at p = 0.5`);
  assert.equal(first.scale, 2);
  assert.equal(first.percent, Math.round((1000 * first.kept) / 4704) / 10);
  await pg.control('drop_mask');
  await pg.screenshot('dropout-1280x720.png');
  await pg.click('drop_next');
  const second = await kept(/step 2, test image 0: kept/);
  assert.ok(Math.abs(second.kept - 2352) < 5 * 34.3, `kept ${second.kept} at step 2`);
  assert.match(await page.evaluate(() => location.search), /drop\.seed=2/);
  // Rate 0.9 keeps about a tenth and multiplies it by 10, on test image 3.
  await page.goto(`${pg.baseUrl}?mode=dropout&drop.rate=0.9&drop.image=3`);
  await pg.ready();
  const most = await kept(/^Dropout: rate 0\.90, step 1, test image 3: kept/);
  assert.ok(Math.abs(most.kept - 470.4) < 5 * 20.6, `kept ${most.kept} of 4,704 at p = 0.9`);
  assert.equal(most.scale, 10);
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().glyphsReady && window.cnnPlayground.state().language === 'zh');
  await explorer().filter({ hasText: /^随机失活：丢弃率 0\.90，第 1 步，测试图像 3：保留了 \d+ 个值（共 4704 个/ }).waitFor({ timeout: 10_000 });
  await pg.screenshot('dropout-1280x720-zh.png');
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().language === 'en');
  pg.assertNoPageErrors();
});
