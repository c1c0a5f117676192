// web/serve.mjs, the static server behind `make serve` and the browser tests: odd request
// paths get a status, never a crash, and nothing outside the served folder is read; what a
// browser takes gzip'd goes gzip'd, byte for byte the file once unpacked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { kServeRoot, startServer } from './playground_session.mjs';

let server = null;
let base = null;

before(async () => {
  ({ child: server, url: base } = await startServer());
});

after(() => server?.kill('SIGTERM'));

// The raw path goes on the request line as written (no URL normalisation by the client).
function get(rawPath) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the page, the engine and a ?mode= link are served', async () => {
  assert.equal(await get('/'), 200);
  assert.equal(await get('/index.html?mode=convolution'), 200);
  assert.equal(await get('/web/main.js'), 200);
});

test('odd paths get a status and the server stays up', async () => {
  assert.equal(await get('//'), 200);  // once threw inside the request handler and stopped the server
  assert.equal(await get('//example.com/'), 404);
  assert.equal(await get('/%zz'), 404);
  assert.equal(await get('/../../etc/passwd'), 404);
  assert.equal(await get('/'), 200);
});

// The raw response: status, headers and body bytes.
function fetchRaw(rawPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path: rawPath, method: 'GET', headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('gzip for whoever takes it: the engine unpacks to its own bytes; the datasets go as they are', async () => {
  const file = readFileSync(path.join(kServeRoot, 'build/wasm/web/engine.wasm'));
  const zipped = await fetchRaw('/build/wasm/web/engine.wasm', { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(Number(zipped.headers['content-length']), zipped.body.length);
  assert.ok(zipped.body.length < file.length * 0.6, `engine.wasm: ${zipped.body.length} of ${file.length} bytes`);
  assert.ok(gunzipSync(zipped.body).equals(file));
  const plain = await fetchRaw('/build/wasm/web/engine.wasm');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.equals(file));
  const dataset = readdirSync(path.join(kServeRoot, 'build/wasm/web/data')).find((f) => f.endsWith('.gz'));
  const data = await fetchRaw(`/build/wasm/web/data/${dataset}`, { 'Accept-Encoding': 'gzip' });
  assert.equal(data.headers['content-encoding'], undefined);
  assert.ok(data.body.equals(readFileSync(path.join(kServeRoot, 'build/wasm/web/data', dataset))));
  const worker = await fetchRaw('/service_worker.js');
  assert.equal(worker.status, 200);
  assert.match(worker.body.toString(), /kCacheName/);
});
