import cluster from 'node:cluster';
import { serveClusterMetrics } from './metrics';
import { log } from '@/lib/log';

/**
 * One Node process renders on one core. With PostgreSQL (where sessions, limits, the cache's version and the mail
 * queue are all shared) WEB_CONCURRENCY runs that many processes on one port; the embedded database allows one.
 * Returns true in the process that should serve.
 */
export function forkIfWanted({ processes, port, shutdownDelayMs = 0 }: { processes: number; port: number; shutdownDelayMs?: number }): boolean {
  if (!cluster.isPrimary || processes <= 1) return true;
  let stopping = false;
  serveClusterMetrics();
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error({ exit: signal ?? code }, 'A Chitter process exited; starting another');
    cluster.fork();
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      const workers = Object.values(cluster.workers ?? {});
      if (stopping) {
        for (const worker of workers) worker?.process.kill('SIGKILL');
        process.exit(1);
      }
      stopping = true;
      for (const worker of workers) worker?.process.kill('SIGTERM');
      // Each process bounds its own stop (its delay, then 10 s for requests and 10 s for shutdown steps); this only
      // guards against one that hangs.
      setTimeout(() => process.exit(1), shutdownDelayMs + 25_000).unref();
    });
  }
  log.info(`Chitter is serving on http://localhost:${port} with ${processes} processes`);
  return false;
}
