// Links that carry a lesson (issue 17): what a teacher sets goes into the address as it
// changes, "Copy link" hands it out, and opening it shows the same lesson: the same view, the
// same settings, the same explorer step, the same language, the same network. A bad link opens
// the page with a note saying what it skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionForFile, kTimeoutMs } from './playground_session.mjs';

let pg = null;
let page = null;
sessionForFile('links.test.mjs', { viewport: { width: 1280, height: 720 } }, (s) => { pg = s; page = s.page; }, 6 * kTimeoutMs);

const explorer = (p) => p.locator('#explorer-status').textContent();
const search = () => page.evaluate(() => location.search);

async function waitForSearch(part) {
  await page.waitForFunction((p) => location.search.includes(p), part);
}

test('the address follows the settings, and opening it again shows the same lesson', { timeout: 2 * kTimeoutMs }, async () => {
  assert.equal(await search(), '', 'a plain visit keeps a plain address');
  await pg.click('mode_pooling');
  await pg.click('pool_average');
  await waitForSearch('pool.kind=avg');
  await pg.click('pool_step');
  await pg.click('pool_step');
  await waitForSearch('pool.at=2');
  await pg.click('mode_convolution');
  await pg.click('conv_flip');
  await pg.click('conv_padding_same');
  await waitForSearch('conv.pad=same');
  await pg.click('lang_switch');
  await waitForSearch('lang=zh');
  await page.waitForFunction(() => window.cnnPlayground.state().glyphsReady);  // the tabs' Chinese widths
  await pg.click('mode_pooling');
  await waitForSearch('mode=pooling');
  const lesson = await page.evaluate(() => location.href);
  assert.match(lesson, /\?mode=pooling&lang=zh&conv\.pad=same&conv\.flip=1&pool\.kind=avg&pool\.at=2$/);
  await page.waitForFunction(() => /\p{Script=Han}/u.test(document.getElementById('explorer-status').textContent));
  const pooling = await explorer(page);

  await pg.click('copy_link');
  assert.equal(await page.evaluate(() => window.cnnPlayground.stats.copiedLink), lesson);

  // A pupil opens it: the same words in #explorer-status, in Chinese, at the same step.
  const pupil = await pg.context.newPage();
  await pupil.goto(lesson);
  await pupil.evaluate(() => window.cnnPlayground.ready);
  await pupil.waitForFunction((want) => document.getElementById('explorer-status').textContent === want, pooling);
  assert.equal(await pupil.evaluate(() => location.href), lesson, 'the link reads back as written');
  await pupil.evaluate(() => document.documentElement.lang).then((lang) => assert.equal(lang, 'zh-CN'));
  // And its convolution view is the teacher's too.
  const conv = await pupil.evaluate(() => window.cnnPlayground.layout().controls.mode_convolution);
  await pupil.mouse.click(conv.x + conv.width / 2, conv.y + conv.height / 2);
  await pupil.waitForFunction(() => /翻转/.test(document.getElementById('explorer-status').textContent));
  await pg.click('mode_convolution');
  await page.waitForFunction(() => /翻转/.test(document.getElementById('explorer-status').textContent));
  assert.equal(await explorer(pupil), await explorer(page));
  await pupil.close();
  await pg.click('lang_switch');
  pg.assertNoPageErrors();
});

test('a link with a network and training settings builds that network and fills the fields', { timeout: kTimeoutMs }, async () => {
  const spec = 'conv 4 3x3 relu; maxpool 2; flatten; dense 10';
  await page.goto(`${pg.baseUrl}?mode=network&spec=${encodeURIComponent(spec)}&spec.seed=3&epochs=2&opt=sgd&lr=0.1&samples=2000`);
  await pg.ready();
  // 4 x (3x3 + 1) = 40, then 13x13x4 = 676 inputs to 10 units: 6,770. Total 6,810.
  await page.waitForFunction(() => /^Ready: .*, 6810 parameters$/.test(document.getElementById('training-status').textContent));
  await page.waitForFunction(() => /^Your network: valid, 6,810 parameters/.test(document.getElementById('explorer-status').textContent));
  // The page writes the address back from what it took in: every setting arrived.
  const back = new URLSearchParams(await search());
  assert.equal(back.get('mode'), 'network');
  assert.match(back.get('spec'), /^conv 4 3x3 .*relu; maxpool 2.*; flatten; dense 10$/);
  assert.equal(back.get('spec.seed'), '3');
  assert.equal(back.get('epochs'), '2');
  assert.equal(back.get('opt'), 'sgd');
  assert.equal(back.get('lr'), '0.1');
  assert.equal(back.get('samples'), '2000');
  pg.assertNoPageErrors();
});

test('a bad link opens the page with a note of what it skipped, and the rest applied', { timeout: kTimeoutMs }, async () => {
  await page.goto(`${pg.baseUrl}?mode=pooling&pool.f=9&colour=red&conv.kernel=nope&pool.kind=avg`);
  await pg.ready();
  await page.waitForFunction(() => /Average pooling/.test(document.getElementById('explorer-status').textContent));
  const message = await page.locator('#engine-message').textContent();
  assert.match(message, /pool\.f=9 ignored: not a whole number from 2 to 3/);
  assert.match(message, /conv\.kernel=nope ignored: not one of custom, 3x3x3-example, 1x1x3-grey-from-colour, vertical-edge/);
  assert.match(message, /colour ignored: the page knows no such setting/);
  // The network the link asked for does not parse: the engine says why, and the shipped model stays.
  await page.goto(`${pg.baseUrl}?spec=conv+banana`);
  await pg.ready();
  await page.waitForFunction(() => /banana/.test(document.getElementById('engine-message').textContent));
  await page.waitForFunction(() => /^Ready: lenet5-mnist\.bin, 61706 parameters$/.test(document.getElementById('training-status').textContent));
  pg.assertNoPageErrors();
});
