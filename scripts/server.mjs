// Chitter's HTTP server: Next.js in-process, behind a small node:http layer that does what `next start` cannot:
// - hands the app the socket's real peer address (x-chitter-peer), for rate limits a client cannot forge;
// - lets a page or action choose the response status (4xx for a failed no-JS form post, 429, 503);
// - stamps a fresh CSP nonce into every HTML response, including cached ones (scripts/nonce-stamp.mjs);
// - serves the logged-out public stream from a rendered-page cache (scripts/page-cache.mjs).
import { spawnSync } from 'node:child_process';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { contentSecurityPolicy, createNonceStamper } from './nonce-stamp.mjs';
import { createPageCache } from './page-cache.mjs';
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

// One Node process renders on one core. With PostgreSQL (where sessions, limits, caches' versions and the mail
// queue are all shared) WEB_CONCURRENCY runs that many processes on one port; the embedded database allows one.
const processes = process.env.DATABASE_URL ? Math.max(1, Number(process.env.WEB_CONCURRENCY || 1)) : 1;
if (cluster.isPrimary && processes > 1) {
  let stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    console.error(`A Chitter process exited (${code}); starting another.`);
    cluster.fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 6000).unref();
      cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
    });
  }
  console.log(`Chitter is serving on http://localhost:${port} with ${processes} processes`);
} else {
  await serve();
}

async function serve() {
  const responses = new AsyncLocalStorage();
  globalThis.__chitterResponse = responses;
  const pageCache = createPageCache({ ttlMs: Number(process.env.PAGE_CACHE_TTL_MS || 10_000) });
  globalThis.__chitterPageCache = pageCache;

  const app = next({ dev, dir: process.cwd(), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer(async (req, res) => {
    req.headers['x-chitter-peer'] = req.socket.remoteAddress ?? 'unknown';
    const nonce = randomBytes(16).toString('base64');
    if (pageCache.cacheable(req)) {
      if (!pageCache.fresh() && pageCache.pending()) await pageCache.pending();
      const hit = pageCache.fresh();
      if (hit) return sendCached(req, res, hit, nonce);
      return render(req, res, nonce, pageCache.begin());
    }
    render(req, res, nonce, null);
  });

  function sendCached(req, res, entry, nonce) {
    const body = Buffer.from(entry.parts.join(nonce), 'utf8');
    res.writeHead(200, {
      ...entry.headers,
      ...htmlHeaders(nonce),
      'content-length': body.length,
      'x-chitter-cache': 'hit',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function htmlHeaders(nonce) {
    return { 'content-security-policy': contentSecurityPolicy(nonce, dev), 'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate' };
  }

  function render(req, res, nonce, capture) {
    const slot = { status: undefined };
    let stamper = null;
    const captured = capture ? [] : null;
    const writeHead = res.writeHead;
    const write = res.write;
    const end = res.end;

    res.writeHead = function (code, ...rest) {
      // Only a page that would have gone out as a plain 200 (or Next's 500 error page) takes the chosen status.
      if (slot.status && (code === 200 || (code === 500 && slot.status === 503))) {
        code = slot.status;
        this.statusMessage = '';
      }
      const given = rest.find((r) => r && typeof r === 'object') ?? {};
      const type = String(given['content-type'] ?? given['Content-Type'] ?? this.getHeader('content-type') ?? '');
      if (type.startsWith('text/html')) {
        stamper = createNonceStamper(nonce);
        for (const [name, value] of Object.entries(htmlHeaders(nonce))) this.setHeader(name, value);
        this.removeHeader('content-length');
        this.removeHeader('etag');
        for (const key of Object.keys(given)) if (/^(content-length|etag)$/i.test(key)) delete given[key];
        if (capture) this.setHeader('x-chitter-cache', 'miss');
      }
      return writeHead.call(this, code, ...rest);
    };
    const decoder = new TextDecoder('utf-8');
    const transform = (chunk, encoding) => {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding), { stream: true });
      captured?.push(text);
      return stamper.push(text);
    };
    res.write = function (chunk, encoding, callback) {
      if (!this.headersSent) this.writeHead(this.statusCode);
      if (!stamper) return write.call(this, chunk, encoding, callback);
      return write.call(this, transform(chunk, encoding), 'utf8', typeof encoding === 'function' ? encoding : callback);
    };
    res.end = function (chunk, encoding, callback) {
      if (!this.headersSent) this.writeHead(this.statusCode);
      if (!stamper) {
        capture?.store(0, {}, '');
        return end.call(this, chunk, encoding, callback);
      }
      const last = (chunk !== undefined && chunk !== null && typeof chunk !== 'function' ? transform(chunk, encoding) : '') + stamper.end();
      if (capture) capture.store(this.statusCode, lowerCaseHeaders(this.getHeaders()), captured.join(''));
      return end.call(this, last, 'utf8', typeof chunk === 'function' ? chunk : typeof encoding === 'function' ? encoding : callback);
    };
    res.on('close', () => capture?.store(0, {}, ''));
    responses.run(slot, () => handle(req, res));
  }

  function lowerCaseHeaders(headers) {
    return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  }

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

}

function needsBuild() {
  const marker = path.resolve('.next/BUILD_ID');
  if (!existsSync(marker)) return true;
  const builtAt = statSync(marker).mtimeMs;
  const sources = ['app', 'lib', 'db', 'emails', 'auth.ts', 'instrumentation.ts', 'next.config.ts', 'package-lock.json'];
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
