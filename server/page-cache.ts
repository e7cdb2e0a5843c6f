import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HANDLE_CHARS } from '@/lib/validation';
import { log } from '@/lib/log';

/**
 * Rendered pages kept for the pages people read most: the stream, the Following tab, profiles, single peeps and
 * search, for nobody in particular (logged out) and for each logged-in person apart.
 *
 * A page is rendered apart from any client (see `render` in server/http.ts): only the person's session cookie, no
 * other header of theirs, buffered whole, with a long random sentinel as its CSP nonce. Each response that serves it
 * swaps exactly that sentinel for a fresh nonce. Any write that changes a page empties the cache in this process at
 * once; other processes learn of it from the page version, which a person's request reads with their session
 * (so they see their own write at once on every instance) and a poll reads for everyone else. A lifetime bounds
 * what no write changes (who is online).
 */

export type RenderedPage = { status: number; headers: Record<string, string | string[] | number | undefined>; body: string; sawSession: boolean; viewerId?: number };
/** A page split where its nonce goes: headers (a preload `link` carries one) and body are joined around a fresh one. */
export type PreparedPage = { status: number; headers: Record<string, string[]>; parts: Buffer[]; bytes: number };
export type Served = { source: 'hit' | 'miss' | 'stale' | 'uncached'; page: PreparedPage } | { source: 'own' };

/** Whose page: nobody's (logged out), or one person's, with the page version their request read and its session cookie. */
export type PageOwner = { kind: 'anonymous' } | { kind: 'person'; id: number; pageVersion: string; cookie: string };

export type PageCacheOptions = {
  /** Renders `url` for `owner` (with their session cookie and nothing else of theirs), with `nonce` as its CSP nonce. */
  render: (url: string, owner: PageOwner, nonce: string) => Promise<RenderedPage>;
  ttlMs?: number;
  /** How long a logged-out request waits for a render under way before it takes the previous copy or renders on its own. */
  waitMs?: number;
  /** The previous copy is served to logged-out waiters only while it is younger than this. */
  maxStaleMs?: number;
  renderTimeoutMs?: number;
  /** The most the kept pages may take together; the least recently served go first. */
  maxBytes?: number;
  now?: () => number;
};

// `location`: a page that redirects (a handle given up, a page past the newest) is not kept, but its answer still
// goes to the request, and every request that waited on the same render, through here.
const KEPT_HEADERS = ['content-type', 'vary', 'link', 'location'];
// Broader than any name Auth.js reads (it takes every cookie whose name starts with its own, prefixed or chunked).
const SESSION_COOKIE = /session-token/i;
// The pages worth keeping; anything else (settings, log-in, a link from an email, an API) is rendered every time.
const KEPT_PATHS = new RegExp(`^/(?:|following|search|u/${HANDLE_CHARS}(?:/followers|/following)?|@${HANDLE_CHARS}|p/\\d{1,18}|tags/(?:\\w|%[0-9A-Fa-f]{2}){1,300})$`);
const KEPT_QUERY = new Set(['before', 'after', 'q', 'tab']);
const MAX_URL_LENGTH = 300;

export type CacheRequest = { url: string; session: boolean };

/**
 * A plain GET or HEAD of a kept page, as a browser loads a document: what to look up, and whether the session cookie
 * must be checked first. Null for anything else, which is rendered for its sender.
 */
export function cacheRequest(req: IncomingMessage): CacheRequest | null {
  const url = req.url ?? '';
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  if (url.length > MAX_URL_LENGTH || !isKeptUrl(url)) return null;
  if (req.headers.authorization || req.headers.rsc || req.headers['next-router-prefetch'] || req.headers['next-router-state-tree'] || req.headers['next-action']) return null;
  return { url, session: SESSION_COOKIE.test(req.headers.cookie ?? '') };
}

function isKeptUrl(url: string): boolean {
  const [path, query] = url.split('?', 2);
  if (!KEPT_PATHS.test(path)) return false;
  if (query === undefined) return true;
  const names = [...new URLSearchParams(query).keys()];
  return names.every((name) => KEPT_QUERY.has(name)) && new Set(names).size === names.length;
}

/** Only the session cookie goes into a render: no other cookie of the client's can shape a page kept for later. */
export function sessionCookies(header: string): string {
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => SESSION_COOKIE.test(part.split('=', 1)[0]))
    .join('; ');
}

const versionOf = (owner: PageOwner) => (owner.kind === 'person' ? owner.pageVersion : null);

async function within<T>(work: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([work, new Promise<'late'>((resolve) => (timer = setTimeout(resolve, ms, 'late')))]);
  clearTimeout(timer);
  return outcome;
}

type Entry = { page: PreparedPage; at: number; generation: number; pageVersion: string | null; ownGeneration: number };
type Flight = { generation: number; pageVersion: string | null; ownGeneration: number; done: Promise<{ page: PreparedPage; stored: boolean } | null> };

// Past this many people whose own pages were dropped one by one, all pages are dropped and the count starts again.
const MAX_OWN_GENERATIONS = 10_000;

