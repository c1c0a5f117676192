// What one frame of the page costs to render in headless Chromium's software WebGL
// (SwiftShader), where the browser tests spend most of their time: the GPU process's CPU time
// per frame the UI drew, while the mouse moves over the page (a frame each move). A benchmark,
// not a test: the machine is shared, so compare runs made one after the other.
//
//   make web && node tests/bench/render_cost.mjs [--mode draw|convolution|...]
//
// Panels drawing their own backgrounds (before ui/widgets/page_gaps.h): 75 ms a frame at
// 1280x720 and 145 at 1920x1080; without: 44 and 73.
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { PlaygroundSession, sleep } from '../browser/playground_session.mjs';

const modeAt = process.argv.indexOf('--mode');
const query = modeAt > 0 ? `?mode=${process.argv[modeAt + 1]}` : '';

// The GPU process's CPU time (every thread), in clock ticks of 1/100 s.
function gpuTicks() {
  const pid = execSync("ps -eo pid,args | grep -- '--type=gpu-process' | grep -v grep").toString().trim().split(/\s+/)[0];
  let ticks = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);  // utime, stime
    } catch { /* a thread that ended */ }
  }
  return ticks;
}

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  const pg = await PlaygroundSession.open({ viewport: { width, height }, query });
  await pg.ready();
  await sleep(1000);
  const renders = () => pg.page.evaluate(() => window.cnnPlayground.stats.renders);
  const ticks0 = gpuTicks();
  const renders0 = await renders();
  for (let i = 0; i < 60; ++i) {
    await pg.page.mouse.move(100 + i * 5, 300);
    await sleep(50);
  }
  const drawn = (await renders()) - renders0;
  const ms = ((gpuTicks() - ticks0) * 10) / drawn;
  console.log(`${width}x${height}${query}: ${drawn} frames drawn, ${ms.toFixed(1)} ms of the GPU process's CPU each`);
  await pg.close();
}
