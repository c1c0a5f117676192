// Augmentation and early stopping in the page (issues 15 and 16): a link carries them into the
// Train tab's fields; the folded preview shows the first batch as stored and as the run trains
// on it, augmented, and the learning rate per epoch; a run with patience stops once the test
// loss stops falling, says which epoch's weights it kept, and raises no alert. Read from
// #training-status, #engine-message and layout(). Screenshots: build/test-artifacts/extras-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionForFile, kOne, kTimeoutMs, sleep } from './playground_session.mjs';

let pg = null;
let page = null;
sessionForFile('training_extras.test.mjs', { viewport: { width: 1280, height: 720 } }, (s) => { pg = s; page = s.page; }, 6 * kTimeoutMs);

const status = () => page.locator('#training-status').textContent();

test('a link fills augmentation and patience, and the preview shows the augmented first batch', { timeout: 2 * kTimeoutMs }, async () => {
  await page.goto(`${pg.baseUrl}?aug_shift=2&aug_rot=15&aug_scale=0.1&patience=2&epochs=6&decay=0.5&samples=2000`);
  await pg.ready();
  await pg.click('tab_train');
  await pg.click('train_more');
  for (const name of ['train_patience', 'train_aug_shift', 'train_aug_rotate', 'train_aug_scale']) await pg.control(name);
  await pg.screenshot('extras-1280x720-more-settings.png');
  // The fields took the link: the address written back from them carries the same values.
  const back = new URLSearchParams(await page.evaluate(() => location.search));
  for (const [key, value] of [['aug_shift', '2'], ['aug_rot', '15'], ['aug_scale', '0.1'], ['patience', '2']])
    assert.equal(back.get(key), value, key);
  await page.mouse.move(1000, 500);
  await page.mouse.wheel(0, 300);  // the preview's header, under the settings
  await sleep(500);
  await pg.click('train_preview');
  await pg.control('train_preview_rate', 30_000);
  // The images need MNIST: downloaded for the preview, then both rows show.
  await pg.control('train_preview_trained', 120_000);
  await pg.control('train_preview_stored');
  const images = (await pg.layout()).controls.train_preview_images;
  assert.equal(images?.value, 'augmented', 'the trained row must differ from the stored one');
  await page.mouse.move(1000, 500);
  await page.mouse.wheel(0, 300);  // down to the two rows
  await sleep(500);
  await page.mouse.move(10, 700);
  await sleep(300);
  await pg.screenshot('extras-1280x720-preview.png');
  // Augmentation off: the same images, said so.
  await page.goto(`${pg.baseUrl}?patience=2&samples=2000`);
  await pg.ready();
  await pg.click('tab_train');
  await pg.click('train_more');
  await page.mouse.move(1000, 500);
  await page.mouse.wheel(0, 300);
  await sleep(500);
  await pg.click('train_preview');
  await page.waitForFunction(() => window.cnnPlayground.layout().controls.train_preview_images?.value === 'plain', null, { timeout: 120_000 });
  await pg.click('train_preview');
  await pg.click('train_more');
  assert.match(await page.evaluate(() => location.search), /patience=2/);
  pg.assertNoPageErrors();
});

test('a run with patience stops early, keeps its best epoch, and raises no alert', { timeout: 4 * kTimeoutMs }, async () => {
  // Adam at ten times its usual rate on 2,000 images overfits within a few epochs: the test
  // loss turns up, and with patience 1 the run ends the epoch after its best.
  await page.goto(`${pg.baseUrl}?start=fresh&epochs=20&lr=0.01&samples=2000&patience=1`);
  await pg.ready();
  await pg.click('tab_train');
  const errorsBefore = await page.evaluate(() => window.cnnPlayground.state().errorCount);
  await pg.click('train_start');
  await page.waitForFunction(() => /^Training (stopped early|finished)/.test(document.getElementById('training-status').textContent),
                             null, { timeout: 300_000 });
  const text = await status();
  const m = text.match(/^Training stopped early after epoch (\d+): the test loss had stopped falling; the model has the weights of the end of epoch (\d+)$/);
  assert.ok(m, `the run did not stop early: ${text}`);
  assert.equal(Number(m[2]), Number(m[1]) - 1, 'patience 1: the best epoch is the one before the stop');
  assert.ok(Number(m[1]) < 20);
  const notice = await pg.control('train_notice');
  assert.ok(notice.width > 0);
  const after = await page.evaluate(() => window.cnnPlayground.state());
  assert.equal(after.errorCount, errorsBefore, 'early stopping is not an error');
  assert.doesNotMatch(await page.locator('#engine-message').textContent(), /Stopped early/);
  await page.mouse.move(10, 700);
  await sleep(300);
  await pg.screenshot('extras-1280x720-stopped-early.png');
  await page.mouse.move(1000, 500);
  await page.mouse.wheel(0, 500);  // the curves, with the best epoch marked
  await sleep(500);
  await page.mouse.move(10, 700);
  await sleep(300);
  await pg.screenshot('extras-1280x720-best-epoch.png');
  pg.assertNoPageErrors();
});

// Feature visualization (issue 16): a click on a feature map in Inside the network, then its
// button, brings the nine test images that excite that map most, each with its patch.
test('Inside the network shows the test images that excite a clicked map most', { timeout: 3 * kTimeoutMs }, async () => {
  await page.goto(`${pg.baseUrl}?mode=inside`);
  await pg.ready();
  await pg.clearPad();
  await pg.stroke(kOne);
  const map = await pg.control('inside_first_map', 30_000);
  await page.mouse.click(map.x + map.width * 0.5, map.y + map.height * 0.5);
  await page.locator('#explorer-status').filter({ hasText: /^Inside: .* sees input rows/ }).waitFor();
  await pg.click('inside_top_find');
  await pg.control('inside_top_first', 180_000);
  await page.locator('#explorer-status').filter({ hasText: /the test images that excite map 0 most: 9 of 10,000, the strongest/ }).waitFor();
  await page.mouse.move(10, 700);
  await sleep(300);
  await pg.screenshot('extras-1280x720-top-activations.png');
  pg.assertNoPageErrors();
});
