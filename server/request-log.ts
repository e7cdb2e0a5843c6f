import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { log } from '@/lib/log';
import type { RequestState } from './context';
import type { Metrics } from './metrics';

const GIVEN_ID = /^[\w.:-]{1,128}$/;

/** The request's id: the proxy's `X-Request-Id` when it is trusted and well formed, else a new one. Sent back either way. */
export function requestIdOf(req: IncomingMessage, trustProxy: boolean): string {
  const given = req.headers['x-request-id'];
  return trustProxy && typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
}

/** What the server learns of a request while answering it; a render's state says whose session it checked. */
export type Observed = { route: string; id: string; user?: number; cache?: 'hit' | 'stale' | 'miss'; state?: RequestState };

/** One log line and the metrics for a request, when its response ends or its client goes away. */
export function observeRequest(req: IncomingMessage, res: ServerResponse, observed: Observed, metrics: Metrics): void {
  const started = process.hrtime.bigint();
  res.once('close', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const labels = { route: observed.route, method: req.method ?? 'GET', status: String(res.statusCode) };
    metrics.requests.inc(labels);
    metrics.duration.observe(labels, seconds);
    if (res.statusCode === 429) metrics.refusals.inc({ route: observed.route });
    if (observed.cache) metrics.pageCache.inc({ result: observed.cache });
    const user = observed.user ?? observed.state?.viewerId;
    const line = {
      req_id: observed.id,
      method: labels.method,
      route: observed.route,
      status: res.statusCode,
      ms: Math.round(seconds * 10_000) / 10,
      ...(user !== undefined ? { user } : {}),
      ...(observed.cache ? { cache: observed.cache } : {}),
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    const summary = `${line.method} ${line.route} ${line.status} ${line.ms} ms`;
    if (res.statusCode >= 500) log.error(line, summary);
    else log.info(line, summary);
  });
}
