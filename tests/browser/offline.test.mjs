// Offline after the first visit (issue 17): the service worker (web/service_worker.js) keeps a
// copy of the page, the engine, the shipped model and the Chinese font, and of MNIST once it
// was downloaded. With the network gone, a reload still draws and predicts, opens every view,
// switches to Chinese and trains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionForFile, kOne, kTimeoutMs } from './playground_session.mjs';

let pg = null;
let page = null;
sessionForFile('offline.test.mjs', { viewport: { width: 1280, height: 720 } }, (s) => { pg = s; page = s.page; }, 8 * kTimeoutMs);

async function offlineReload() {
  await pg.context.setOffline(true);
  await page.reload();
  await pg.ready();
}

test('after one visit, the page reloads offline: it draws and predicts, opens every view, speaks Chinese', { timeout: 2 * kTimeoutMs }, async () => {
  await page.waitForFunction(() => window.cnnPlayground.stats.offlineReady);
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker controls the page');
  await offlineReload();
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  await pg.stroke(kOne);
  assert.match(await pg.settledPrediction(), /^1 \(/);
  for (const [mode, control] of [['mode_network', 'network_apply'], ['mode_convolution', 'conv_flip'],
                                 ['mode_pooling', 'pool_step'], ['mode_inside', 'inside_first_map']]) {
    await pg.click(mode);
    await pg.control(control);
  }
  await pg.click('mode_pooling');
  await page.waitForFunction(() => /pooling/i.test(document.getElementById('explorer-status').textContent));
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().glyphsReady && window.cnnPlayground.state().language === 'zh');
  await pg.screenshot('offline-zh-pooling.png');
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().language === 'en');
  await pg.context.setOffline(false);
  // The service worker asks the network first: those requests fail offline, and the copies answer.
  pg.pageErrors = pg.pageErrors.filter((e) => !/^requestfailed: .* net::ERR_INTERNET_DISCONNECTED$/.test(e));
  pg.assertNoPageErrors();
});

test('MNIST, once downloaded, trains offline after a reload', { timeout: 4 * kTimeoutMs }, async () => {
  // A new run each time: the reload brings the last one back (its status too), so the test waits
  // for one more run in the Runs tab, not for a status already there.
  const train = async () => {
    const runs = await page.evaluate(() => window.cnnPlayground.state().runs);
    await pg.click('mode_draw');
    await pg.click('tab_train');
    await pg.click('train_samples');
    await pg.click('train_samples_2');  // 2,000 samples
    await pg.click('train_start');
    await page.waitForFunction((n) => window.cnnPlayground.state().runs > n &&
      /^Training finished after epoch 1: test accuracy \d+\.\d\d%$/.test(document.getElementById('training-status').textContent),
    runs, { timeout: 3 * kTimeoutMs });
  };
  await train();  // online: downloads MNIST, and the service worker keeps it
  await offlineReload();
  await train();
  await pg.context.setOffline(false);
  pg.pageErrors = pg.pageErrors.filter((e) => !/^requestfailed: .* net::ERR_INTERNET_DISCONNECTED$/.test(e));
  pg.assertNoPageErrors();
});
