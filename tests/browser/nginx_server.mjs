// Debian's nginx as the static host the page is deployed to: serves a folder under a sub-path
// (https://host/user/cnn-playground/, as GitHub Pages or a school's web space do) with the
// defaults such a host has: /etc/nginx/mime.types, no headers of ours (no COOP/COEP, no CSP),
// and gzip_static, which sends a file's .gz copy (`make dist` writes them) to browsers that take
// gzip. Everything nginx writes (pid, logs, temp folders) stays in a temp folder; it runs as the
// current user on a free 127.0.0.1 port, in the foreground, and is stopped by its pid.
//
//   const nginx = await startNginx({ root: 'build/dist', subPath: '/user/cnn-playground/' });
//   ... nginx.url ...   (http://127.0.0.1:PORT/user/cnn-playground/)
//   await nginx.stop(); (also done when the process exits)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const kNginx = '/usr/sbin/nginx';

// A port the kernel just gave out and took back; nginx binds it a moment later (retried if
// someone else took it meanwhile).
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function config({ dir, root, subPath, port }) {
  const temp = (name) => `${name}_temp_path ${path.join(dir, name)};`;
  return `# Written by tests/browser/nginx_server.mjs for one test run.
daemon off;
${process.getuid() === 0 ? `user ${os.userInfo().username};  # else root's workers run as nobody` : ''}
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${path.join(dir, 'access.log')};
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  sendfile on;
  server {
    listen 127.0.0.1:${port};
    location ${subPath} {
      alias ${root}/;
      gzip_static on;
    }
  }
}
`;
}

async function launch(dir, port, subPath) {
  const child = spawn(kNginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  // Up once it answers on the port (any status: the test looks at what it serves).
  const deadline = Date.now() + 10_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 50))]);
    if (early) {
      const log = existsSync(path.join(dir, 'error.log')) ? await readFile(path.join(dir, 'error.log'), 'utf8') : '';
      return { error: `nginx exited (${early.code ?? early.signal}):\n${output}${log}` };
    }
    try {
      await fetch(`http://127.0.0.1:${port}${subPath}`);
      return { child, exited };
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        return { error: `nginx did not answer on port ${port} within 10 s:\n${output}` };
      }
    }
  }
}

export async function startNginx({ root, subPath }) {
  if (!existsSync(kNginx)) throw new Error(`${kNginx} is missing: run \`make deps\` (tools/install_deps.sh installs nginx)`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cnnplay-nginx-'));
  let started = null;
  let port = 0;
  for (let attempt = 0; attempt < 3 && !started?.child; ++attempt) {
    port = await freePort();
    await writeFile(path.join(dir, 'nginx.conf'), config({ dir, root: path.resolve(root), subPath, port }));
    started = await launch(dir, port, subPath);
    if (started.error && !/Address already in use/.test(started.error)) break;
  }
  if (!started.child) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(started.error);
  }
  const { child, exited } = started;
  // SIGTERM, not SIGKILL: the master then stops its worker, which SIGKILL would leave listening.
  const onExit = () => child.kill('SIGTERM');
  process.on('exit', onExit);
  return {
    url: `http://127.0.0.1:${port}${subPath}`,
    pid: child.pid,
    // Request lines as nginx logged them ("GET /user/cnn-playground/ HTTP/1.1"), one per request.
    async requests() {
      const log = await readFile(path.join(dir, 'access.log'), 'utf8');
      return log.split('\n').filter(Boolean).map((line) => line.match(/"([^"]*)"/)?.[1] ?? line);
    },
    async stop() {
      process.off('exit', onExit);
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
