import type { IncomingMessage, ServerResponse } from 'node:http';
import { appHooks } from './context';

// Past this the database counts as not answering: a balancer checks often and needs an answer sooner than a page.
const READY_WITHIN_MS = 2_000;

/** `/healthz` (the process answers) and `/readyz` (it should get traffic); false for any other path. */
export function isHealthPath(url: string): boolean {
  const path = url.split('?', 1)[0];
  return path === '/healthz' || path === '/readyz';
}

/**
 * Answers a balancer's checks with a small JSON body, never cached. `/readyz` turns 503 as soon as the instance starts
 * stopping, before it stops accepting, so a balancer that checks it drains the instance first.
 */
export async function serveHealth(req: IncomingMessage, res: ServerResponse, stopping: () => boolean): Promise<void> {
  const answer = (status: number, body: Record<string, string>) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return answer(405, { status: 'error', reason: 'only GET and HEAD' });
  }
  if (req.url?.split('?', 1)[0] === '/healthz') return answer(200, { status: 'ok' });
  if (stopping()) return answer(503, { status: 'stopping', reason: 'this instance is shutting down' });
  const hooks = appHooks();
  if (!hooks) return answer(503, { status: 'starting', reason: 'this instance has not finished starting' });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ready: false; reason: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reason: `the database did not answer within ${READY_WITHIN_MS} ms` }), READY_WITHIN_MS);
  });
  const readiness = await Promise.race([hooks.checkReady().catch(() => ({ ready: false as const, reason: 'the database is unreachable' })), late]);
  clearTimeout(timer);
  if (readiness.ready) return answer(200, { status: 'ready' });
  answer(503, { status: 'unready', reason: readiness.reason });
}
