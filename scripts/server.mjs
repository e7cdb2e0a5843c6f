// Chitter's HTTP server: Next.js in-process, plus the two things `next start` cannot do for it:
// a trustworthy client address for rate limits, and a status code chosen while rendering (4xx for a failed
// no-JS form post, 429, 503), which Next gives server actions and components no way to set.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { prepareAuthSecret } from './prepare-env.mjs';

const dev = process.argv.includes('--dev');
process.env.NODE_ENV ??= dev ? 'development' : 'production';

const problem = prepareAuthSecret();
if (problem) {
  console.error(`\nChitter cannot start: ${problem}\n`);
  process.exit(1);
}

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || '0.0.0.0';

if (!dev && needsBuild()) {
  console.log('Building Chitter (first start, or the code changed since the last build)…');
  const built = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const responses = new AsyncLocalStorage();
globalThis.__chitterResponse = responses;

const app = next({ dev, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers['x-chitter-peer'] = req.socket.remoteAddress ?? 'unknown';
  const slot = { status: undefined };
  const writeHead = res.writeHead;
  res.writeHead = function (code, ...rest) {
    // Only a page that would have gone out as a plain 200 (or Next's 500 error page) takes the chosen status.
    if (slot.status && (code === 200 || (code === 500 && slot.status === 503))) {
      code = slot.status;
      this.statusMessage = '';
    }
    return writeHead.call(this, code, ...rest);
  };
  responses.run(slot, () => handle(req, res));
});
server.listen(port, hostname, () => {
  console.log(`Chitter is serving on http://localhost:${port} (${dev ? 'development' : 'production'})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections?.();
    // The embedded database flushes on close; instrumentation registered the hook that does it.
    Promise.resolve(globalThis.__chitterShutdown?.()).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}

function needsBuild() {
  const marker = path.resolve('.next/BUILD_ID');
  if (!existsSync(marker)) return true;
  const builtAt = statSync(marker).mtimeMs;
  const sources = ['app', 'lib', 'db', 'emails', 'auth.ts', 'proxy.ts', 'instrumentation.ts', 'next.config.ts', 'package-lock.json'];
  return sources.some((entry) => newestMtime(path.resolve(entry)) > builtAt);
}

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}
