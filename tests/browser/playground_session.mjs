// What every browser test file shares: serve the repo (or build/dist) with web/serve.mjs,
// open the page in Debian's Chromium (SwiftShader WebGL2) through playwright-core, and drive
// it as a person would. Controls are found through window.cnnPlayground.layout(); results are
// read from the page's ARIA live regions (#prediction, #training-status, #engine-message).
//
//   const pg = await PlaygroundSession.open({ viewport: { width: 1280, height: 720 } });
//   await pg.stroke(kOne);                    // real mouse events on the draw pad
//   assert.match(await pg.settledPrediction(), /^1 /);
//   await pg.close();
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const kRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const kServeRoot = path.resolve(kRoot, process.env.CNNPLAY_SERVE_ROOT ?? '.');
export const kArtifacts = path.join(kRoot, 'build/test-artifacts');
// Runs against `make dist` keep their artefacts apart: dist-page-drawn-1.png, dist-metrics.json.
export const kArtifactPrefix = process.env.CNNPLAY_SERVE_ROOT ? 'dist-' : '';
export const kTimeoutMs = 90_000; // SwiftShader and a cold WASM compile are slow on 2 cores

// Flags from TOOLCHAIN.md: no network chatter on this closed machine; WebGL2 through SwiftShader.
const kChromiumArgs = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu-compositing', '--disable-gpu-compositing',
];

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Strokes in pad units (0..1).
export const kOne = [[0.52, 0.18], [0.51, 0.35], [0.5, 0.5], [0.49, 0.65], [0.48, 0.82]];
export const kZero = Array.from({ length: 41 }, (_, i) => {
  const a = (i / 40) * 2 * Math.PI;
  return [0.5 + 0.22 * Math.sin(a), 0.5 - 0.32 * Math.cos(a)];
});

// web/serve.mjs on a free port; resolves with the child process and its URL.
export function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(kRoot, 'web/serve.mjs'), kServeRoot], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve.mjs printed no URL:\n${output}`)), 10_000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[0] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code}:\n${output}`));
    });
  });
}

// What each browser test file shares: one session for the whole file (opened and ready before
// its first test, closed after its last) and a watchdog that ends a run that hangs. Call it at
// the file's top level:
//   let pg = null, page = null;
//   sessionForFile('tablet.test.mjs', { viewport: { width: 1024, height: 768 } }, (s) => { pg = s; page = s.page; });
export function sessionForFile(file, options, onReady, watchdogMs = 8 * kTimeoutMs) {
  setTimeout(() => {
    console.error(`${file}: watchdog expired, exiting`);
    process.exit(1);
  }, watchdogMs).unref();
  let session = null;
  before(async () => {
    session = await PlaygroundSession.open(options);
    await session.ready();
    onReady(session);
  }, { timeout: 2 * kTimeoutMs });
  after(async () => {
    await session?.close();
  });
}

