// Why residual connections work (issue 16), in the page at 1280x720: a link sets a sigmoid stack of
// 5 blocks (11 conv layers); "Train both" trains it plain and with shortcuts from one seed, 3 epochs
// of 1,000 MNIST images; #explorer-status then carries each run's loss, test accuracy and first layer's
// gradient norm, the bars both runs' norms, and the model the page had is back. Screenshots:
// build/test-artifacts/residual-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionForFile, kTimeoutMs } from './playground_session.mjs';

let pg = null;
let page = null;
sessionForFile('residual.test.mjs', { viewport: { width: 1280, height: 720 }, query: '?mode=residual&res.blocks=5&res.samples=1000&res.epochs=3' },
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
  pg.assertNoPageErrors();
});
