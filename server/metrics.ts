import cluster from 'node:cluster';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';
import { appHooks, type AppFigures } from './context';

const ASK = 'chitter:metrics';
const ANSWER = 'chitter:metrics-answer';
let asked = 0;
const waiting = new Map<number, (answer: { text?: string; error?: string }) => void>();

/** What one process measures. Database-wide figures are the same from every process, so a cluster reports one copy. */
export function createMetrics() {
  collectDefaultMetrics();
  if (cluster.isWorker) {
    // Makes this process answer the primary's requests for its figures, and hear the primary's answers to its own.
    new AggregatorRegistry();
    process.on('message', (message: { type?: string; id?: number; text?: string; error?: string }) => {
      if (message?.type === ANSWER && message.id !== undefined) waiting.get(message.id)?.(message);
    });
  }
  const requests = new Counter({ name: 'chitter_http_requests_total', help: 'Requests answered, by route, method and status.', labelNames: ['route', 'method', 'status'] as const });
  const duration = new Histogram({
    name: 'chitter_http_request_duration_seconds',
    help: 'Time from a request arriving to its response ending, by route, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const pageCache = new Counter({ name: 'chitter_page_cache_lookups_total', help: 'Page cache lookups: hit (kept copy), stale (older copy while it re-renders), miss (rendered for this request).', labelNames: ['result'] as const });
  const refusals = new Counter({ name: 'chitter_rate_limit_refusals_total', help: 'Requests refused by a rate limit (429), by route.', labelNames: ['route'] as const });
  // Read from the database once per scrape (every gauge asks at once); a gauge keeps its last figures while it cannot.
  let asking: { at: number; figures: Promise<AppFigures | null> } | undefined;
  const figures = () => {
    if (!asking || Date.now() - asking.at > 1000) asking = { at: Date.now(), figures: appHooks()?.collectMetrics().catch(() => null) ?? Promise.resolve(null) };
    return asking.figures;
  };
  new Gauge({
    name: 'chitter_outbox_emails',
    help: 'Emails in the outbox by state: pending (queued), sending, failed.',
    labelNames: ['state'] as const,
    aggregator: 'max',
    async collect() {
      const now = await figures();
      if (now) for (const [state, n] of Object.entries(now.outbox)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'chitter_outbox_oldest_due_seconds',
    help: 'How long the oldest due, unsent email has waited.',
    aggregator: 'max',
    async collect() {
      const now = await figures();
      if (now) this.set(now.oldestDueSeconds);
    },
  });
  new Gauge({
    name: 'chitter_db_connections',
    help: 'Database connections: open, busy (a query sent, no answer yet) and max; queries wait once busy reaches max.',
    labelNames: ['state'] as const,
    async collect() {
      const now = await figures();
      if (now) for (const [state, n] of Object.entries(now.pool)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'chitter_metrics_database_ok',
    help: '1 if the database answered this scrape, else 0 (the outbox figures are then the last known).',
    aggregator: 'min',
    async collect() {
      this.set((await figures()) ? 1 : 0);
    },
  });
  return { requests, duration, pageCache, refusals };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** In a cluster's primary: answers each process's request for the whole cluster's figures. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== ASK) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: message.id, text }),
      (err: unknown) => worker.send({ type: ANSWER, id: message.id, error: err instanceof Error ? err.message : String(err) }),
    );
  });
}

async function currentFigures(): Promise<string> {
  if (!cluster.isWorker) return register.metrics();
  const id = ++asked;
  const answer = await new Promise<{ text?: string; error?: string }>((resolve) => {
    waiting.set(id, resolve);
    process.send?.({ type: ASK, id });
    setTimeout(() => resolve({ error: 'the cluster did not answer in 5 s' }), 5000).unref();
  });
  waiting.delete(id);
  if (answer.error !== undefined || answer.text === undefined) throw new Error(answer.error);
  return answer.text;
}


/** GET /metrics: Prometheus text, only with METRICS_TOKEN as a bearer token; without the setting the path does not exist. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, token: string | undefined): Promise<void> {
  const plain = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (!token) return plain(404, 'Not found\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'Only GET\n', { allow: 'GET, HEAD' });
  if (!sameSecret(req.headers.authorization ?? '', `Bearer ${token}`)) return plain(401, 'A bearer token is required\n', { 'www-authenticate': 'Bearer realm="metrics"' });
  try {
    const text = await currentFigures();
    plain(200, text, { 'content-type': register.contentType });
  } catch (err) {
    plain(503, `Metrics are unavailable: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
