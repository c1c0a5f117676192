// Nothing lost on reload (issue 17): the page keeps its session in IndexedDB (web/session_store.js,
// ui/saved_session.h) as it changes: the model, its runs with their curves, the settings. A
// reload brings all of it back; Restore the shipped model starts afresh; a session that cannot
// be read is said and replaced, and the page starts with the shipped model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sessionForFile, kOne, kTimeoutMs, sleep } from './playground_session.mjs';

let pg = null;
let page = null;
sessionForFile('session.test.mjs', { viewport: { width: 1280, height: 720 } }, (s) => { pg = s; page = s.page; }, 6 * kTimeoutMs);

const state = () => page.evaluate(() => window.cnnPlayground.state());
const text = (id) => page.locator(`#${id}`).textContent();
const textMatches = (id, re) => page.waitForFunction(([i, source]) => new RegExp(source).test(document.getElementById(i).textContent),
                                                     [id, re.source]);

// The model as "Save model" downloads it: the engine's own bytes of the weights it has now.
async function modelBytes() {
  await pg.click('mode_draw');
  await pg.click('tab_model');
  const [download] = await Promise.all([page.waitForEvent('download'), pg.click('model_save')]);
  return readFileSync(await download.path());
}

async function runsStatus() {
  await pg.click('mode_draw');
  await pg.click('tab_runs');
  await textMatches('explorer-status', /^Runs: /);
  return text('explorer-status');
}

// The bytes the store wrote last, once `holds` says they are the ones awaited (a save waits for
// the engine's model file, and comes at most once a second).
async function savedWhen(holds) {
  const deadline = Date.now() + kTimeoutMs;
  for (;;) {
    const bytes = Buffer.from(await page.evaluate(() => Array.from(window.cnnPlayground.session.lastSaved ?? [])));
    if (holds(bytes)) return bytes;
    assert.ok(Date.now() < deadline, `the store's last write (${bytes.length} bytes) never held what was awaited`);
    await sleep(300);
  }
}

async function reload() {
  await page.reload();
  await pg.ready();
}

test('a trained model, its run and curves, and the view come back after a reload', { timeout: 4 * kTimeoutMs }, async () => {
  await pg.ready();
  assert.equal(await page.evaluate(() => window.cnnPlayground.session.error), null, 'IndexedDB opens');
  const shipped = await modelBytes();
  await pg.click('tab_train');
  await pg.click('train_samples');
  await pg.click('train_samples_2');  // 2,000 samples
  await pg.click('train_start');
  await page.waitForFunction(() => /^Training finished after epoch 1: test accuracy \d+\.\d\d%$/.test(
    document.getElementById('training-status').textContent), null, { timeout: 3 * kTimeoutMs });
  const finished = await text('training-status');
  const runs = await runsStatus();
  assert.match(runs, /^Runs: Run 1: Adam 0\.001, batch 64 .*, test accuracy [\d.]+%, last loss [\d.]+$/);
  const trained = await modelBytes();
  assert.notDeepEqual(trained, shipped, 'training changed the weights');
  await pg.click('mode_pooling');  // the view is part of what comes back
  await savedWhen((b) => b.indexOf(trained) >= 0 && b.includes('mode=pooling'));

  await reload();
  await textMatches('explorer-status', /pooling/i);
  assert.match(await page.evaluate(() => location.search), /mode=pooling/, 'the address carries the view');
  await textMatches('engine-message', /^Back from your last visit: the model lenet5-mnist\.bin and the Runs tab \(1 kept\)/);
  assert.equal(await text('training-status'), finished, 'the Train tab says how the run ended, as before');
  assert.equal((await state()).runs, 1);
  assert.equal((await state()).confusion.length, 100, "the last epoch's confusion matrix is back");
  assert.equal(await runsStatus(), runs, 'the run, its accuracy and its last loss are back');
  assert.deepEqual(await modelBytes(), trained, 'the engine has the trained weights, not the shipped ones');
  await pg.click('tab_train');
  await pg.stroke(kOne);
  assert.match(await pg.settledPrediction(), /^1 \(/);
  pg.assertNoPageErrors();
});

test('Restore the shipped model starts afresh, and a reload keeps it so', { timeout: 2 * kTimeoutMs }, async () => {
  await pg.click('mode_draw');
  await pg.click('tab_model');
  await pg.click('model_restore_shipped');
  await textMatches('training-status', /^Ready: lenet5-mnist\.bin, 61706 parameters$/);
  const shipped = await modelBytes();
  await savedWhen((b) => b.indexOf(shipped) >= 0);
  await reload();
  await textMatches('engine-message', /^Back from your last visit: the model lenet5-mnist\.bin and the Runs tab \(1 kept\)/);
  await textMatches('training-status', /^Ready: lenet5-mnist\.bin, 61706 parameters$/);
  assert.deepEqual(await modelBytes(), shipped);
  pg.assertNoPageErrors();
});

test('a saved session that cannot be read is said, the shipped model stays, and the next change replaces it', { timeout: 2 * kTimeoutMs }, async () => {
  await page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('cnn-playground', 1);
    r.onsuccess = () => {
      const tx = r.result.transaction('session', 'readwrite');
      tx.objectStore('session').put(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'current');
      tx.oncomplete = () => { r.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    r.onerror = () => reject(r.error);
  }));
  await reload();
  await textMatches('engine-message', /^Your work from the last visit could not be read \(saved session: not a saved session/);
  await textMatches('training-status', /^Ready: lenet5-mnist\.bin, 61706 parameters$/);
  assert.equal((await state()).runs, 0);
  await savedWhen((b) => b.subarray(0, 7).toString() === 'CNNSESS');  // written over at once
  await reload();
  await textMatches('training-status', /^Ready: lenet5-mnist\.bin, 61706 parameters$/);
  assert.doesNotMatch(await text('engine-message'), /could not be read/);
  pg.assertNoPageErrors();
});
