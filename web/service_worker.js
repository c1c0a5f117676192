// The page offline: a service worker that keeps a copy of everything the page fetched.
//
// Served beside index.html (`make dist` copies it there; web/serve.mjs serves it at
// /service_worker.js from the repo root), so that its scope is the page's folder on any static
// host, a sub-path included, without a Service-Worker-Allowed header.
//
// Network first, the cache when the network fails: online, every file comes fresh from the
// server (a new deployment is never mixed with the old one) and its copy in the cache is
// replaced; offline, the last copy answers. Installing fetches what the page needs to start
// (kShell) once, after the page is up (web/main.js registers it then), so it never competes
// with the first prediction for a slow school network; MNIST joins the cache
// the first time they are fetched. A new kCacheName (a change here) drops the old cache whole.
'use strict';

const kCacheName = 'cnn-playground-3';
const kShell = [
  './', 'web/main.js', 'web/session_store.js', 'web/worker.js', 'web/page.css',
  'build/wasm/web/engine.js', 'build/wasm/web/engine.wasm',
  'build/wasm/web/playground.js', 'build/wasm/web/playground.wasm',
  'build/wasm/web/zh.ttf', 'build/wasm/web/zh.table', 'assets/lenet5-mnist.bin',
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(kCacheName);
    await cache.addAll(kShell.map((file) => new URL(file, self.registration.scope).href));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== kCacheName) await caches.delete(name);
    await self.clients.claim();
  })());
});

// The page's own files only: same origin, GET, under the scope.
function ours(request) {
  return request.method === 'GET' && request.url.startsWith(self.registration.scope);
}

self.addEventListener('fetch', (event) => {
  if (!ours(event.request)) return;
  event.respondWith((async () => {
    const cache = await caches.open(kCacheName);
    // The page is one file whatever its query (?lang=zh, ?mode=pooling): kept under its path.
    const key = event.request.mode === 'navigate' ? event.request.url.split('?')[0] : event.request;
    try {
      const response = await fetch(event.request);
      // Not awaited: the page reads the body as it arrives (MNIST's download progress) while
      // the copy is written.
      if (response.status === 200) event.waitUntil(cache.put(key, response.clone()));
      return response;
    } catch (error) {
      const copy = await cache.match(key);
      if (copy) return copy;
      throw error;
    }
  })());
});
