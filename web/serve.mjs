// Static file server for local development and the browser tests; no dependencies.
//
//   node web/serve.mjs [root]       root defaults to the repository root
//   PORT=0 node web/serve.mjs       any free port; the printed URL tells which
//
// Binds 127.0.0.1 only. Sends COOP/COEP so the page is cross-origin isolated (SharedArrayBuffer,
// needed once the engine uses threads). No directory listings; paths cannot leave the root.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const HOST = '127.0.0.1';
const port = Number(process.env.PORT ?? 8000);
const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = await realpath(path.resolve(process.argv[2] ?? defaultRoot));

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.table': 'application/octet-stream',  // a language's strings (ui/i18n/table_file.h)
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

// index.html's policy (see its meta tag), plus what only a header can say.
const kContentSecurityPolicy =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const COMMON_HEADERS = {
  'Content-Security-Policy': kContentSecurityPolicy,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store', // a rebuilt engine.wasm must never be served stale
};

function isInside(dir, file) {
  return file === dir || file.startsWith(dir + path.sep);
}

// Maps a URL path to a file under root, or returns null (-> 404). Follows symlinks only if
// their target is inside root too.
async function resolveFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  let file = path.join(root, path.normalize(decoded));
  if (!isInside(root, file)) return null;
  try {
    file = await realpath(file);
    if (!isInside(root, file)) return null;
    let info = await stat(file);
    if (info.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
    return info.isFile() ? { file, size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

// Brotli or gzip for a browser that takes it, as a static host's brotli_static / gzip_static
// would. Brotli only from the copy `make dist` wrote beside the file (name.br; quality 11 sends
// the .wasm files about a fifth smaller than gzip -9, and is too slow to run per request);
// gzip from name.gz, else compressed here once and kept while the file is unchanged. The
// datasets are gzip files already, which the worker unpacks itself: they go as they are.
const kCompressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.bin', '.ttf', '.table', '.txt', '.svg']);
const compressed = new Map();  // file -> { mtimeMs, bytes }
const gzipAsync = promisify(gzip);

// A fresh copy beside the file (`${file}${suffix}`), or null.
async function copyBeside(found, suffix) {
  try {
    const copy = await stat(`${found.file}${suffix}`);
    if (copy.isFile() && copy.mtimeMs >= found.mtimeMs) return await readFile(`${found.file}${suffix}`);
  } catch {
    // no copy
  }
  return null;
}

async function gzipped(found) {
  const copy = await copyBeside(found, '.gz');
  if (copy) return copy;
  const kept = compressed.get(found.file);
  if (kept && kept.mtimeMs === found.mtimeMs) return kept.bytes;
  const bytes = await gzipAsync(await readFile(found.file), { level: 9 });
  compressed.set(found.file, { mtimeMs: found.mtimeMs, bytes });
  return bytes;
}

// The body and its Content-Encoding for this request, or null to send the file as it is.
async function encodedBody(found, req) {
  const accepted = req.headers['accept-encoding'] ?? '';
  if (/\bbr\b/.test(accepted)) {
    const br = await copyBeside(found, '.br');
    if (br) return { bytes: br, encoding: 'br' };
  }
  if (/\bgzip\b/.test(accepted)) return { bytes: await gzipped(found), encoding: 'gzip' };
  return null;
}

function sendText(res, status, text, extraHeaders = {}) {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...extraHeaders,
  });
  res.end(text);
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  // Leading slashes collapsed: `//x` would otherwise read as a host, not a path (and `//`
  // threw, stopping the server).
  let pathname;
  try {
    pathname = new URL(req.url.replace(/^\/+/, '/'), `http://${HOST}`).pathname;
  } catch {
    sendText(res, 400, 'Bad Request\n');
    return;
  }
  // The service worker lives in web/ but must be served beside index.html to cover the page (a
  // service worker's scope is its own folder); build/dist has it there already.
  const found = await resolveFile(pathname) ??
                (pathname === '/service_worker.js' ? await resolveFile('/web/service_worker.js') : null);
  if (!found) {
    sendText(res, 404, 'Not Found\n');
    return;
  }
  // A directory URL without its slash would resolve the page's relative links one level up.
  if (found.file.endsWith(`${path.sep}index.html`) && !pathname.endsWith('/') &&
      !pathname.endsWith('index.html')) {
    res.writeHead(301, { ...COMMON_HEADERS, Location: `${pathname}/`, 'Content-Length': 0 });
    res.end();
    return;
  }
  const extension = path.extname(found.file).toLowerCase();
  const type = MIME_TYPES[extension] ?? 'application/octet-stream';
  let body = null;
  try {
    body = kCompressible.has(extension) ? await encodedBody(found, req) : null;
  } catch {
    sendText(res, 500, 'Internal Server Error\n');
    return;
  }
  if (body) {
    const { bytes, encoding } = body;
    res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Encoding': encoding, Vary: 'Accept-Encoding',
                         'Content-Length': bytes.length });
    res.end(req.method === 'HEAD' ? undefined : bytes);
    return;
  }
  res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': found.size, Vary: 'Accept-Encoding' });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.file)
    .on('error', () => res.destroy())
    .pipe(res);
});

server.on('error', (error) => {
  console.error(`serve.mjs: ${error.code === 'EADDRINUSE' ? `port ${port} is in use (set PORT)` : error.message}`);
  process.exit(1);
});

server.listen(port, HOST, () => {
  console.log(`CNN Playground: http://${HOST}:${server.address().port}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
