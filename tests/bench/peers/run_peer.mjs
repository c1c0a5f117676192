// Runs one peer in this process and prints its result as one JSON line on stdout.
//   node tests/bench/peers/run_peer.mjs tfjs_cpu|tfjs_wasm|convnetjs [--seconds S]
// run_bench.mjs starts one process per peer, so no peer sees another's JIT state or threads.
import { kModelText } from './common.mjs';

const kPeers = {
  tfjs_cpu: () => import('./tfjs_cpu.mjs'),
  tfjs_wasm: () => import('./tfjs_wasm.mjs'),
  convnetjs: () => import('./convnetjs.mjs'),
};

const [name, ...rest] = process.argv.slice(2);
let seconds = 3;
for (let i = 0; i < rest.length; ++i) {
  if (rest[i] === '--seconds' && i + 1 < rest.length) seconds = Number(rest[++i]);
  else {
    console.error(`run_peer.mjs: unknown argument ${rest[i]}`);
    process.exit(2);
  }
}
if (!kPeers[name] || !(seconds > 0)) {
  console.error(`usage: run_peer.mjs ${Object.keys(kPeers).join('|')} [--seconds S>0]`);
  process.exit(2);
}
// TF.js prints a hint about tfjs-node on stdout; keep stdout for our one line.
const log = console.log;
console.log = (...args) => console.error(...args);
const peer = await kPeers[name]();
const result = await peer.run({ seconds });
log(JSON.stringify({ peer: name, runtime: 'node', model: kModelText, seconds, ...result }));
