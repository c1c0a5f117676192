// A benchmark, not a test: one epoch of each trainable preset in the page, as a student runs it
// (headless Chromium, the engine in its Web Worker, the preset's own settings, the page drawing
// as it trains), timed from Start to the end of the epoch (MNIST's 60,000 training digits and
// the 10,000-digit test pass), with the test accuracy the page then shows. Issue 14 asks for
// the minis to train an epoch in the page in under a minute on one core.
//
//   make web && node tests/bench/epoch_in_page.mjs [preset ...]   (default: the three minis and lenet5)
import { PlaygroundSession, sleep } from '../browser/playground_session.mjs';

const presets = process.argv.slice(2).length ? process.argv.slice(2) : ['resnet-mini', 'mobilenet-mini', 'inception-mini', 'lenet5'];
const rows = [];
const pg = await PlaygroundSession.open({ viewport: { width: 1280, height: 720 } });
try {
  await pg.ready();
  for (const name of presets) {
    await pg.page.goto(`${pg.baseUrl}?spec=${name}&epochs=1`);
    await pg.ready();
    const status = pg.page.locator('#training-status');
    await status.filter({ hasText: /^Ready/ }).waitFor({ timeout: 60_000 });
    await sleep(500);
    await pg.click('train_start');
    const start = Date.now();
    let samplesPerSecond = 0;
    for (;;) {
      const text = await status.textContent();
      const rate = text.match(/(\d+) samples\/s/);
      if (rate) samplesPerSecond = Math.max(samplesPerSecond, Number(rate[1]));
      const done = text.match(/Training finished after epoch 1: test accuracy ([\d.]+)%/);
      if (done) {
        rows.push({ preset: name, seconds: (Date.now() - start) / 1000, samplesPerSecond, accuracy: Number(done[1]) });
        break;
      }
      if (Date.now() - start > 600_000) throw new Error(`${name}: no end of the epoch after 10 minutes: ${text}`);
      await sleep(250);
    }
    console.error(`${name}: ${JSON.stringify(rows.at(-1))}`);
  }
} finally {
  await pg.close();
}
console.log('| preset | one epoch in the page | samples/s (highest shown) | test accuracy after it |');
console.log('| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.preset} | ${r.seconds.toFixed(1)} s | ${r.samplesPerSecond} | ${r.accuracy.toFixed(2)}% |`);
