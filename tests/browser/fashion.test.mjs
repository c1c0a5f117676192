// Fashion-MNIST in the page (issue 15): a link chooses it; the Test image button puts its test
// images on the pad; the shipped digit model says it has not learned them and answers digits;
// trained on 2,000 samples for 3 epochs, the network names clothes. Read from #prediction, #training-status
// and layout(). Screenshots: build/test-artifacts/fashion-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionForFile, kTimeoutMs } from './playground_session.mjs';

let pg = null;
let page = null;
sessionForFile('fashion.test.mjs', { viewport: { width: 1280, height: 720 }, query: '?data=fashion&samples=2000&epochs=3' },
               (s) => { pg = s; page = s.page; }, 6 * kTimeoutMs);

const kClothes = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const prediction = () => page.locator('#prediction').textContent();
const controls = async () => (await pg.layout()).controls;

test('a digit model shown Fashion-MNIST answers digits and says so; trained on it, it names clothes', { timeout: 4 * kTimeoutMs }, async () => {
  await pg.click('tab_train');
  await pg.control('train_dataset');
  assert.equal(new URLSearchParams(await page.evaluate(() => location.search)).get('data'), 'fashion');
  // Test image 0 of Fashion-MNIST is an ankle boot; the shipped LeNet-5 learned digits.
  await pg.click('pad_test_image');
  await page.waitForFunction(() => /^\d \(/.test(document.getElementById('prediction').textContent), null, { timeout: 60_000 });
  assert.ok((await controls()).prediction_other_dataset, 'no note that the model has not learned Fashion-MNIST');
  await pg.screenshot('fashion-1280x720-digit-model.png');

  await pg.click('train_start');
  await page.locator('#training-status').filter({ hasText: /Training finished/ }).waitFor({ timeout: 240_000 });
  const finished = await page.locator('#training-status').textContent();
  const accuracy = Number(finished.match(/test accuracy ([\d.]+)%/)[1]);
  assert.ok(accuracy > 60, `after 3 epochs of 2,000 Fashion-MNIST samples the test accuracy is only ${accuracy}%`);
  // Under the epochs, how much each of LeNet-5's five weight tensors was taught in the last batch.
  const norms = (await controls()).train_grad_norms?.value.split(' ').map(Number);
  assert.equal(norms?.length, 5, `gradient norms: ${norms}`);
  for (const n of norms) assert.ok(n > 0 && Number.isFinite(n), `gradient norms: ${norms}`);
  // The same boot, now named by the network's new classes; the note is gone.
  await page.waitForFunction((names) => names.some((n) => document.getElementById('prediction').textContent.startsWith(`${n} (`)),
                             kClothes, { timeout: 30_000 });
  assert.equal((await controls()).prediction_other_dataset, undefined);
  // The next test image (1, a pullover) comes on the pad with its name, and gets an answer in clothes.
  const before = await prediction();
  await pg.click('pad_test_image');
  await page.waitForFunction((b) => document.getElementById('prediction').textContent !== b, before, { timeout: 30_000 });
  const answer = await prediction();
  assert.ok(kClothes.some((n) => answer.startsWith(`${n} (`)), `the answer is not a kind of clothing: ${answer}`);
  await pg.screenshot('fashion-1280x720-trained.png');
  await pg.click('tab_mistakes');
  await pg.control('train_confusion');
  await pg.screenshot('fashion-1280x720-mistakes.png');
  pg.assertNoPageErrors();
});
