// Chitter's HTTP server: Next.js in-process behind a small node:http layer (server/http.ts) that does what
// `next start` cannot. `npm start` runs it in production mode, `npm run dev` in development mode.
import { createServer } from 'node:http';
import next from 'next';
import type { Env } from '@/lib/env';
import { releaseAbortReasonFrames } from './abort-reasons';
import { buildIfNeeded } from './build';
import { assertSupportedNode } from './check-node';
import { installServerHooks } from './context';
import { createHttpLayer, type NextHandler } from './http';
import { createMetrics } from './metrics';
import { forkIfWanted } from './processes';
import { prepareSettings } from './settings';
import { stopGracefully } from './shutdown';
import { log } from '@/lib/log';

function main(): void {
  assertSupportedNode();
  releaseAbortReasonFrames();
  const dev = process.argv.includes('--dev');
  (process.env as Record<string, string>).NODE_ENV ??= dev ? 'development' : 'production';
  let settings: Env;
  try {
    settings = prepareSettings();
  } catch (err) {
    log.fatal(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  if (!dev) buildIfNeeded();
  // The embedded database belongs to one process.
  const processes = settings.DATABASE_URL ? settings.WEB_CONCURRENCY : 1;
  if (forkIfWanted({ processes, port: settings.PORT, shutdownDelayMs: settings.SHUTDOWN_DELAY_MS })) {
    serve(settings, dev).catch((err: unknown) => {
      log.fatal({ err }, 'Chitter could not start');
      process.exit(1);
    });
  }
}

async function serve(settings: Env, dev: boolean): Promise<void> {
  const server = createServer();
  let stopping = false;
  const app = next({ dev, dir: process.cwd(), hostname: settings.HOST, port: settings.PORT, httpServer: server });
  const { onRequest, pageCache } = createHttpLayer({
    handle: app.getRequestHandler() as NextHandler,
    dev,
    appUrl: new URL(settings.APP_URL),
    trustProxy: settings.TRUST_PROXY,
    // Development keeps the cache, so what a developer sees is what runs, but briefly, so edits show. 0 turns it off.
    pageCache: settings.PAGE_CACHE_TTL_MS === 0 ? null : { ttlMs: settings.PAGE_CACHE_TTL_MS ?? (dev ? 1_000 : 10_000) },
    metrics: createMetrics(),
    metricsToken: settings.METRICS_TOKEN,
    stopping: () => stopping,
  });
  if (pageCache) {
    installServerHooks({ invalidatePageCache: () => pageCache.invalidate(), invalidatePersonPages: (userId) => pageCache.invalidatePerson(userId) });
  }
  await app.prepare();
  // First, so a response sent at once while stopping (a health check, a refusal) also says Connection: close.
  stopGracefully(server, { delayMs: settings.SHUTDOWN_DELAY_MS, onSignal: () => (stopping = true) });
  server.on('request', onRequest);
  server.listen(settings.PORT, settings.HOST, () => {
    log.info(`Chitter is serving on http://localhost:${settings.PORT} (${dev ? 'development' : 'production'})`);
  });
}

main();