export class PlaygroundSession {
  // options: Playwright context options (viewport, deviceScaleFactor, hasTouch, isMobile,
  // locale), and `query`: what the page's address ends with ('?lang=zh'). A page served by
  // another server (tests/browser/nginx_server.mjs) comes with its `baseUrl` (the page's folder,
  // a sub-path perhaps), the folder it serves there (`serveRoot`) and its `artifactPrefix`.
  static async open({ query = '', baseUrl = null, serveRoot = kServeRoot, artifactPrefix = kArtifactPrefix,
                      ...options } = {}) {
    for (const file of ['build/wasm/web/engine.js', 'build/wasm/web/engine.wasm', 'build/wasm/web/playground.js',
                        'build/wasm/web/playground.wasm', 'assets/lenet5-mnist.bin']) {
      assert.ok(existsSync(path.join(serveRoot, file)), `${file} is missing: run \`make web\` first`);
    }
    await mkdir(kArtifacts, { recursive: true });
    const s = new PlaygroundSession();
    s.artifactPrefix = artifactPrefix;
    if (baseUrl) {
      s.baseUrl = baseUrl;
    } else {
      const { child, url } = await startServer();
      s.server = child;
      s.baseUrl = url;
      process.on('exit', () => s.server?.kill('SIGKILL'));
    }
    const basePath = new URL(s.baseUrl).pathname;
    s.userDataDir = await mkdtemp(path.join(os.tmpdir(), 'cnnplay-chromium-'));
    s.context = await chromium.launchPersistentContext(s.userDataDir, {
      executablePath: '/usr/bin/chromium', headless: true, args: kChromiumArgs, timeout: kTimeoutMs, ...options,
    });
    s.context.setDefaultTimeout(kTimeoutMs);
    s.page = s.context.pages()[0] ?? await s.context.newPage();
    // Every Content-Security-Policy violation is a page error (index.html's policy; the tests
    // that break it on purpose filter theirs out).
    await s.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
      });
    });
    s.page.on('console', (message) => {
      if (message.type() === 'error') s.pageErrors.push(`console: ${message.text()}`);
    });
    s.page.on('pageerror', (error) => s.pageErrors.push(`pageerror: ${error.message} ${error.stack ?? ''}`));
    // The worker reads the MNIST files as streams; Chromium then reports a request whose
    // 200 response was already delivered as ERR_ABORTED. Only requests without a response
    // count as failures (a missing byte would fail the training test anyway).
    const answered = new Set();
    s.context.on('response', (response) => { if (response.ok()) answered.add(response.url()); });
    s.context.on('requestfailed', (request) => {
      if (request.failure()?.errorText === 'net::ERR_ABORTED' && answered.has(request.url())) return;
      s.pageErrors.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`);
    });
    // Bytes on the wire until the page is usable (worker requests included), and the same
    // files' own sizes (what they weigh unpacked, when they came gzip'd). The service worker's
    // copies are fetched after the page is up (web/main.js): they are not counted, though the
    // test may see them before it hears that the page is ready.
    s.context.on('response', (response) => {
      s.responses.push(response);
      if (s.readySeen || response.request().serviceWorker() || response.url().endsWith('/service_worker.js')) return;
      s.bytesBeforeReady += Number(response.headers()['content-length'] ?? 0);
      const pathname = decodeURIComponent(new URL(response.url()).pathname);
      const file = path.join(serveRoot, pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname);
      const served = existsSync(file) && statSync(file).isFile() ? file : path.join(file, 'index.html');
      if (existsSync(served)) s.fileBytesBeforeReady += statSync(served).size;
    });
    await s.page.goto(s.baseUrl + query);
    return s;
  }

  constructor() {
    this.pageErrors = []; // console errors and uncaught exceptions
    this.bytesBeforeReady = 0;
    this.fileBytesBeforeReady = 0;
    this.readySeen = false;
    this.responses = []; // every response the context saw (page, workers, service worker), in order
  }

  async close() {
    try {
      await this.context?.close();
    } finally {
      this.server?.kill('SIGTERM');
      if (this.userDataDir) await rm(this.userDataDir, { recursive: true, force: true });
    }
  }

  // Resolves with the published state once the engine is ready and the shipped model loaded.
  async ready() {
    await this.page.waitForFunction(() => window.cnnPlayground);
    const state = await this.page.evaluate(() => window.cnnPlayground.ready);
    this.readySeen = true;
    return state;
  }

  assertNoPageErrors() {
    assert.deepEqual(this.pageErrors, [], 'the page logged errors');
  }

  async screenshot(name) {
    await this.page.screenshot({ path: path.join(kArtifacts, this.artifactPrefix + name) });
  }

  async layout() {
    return this.page.evaluate(() => window.cnnPlayground.layout());
  }

  // A named control's rectangle once it has stopped moving: a popup that has just opened
  // (a combo's list) may be placed again on its second frame, when it does not fit below.
  // A control the last tap or click brings (a tab's contents) may take a few frames to come
  // on a loaded machine: it has `appearMs` to appear.
  async control(name, appearMs = 10_000) {
    const start = Date.now();
    let c = null;
    let stable = 0;
    for (;;) {
      const { controls } = await this.layout();
      const now = controls[name];
      if (!now && !c) {
        assert.ok(Date.now() - start < appearMs,
                  `no control '${name}' in layout() after ${appearMs} ms: ${Object.keys(controls).join(', ')}`);
      } else if (c && now && c.x === now.x && c.y === now.y && c.width === now.width && c.height === now.height) {
        return now;
      } else if (++stable >= 20) {
        return now ?? c;
      }
      c = now ?? c;
      await sleep(40);
    }
  }

  // Resolves after `n` more frames of the page.
  async frames(n) {
    await this.page.evaluate((count) => new Promise((resolve) => {
      const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
      step(count);
    }), n);
  }

  // A mouse click in the middle of a named control, slow enough for several frames to see it.
  async click(name) {
    const c = await this.control(name);
    await this.page.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
    await sleep(60);
    await this.page.mouse.down();
    await sleep(60);
    await this.page.mouse.up();
    await sleep(60);
  }

  // One stroke through points in pad units (0..1) with real mouse events, with pauses so
  // that several frames see the button held. One move per point: the pad joins the samples
  // with lines, and each move waits for a software-rendered frame (about 300 ms on 2 busy cores).
  async stroke(points) {
    const pad = await this.padRect();
    const at = ([u, v]) => [pad.x + u * pad.width, pad.y + v * pad.height];
    await this.page.mouse.move(...at(points[0]));
    await sleep(50);
    await this.page.mouse.down();
    await sleep(50);
    for (const p of points.slice(1)) {
      await this.page.mouse.move(...at(p));
      await sleep(16);
    }
    await sleep(50);
    await this.page.mouse.up();
    await sleep(50);
  }

  // The same stroke with a finger: touch events through the DevTools protocol, as a tablet
  // sends them (the context must be opened with hasTouch). `steps` moves per segment.
  async touchStroke(points, steps = 1) {
    const pad = await this.padRect();
    const cdp = await this.context.newCDPSession(this.page);
    const at = ([u, v]) => ({ x: pad.x + u * pad.width, y: pad.y + v * pad.height });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(points[0])] });
    await sleep(50);
    for (let i = 1; i < points.length; ++i) {
      for (let k = 1; k <= steps; ++k) {
        const [u0, v0] = points[i - 1];
        const [u1, v1] = points[i];
        const t = k / steps;
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at([u0 + (u1 - u0) * t, v0 + (v1 - v0) * t])] });
      }
      await sleep(16);
    }
    await sleep(50);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await sleep(50);
    await cdp.detach();
  }

  // The same stroke with a pen (a stylus): mouse events of pointer type 'pen' through the
  // DevTools protocol, as a pen tablet or a tablet's stylus sends them.
  async penStroke(points) {
    const pad = await this.padRect();
    const cdp = await this.context.newCDPSession(this.page);
    const at = ([u, v]) => ({ x: pad.x + u * pad.width, y: pad.y + v * pad.height, pointerType: 'pen' });
    const send = (type, point, extra = {}) => cdp.send('Input.dispatchMouseEvent', { type, ...point, ...extra });
    await send('mouseMoved', at(points[0]));
    await sleep(50);
    await send('mousePressed', at(points[0]), { button: 'left', buttons: 1, clickCount: 1, force: 0.5 });
    await sleep(50);
    for (const p of points.slice(1)) {
      await send('mouseMoved', at(p), { button: 'left', buttons: 1, force: 0.5 });
      await sleep(16);
    }
    await send('mouseReleased', at(points[points.length - 1]), { button: 'left', buttons: 0, clickCount: 1 });
    await sleep(50);
    await cdp.detach();
  }

  // A finger pressed at `from` (CSS px), moved to `to` in `steps` moves, a frame apart, and lifted.
  async touchDrag(from, to, steps = 15) {
    const cdp = await this.context.newCDPSession(this.page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
    await sleep(80);
    for (let k = 1; k <= steps; ++k) {
      const t = k / steps;
      const point = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
      await sleep(34);
    }
    await sleep(80);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await sleep(120);
    await cdp.detach();
  }

  // A tap with a finger in the middle of a named control.
  async tap(name) {
    const c = await this.control(name);
    const cdp = await this.context.newCDPSession(this.page);
    const point = { x: c.x + c.width / 2, y: c.y + c.height / 2 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    await sleep(80);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await sleep(80);
    await cdp.detach();
    // The page replays a finger as a press two frames after it lands and a release one frame
    // after the press (web/main.js); the UI sees the release on the frame after that.
    await this.frames(4);
  }

  async padRect() {
    const pad = await this.layout();
    assert.ok(pad.width > 100 && pad.height > 100, `draw pad too small: ${JSON.stringify(pad)}`);
    return pad;
  }

  async clearPad() {
    await this.click('clear');
    await this.page.waitForFunction(() => document.getElementById('prediction').textContent === '');
  }

  // Waits until #prediction shows a digit and keeps it for a moment; returns the text.
  async settledPrediction() {
    let last = '';
    let stableSince = Date.now();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const text = (await this.page.locator('#prediction').textContent()) ?? '';
      if (text !== last) {
        last = text;
        stableSince = Date.now();
      } else if (/^\d \(\d+\.\d%\)$/.test(text) && Date.now() - stableSince > 400) {
        return text;
      }
      await sleep(50);
    }
    throw new Error(`no settled prediction; last #prediction text: '${last}'`);
  }
}