export function createPageCache({ render, ttlMs = 10_000, waitMs = 1_000, maxStaleMs = 300_000, renderTimeoutMs = 15_000, maxBytes = 32 * 1024 * 1024, now = Date.now }: PageCacheOptions) {
  const sentinel = `chitter${randomBytes(32).toString('base64url')}`;
  // In the order they were last served, oldest first: a Map keeps insertion order.
  const entries = new Map<string, Entry>();
  const flights = new Map<string, Flight>();
  let bytes = 0;
  let generation = 0;
  // A person's own write that changes only what they see (a like): their pages alone are dropped, by id.
  const ownGenerations = new Map<number, number>();
  const ownGeneration = (owner: PageOwner) => (owner.kind === 'person' ? (ownGenerations.get(owner.id) ?? 0) : 0);

  const keyOf = (url: string, owner: PageOwner) => (owner.kind === 'person' ? `${owner.id} ${url}` : `- ${url}`);

  const prepare = (rendered: RenderedPage): PreparedPage => {
    const headers: Record<string, string[]> = {};
    for (const name of KEPT_HEADERS) {
      const value = rendered.headers[name];
      if (typeof value === 'string') headers[name] = value.split(sentinel);
    }
    const parts = rendered.body.split(sentinel).map((part) => Buffer.from(part, 'utf8'));
    return { status: rendered.status, headers, parts, bytes: parts.reduce((sum, part) => sum + part.length, 0) };
  };

  const storable = (rendered: RenderedPage, owner: PageOwner): boolean =>
    rendered.status === 200 &&
    String(rendered.headers['content-type'] ?? '').startsWith('text/html') &&
    rendered.headers['set-cookie'] === undefined &&
    // Rendered for exactly the person it is kept for: a logged-out page saw no session, a person's saw theirs.
    (owner.kind === 'person' ? rendered.viewerId === owner.id : !rendered.sawSession && rendered.viewerId === undefined) &&
    rendered.body.length > 0 &&
    rendered.body.trimEnd().endsWith('</html>');

  const forget = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.page.bytes;
    entries.delete(key);
  };

  const keep = (key: string, entry: Entry) => {
    forget(key);
    if (entry.page.bytes > maxBytes) return;
    entries.set(key, entry);
    bytes += entry.page.bytes;
    for (const oldest of entries.keys()) {
      if (bytes <= maxBytes) break;
      forget(oldest);
    }
  };

  const fly = (key: string, url: string, owner: PageOwner): Flight => {
    const started = generation;
    const startedOwn = ownGeneration(owner);
    // A render that never finishes must not hold the cache: past the bound, the next request starts another.
    let timer: NodeJS.Timeout | undefined;
    const bounded = Promise.race([
      render(url, owner, sentinel),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${renderTimeoutMs} ms`)), renderTimeoutMs))),
    ]).finally(() => clearTimeout(timer));
    const done = bounded.then(
      (rendered) => {
        const page = prepare(rendered);
        // A write that landed while this page rendered has made it stale before it could be stored.
        const stored = storable(rendered, owner) && started === generation && startedOwn === ownGeneration(owner);
        if (stored) keep(key, { page, at: now(), generation: started, pageVersion: versionOf(owner), ownGeneration: startedOwn });
        return { page, stored };
      },
      (err: unknown) => {
        log.error({ err, url }, 'Rendering a page for the page cache failed');
        return null;
      },
    );
    const mine = { generation: started, pageVersion: versionOf(owner), ownGeneration: startedOwn, done };
    flights.set(key, mine);
    void done.finally(() => {
      if (flights.get(key) === mine) flights.delete(key);
    });
    return mine;
  };

  const fresh = (entry: Entry, owner: PageOwner) =>
    entry.generation === generation && now() - entry.at < ttlMs && entry.pageVersion === versionOf(owner) && entry.ownGeneration === ownGeneration(owner);

  return {
    /** The kept page, or a render's result shared with every request for the same page that waited for it. */
    async serve(url: string, owner: PageOwner): Promise<Served> {
      const key = keyOf(url, owner);
      const entry = entries.get(key);
      if (entry && fresh(entry, owner)) {
        // Served again: now the most recently used.
        entries.delete(key);
        entries.set(key, entry);
        return { source: 'hit', page: entry.page };
      }
      const flight = flights.get(key);
      const joinable = flight && flight.generation === generation && flight.pageVersion === versionOf(owner) && flight.ownGeneration === ownGeneration(owner);
      const mine = joinable ? flight : fly(key, url, owner);
      // A person waits for their own page: a previous copy could lack the peep they have just posted.
      const outcome = owner.kind === 'person' ? await mine.done : await within(mine.done, waitMs);
      if (outcome === 'late') {
        const previous = entries.get(key);
        if (previous && now() - previous.at < maxStaleMs) return { source: 'stale', page: previous.page };
        return { source: 'own' };
      }
      if (!outcome) return { source: 'own' };
      return { source: outcome.stored ? 'miss' : 'uncached', page: outcome.page };
    },
    invalidate(): void {
      generation++;
      ownGenerations.clear();
    },
    /** Drops the pages kept for one person only (everyone else's, and logged-out ones, stay). */
    invalidatePerson(userId: number): void {
      if (ownGenerations.size >= MAX_OWN_GENERATIONS && !ownGenerations.has(userId)) {
        generation++;
        ownGenerations.clear();
        return;
      }
      ownGenerations.set(userId, (ownGenerations.get(userId) ?? 0) + 1);
    },
    /** What the cache holds, for tests and the bench. */
    size(): { pages: number; bytes: number } {
      return { pages: entries.size, bytes };
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
