// web/serve.mjs, the static server behind `make serve` and the browser tests: odd request
// paths get a status, never a crash, and nothing outside the served folder is read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startServer } from './playground_session.mjs';

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
