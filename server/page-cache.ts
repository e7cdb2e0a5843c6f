import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The rendered-page cache for the page most visitors read: the public stream, logged out, first page.
 *
 * The page is rendered apart from any client (see `render` in server/http.ts): no cookie, no client's headers,
 * buffered whole, with a long random sentinel as its CSP nonce. Each response that serves it swaps exactly that
 * sentinel for a fresh nonce. A write empties the cache in this process at once and in others through the stream
 * version; a lifetime bounds what no write changes (who is online).
 */

export type RenderedPage = { status: number; headers: Record<string, string | string[] | number | undefined>; body: string; sawSession: boolean };
/** A page split where its nonce goes: headers (a preload `link` carries one) and body are joined around a fresh one. */
export type PreparedPage = { status: number; headers: Record<string, string[]>; parts: string[] };
export type Served = { source: 'hit' | 'miss' | 'stale' | 'uncached'; page: PreparedPage } | { source: 'own' };

export type PageCacheOptions = {
  /** Renders `/` for nobody in particular, with `nonce` as its CSP nonce. */
  render: (nonce: string) => Promise<RenderedPage>;
  ttlMs?: number;
  /** How long a request waits for a render under way before it takes the previous copy or renders on its own. */
  waitMs?: number;
  /** The previous copy is served to waiters only while it is younger than this. */
  maxStaleMs?: number;
  renderTimeoutMs?: number;
  now?: () => number;
};

const KEPT_HEADERS = ['content-type', 'vary', 'link'];
// Broader than any name Auth.js reads (it takes every cookie whose name starts with its own, prefixed or chunked).
const SESSION_COOKIE = /session-token/i;

/** Only a plain, logged-out GET or HEAD of `/` is answered from the cache; anything else is rendered for its sender. */
export function isCacheable(req: IncomingMessage): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    req.url === '/' &&
    !SESSION_COOKIE.test(req.headers.cookie ?? '') &&
    !req.headers.authorization &&
    !req.headers.rsc &&
    !req.headers['next-router-prefetch'] &&
    !req.headers['next-router-state-tree'] &&
    !req.headers['next-action']
  );
}

export function createPageCache({ render, ttlMs = 10_000, waitMs = 1_000, maxStaleMs = 300_000, renderTimeoutMs = 15_000, now = Date.now }: PageCacheOptions) {
  const sentinel = `chitter${randomBytes(32).toString('base64url')}`;
  let current: { page: PreparedPage; at: number } | null = null;
  let previous: { page: PreparedPage; at: number } | null = null;
  let generation = 0;
  let seenVersion: string | null = null;
  let flight: { generation: number; done: Promise<{ page: PreparedPage; stored: boolean } | null> } | null = null;

  const prepare = (rendered: RenderedPage): PreparedPage => {
    const headers: Record<string, string[]> = {};
    for (const name of KEPT_HEADERS) {
      const value = rendered.headers[name];
      if (typeof value === 'string') headers[name] = value.split(sentinel);
    }
    return { status: rendered.status, headers, parts: rendered.body.split(sentinel) };
  };

  const storable = (rendered: RenderedPage): boolean =>
    rendered.status === 200 &&
    String(rendered.headers['content-type'] ?? '').startsWith('text/html') &&
    rendered.headers['set-cookie'] === undefined &&
    !rendered.sawSession &&
    rendered.body.length > 0 &&
    rendered.body.trimEnd().endsWith('</html>');

  const fly = () => {
    const started = generation;
    // A render that never finishes must not hold the cache: past the bound, the next request starts another.
    let timer: NodeJS.Timeout | undefined;
    const bounded = Promise.race([
      render(sentinel),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${renderTimeoutMs} ms`)), renderTimeoutMs))),
    ]).finally(() => clearTimeout(timer));
    const done = bounded.then(
      (rendered) => {
        const page = prepare(rendered);
        // A write that landed while this page rendered has made it stale before it could be stored.
        const stored = storable(rendered) && started === generation;
        if (stored) current = previous = { page, at: now() };
        return { page, stored };
      },
      (err: unknown) => {
        console.error('Rendering the public stream for the cache failed:', err instanceof Error ? err.message : err);
        return null;
      },
    );
    const mine = { generation: started, done };
    flight = mine;
    void done.finally(() => {
      if (flight === mine) flight = null;
    });
    return mine;
  };

  return {
    /** The cached page, or a render's result shared with every request that waited for it. */
    async serve(): Promise<Served> {
      if (current && now() - current.at < ttlMs) return { source: 'hit', page: current.page };
      const mine = flight && flight.generation === generation ? flight : fly();
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([mine.done, new Promise<'late'>((resolve) => (timer = setTimeout(resolve, waitMs, 'late')))]);
      clearTimeout(timer);
      if (outcome === 'late') {
        if (previous && now() - previous.at < maxStaleMs) return { source: 'stale', page: previous.page };
        return { source: 'own' };
      }
      if (!outcome) return { source: 'own' };
      return { source: outcome.stored ? 'miss' : 'uncached', page: outcome.page };
    },
    invalidate(): void {
      generation++;
      current = null;
    },
    /** The stream's version as the database reports it; a change made elsewhere empties this process's copy. */
    observeVersion(version: string): void {
      if (seenVersion !== null && version !== seenVersion) this.invalidate();
      seenVersion = version;
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
