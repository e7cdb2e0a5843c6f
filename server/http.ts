import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import { inject } from 'light-my-request';
import { appHooks, newRequestState, runRequest, type RequestState } from './context';
import { isHealthPath, serveHealth } from './health';
import { serveMetrics, type Metrics } from './metrics';
import { observeRequest, requestIdOf, type Observed } from './request-log';
import { createRouteNamer } from './routes';
import { cacheRequest, createPageCache, sessionCookies, type PageCache, type PageCacheOptions, type PageOwner, type RenderedPage, type Served } from './page-cache';
import { baseSecurityHeaders, contentSecurityPolicy, newNonce } from './security-headers';

export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export type HttpOptions = {
  handle: NextHandler;
  dev: boolean;
  appUrl: URL;
  trustProxy: boolean;
  /** The rendered-page cache; null turns it off. */
  pageCache: Omit<PageCacheOptions, 'render'> | null;
  metrics: Metrics;
  /** The bearer token `/metrics` asks for; without one it answers 404. */
  metricsToken?: string;
  /** True once the process has been told to stop: `/readyz` says so before the listener closes. */
  stopping: () => boolean;
};

const NO_STORE = 'private, no-cache, no-store, max-age=0, must-revalidate';
/** The largest body any form needs (a peep is at most 4,000 code units); next.config.mjs gives actions the same bound. */
export const MAX_BODY_BYTES = 64 * 1024;

export type BodyLimit = { bytes: number; refusal: string };

/**
 * The only paths that take a larger body, each with its bound and what a refusal says: the profile settings page,
 * whose picture upload holds an image of up to 2 MB (lib/avatar-image.ts) and the form's other fields around it.
 * next.config.mjs raises Next's own bound for server actions to the largest of these, and no further.
 */
export const LARGER_BODIES: Readonly<Record<string, BodyLimit>> = {
  '/settings/profile': { bytes: 2 * 1024 * 1024 + 64 * 1024, refusal: 'A picture can be at most 2 MB; choose a smaller one.' },
};

/** The bound on a request's body by its path: MAX_BODY_BYTES but for the paths in LARGER_BODIES. */
export function bodyLimitOf(url: string): BodyLimit {
  const path = url.split('?', 1)[0];
  return Object.hasOwn(LARGER_BODIES, path) ? LARGER_BODIES[path] : { bytes: MAX_BODY_BYTES, refusal: TOO_LARGE };
}

/**
 * What Chitter adds in front of Next.js for every request: the socket's real address for rate limits, security
 * headers and a fresh CSP nonce that Next itself places, the status a page or action chose, a refusal of
 * cross-site form posts, and the rendered-page cache.
 */
export function createHttpLayer({ handle, dev, appUrl, trustProxy, pageCache: cacheOptions, metrics, metricsToken, stopping }: HttpOptions): { onRequest: RequestListener; pageCache: PageCache | null } {
  const securityHeaders = baseSecurityHeaders(appUrl.protocol === 'https:');
  const pageCache = cacheOptions ? createPageCache({ ...cacheOptions, render: renderForCache }) : null;
  const routeOf = createRouteNamer();

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Rate limits count against this, never against an address the client wrote itself.
    req.headers['x-chitter-peer'] = req.socket.remoteAddress ?? 'unknown';
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    // A balancer's checks and the metrics scrape are neither logged nor counted: they would drown what matters.
    const url = req.url ?? '/';
    if (isHealthPath(url)) return serveHealth(req, res, stopping);
    if (url.split('?', 1)[0] === '/metrics') return serveMetrics(req, res, metricsToken);
    const observed: Observed = { route: routeOf(url), id: requestIdOf(req, trustProxy) };
    res.setHeader('x-request-id', observed.id);
    observeRequest(req, res, observed, metrics);

    if (!isReadableUrl(req.url ?? '/')) return refuse(req, res, dev, 400, 'That address doesn’t work', BAD_URL);
    if (isCrossSitePost(req, appUrl, trustProxy)) return refuse(req, res, dev, 403, 'That form came from another site', CROSS_SITE);
    const bodyLimit = bodyLimitOf(url);
    if (Number(req.headers['content-length'] ?? 0) > bodyLimit.bytes) return refuse(req, res, dev, 413, 'That was too much to send', bodyLimit.refusal);
    // Browsers declare the length of every form they post; a body of unknown length would be read before it is judged.
    if (hasUndeclaredBody(req)) return refuse(req, res, dev, 411, 'That was sent without a length', NO_LENGTH);

    if (isApiPath(url)) {
      // Tokens, never cookies: any site's scripts may call the API, as Mastodon's allows, for nothing rides along.
      for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
      const allowed = appHooks()?.apiMethods(url.split('?', 1)[0]) ?? null;
      if (allowed && req.method === 'OPTIONS') return answerPreflight(res, allowed);
      if (allowed && !allowed.includes(req.method ?? 'GET')) return refuse(req, res, dev, 405, 'That method is not taken here', `Use ${allowed.join(' or ')}.`, { allow: allowed.join(', ') });
    }

    if (isLivePath(req.url ?? '/')) {
      const hooks = appHooks();
      if (hooks) return hooks.serveLive(req, res);
      return refuse(req, res, dev, 503, 'Chitter is starting', STARTING);
    }

    const nonce = newNonce();
    const wanted = pageCache ? cacheRequest(req) : null;
    const owner = wanted ? await ownerOf(wanted.session, req.headers.cookie ?? '') : null;
    if (pageCache && wanted && owner) {
      if (owner.kind === 'person') observed.user = owner.id;
      const served = await pageCache.serve(wanted.url, owner);
      if (served.source !== 'own') {
        observed.cache = served.source === 'hit' || served.source === 'stale' ? served.source : 'miss';
        return sendPrepared(req, res, served, nonce, dev);
      }
    }
    observed.state = renderLive(req, res, nonce);
  }

  /** Whose page a request would be served: nobody's without a session; with one, the app says whose, or null to render. */
  async function ownerOf(session: boolean, cookie: string): Promise<PageOwner | null> {
    if (!session) return { kind: 'anonymous' };
    const hooks = appHooks();
    if (!hooks) return null;
    const only = sessionCookies(cookie);
    const viewer = await hooks.identifyViewer(only);
    return viewer.kind === 'person' ? { kind: 'person', id: viewer.id, pageVersion: viewer.pageVersion, cookie: only } : null;
  }

  function renderLive(req: IncomingMessage, res: ServerResponse, nonce: string): RequestState {
    const policy = contentSecurityPolicy(nonce, dev);
    // Next.js takes the nonce from the request's policy and puts it on its own scripts and React's, and no others.
    req.headers['content-security-policy'] = policy;
    delete req.headers['content-security-policy-report-only'];
    res.setHeader('content-security-policy', policy);
    const state = newRequestState();
    applyChosenStatus(res, state);
    void runRequest(state, () => handle(req, res));
    return state;
  }

  /** Renders `url` for `owner`, buffered apart from the client that asked: only their session cookie goes along. */
  async function renderForCache(url: string, owner: PageOwner, nonce: string): Promise<RenderedPage> {
    const state = newRequestState();
    const response = await inject((req, res) => void runRequest(state, () => handle(req, res)), {
      method: 'GET',
      url,
      remoteAddress: '127.0.0.1',
      headers: {
        host: appUrl.host,
        accept: 'text/html',
        'user-agent': 'Chitter page cache',
        'x-chitter-peer': 'page-cache',
        'content-security-policy': contentSecurityPolicy(nonce, dev),
        ...(owner.kind === 'person' ? { cookie: owner.cookie } : {}),
      },
    });
    return { status: chosenStatus(response.statusCode, state), headers: response.headers, body: response.payload, sawSession: state.sawSession, viewerId: state.viewerId };
  }

  return { onRequest, pageCache };
}

/** A page or action may choose its status while rendering; it replaces the plain 200 (or Next's 500 on an outage). */
function chosenStatus(code: number, state: RequestState): number {
  return state.status !== undefined && (code === 200 || (code === 500 && state.status === 503)) ? state.status : code;
}

function applyChosenStatus(res: ServerResponse, state: RequestState): void {
  const writeHead = res.writeHead.bind(res) as (code: number, ...rest: unknown[]) => ServerResponse;
  res.writeHead = function (code: number, ...rest: unknown[]) {
    const status = chosenStatus(code, state);
    if (status !== code) res.statusMessage = '';
    return writeHead(status, ...rest);
  } as ServerResponse['writeHead'];
}

function sendPrepared(req: IncomingMessage, res: ServerResponse, served: Exclude<Served, { source: 'own' }>, nonce: string, dev: boolean): void {
  const nonceBytes = Buffer.from(nonce, 'utf8');
  const body = Buffer.concat(served.page.parts.flatMap((part, i) => (i === 0 ? [part] : [nonceBytes, part])));
  const headers: OutgoingHttpHeaders = {
    ...Object.fromEntries(Object.entries(served.page.headers).map(([name, parts]) => [name, parts.join(nonce)])),
    'content-security-policy': contentSecurityPolicy(nonce, dev),
    'cache-control': NO_STORE,
    'content-length': body.length,
    'x-chitter-cache': served.source,
  };
  res.writeHead(served.page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * A form post or server action must come from Chitter's own pages. Next.js checks this too, but answers a 500;
 * a person or a tool gets a 403 that says what happened. Route handlers under /api/ (one-click unsubscribe, which
 * mail clients post from anywhere) take no session from cookies and are left to their own checks.
 */
function isCrossSitePost(req: IncomingMessage, appUrl: URL, trustProxy: boolean): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  if ((req.url ?? '').startsWith('/api/')) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  if (origin === appUrl.origin) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  const forwarded = trustProxy ? String(req.headers['x-forwarded-host'] ?? '').split(',')[0].trim() : '';
  return host !== (forwarded || req.headers.host);
}

const CROSS_SITE = 'Chitter only takes forms sent from its own pages.';
const TOO_LARGE = 'Nothing Chitter takes is that long: a peep is at most 280 characters.';
const NO_LENGTH = 'Chitter takes forms whose length is given up front, as browsers send them.';
const STARTING = 'Live updates begin once it has started.';
const BAD_URL = 'The link is damaged: it has a broken %-escape or a character no address may hold.';
// What a client may still send after a refusal is read and dropped up to this much, so it can read the answer;
// past it the connection is closed.
const DRAIN_BYTES = 4 * 1024 * 1024;

/** A path that decodes, and no NUL anywhere: Next.js would answer a broken %-escape with a 500. */
function isReadableUrl(url: string): boolean {
  if (/%00|\u0000/i.test(url)) return false;
  const path = url.split('?', 1)[0];
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The Server-Sent Events paths, which the app serves itself on the raw response: the web's and the API's. */
export const SOCKET_PATHS: readonly string[] = ['/api/live', '/api/v1/stream'];

function isLivePath(url: string): boolean {
  return SOCKET_PATHS.includes(url.split('?', 1)[0]);
}

function isApiPath(url: string): boolean {
  return url === '/api/v1' || url.startsWith('/api/v1/') || url.startsWith('/api/v1?');
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'link, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset, www-authenticate, allow',
};

/** A browser's CORS preflight for an API path: what it may send, for a day. */
function answerPreflight(res: ServerResponse, allowed: readonly string[]): void {
  res.writeHead(204, {
    allow: [...allowed, 'OPTIONS'].join(', '),
    'access-control-allow-methods': allowed.join(', '),
    'access-control-allow-headers': 'authorization, content-type, idempotency-key, last-event-id',
    'access-control-max-age': '86400',
    'cache-control': NO_STORE,
  });
  res.end();
}

function hasUndeclaredBody(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  return req.headers['content-length'] === undefined && req.headers['transfer-encoding'] !== undefined;
}

const API_CODES: Readonly<Record<number, string>> = { 400: 'bad_request', 403: 'forbidden', 405: 'method_not_allowed', 411: 'length_required', 413: 'payload_too_large', 503: 'unavailable' };

/**
 * A short page of its own for a request refused before it reaches the app, which never looks at its body; for the
 * API (/api/…) the same refusal as the API's JSON error.
 */
function refuse(req: IncomingMessage, res: ServerResponse, dev: boolean, status: number, heading: string, text: string, headers: OutgoingHttpHeaders = {}): void {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) req.socket.destroy();
  });
  if ((req.url ?? '').startsWith('/api/')) {
    const json = JSON.stringify({ error: { code: API_CODES[status] ?? 'bad_request', message: `${heading}. ${text}` } });
    res.writeHead(status, { ...headers, 'content-type': 'application/json', 'cache-control': NO_STORE, 'content-length': Buffer.byteLength(json) });
    return void res.end(json);
  }
  const body =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${heading} · Chitter</title></head><body>` +
    `<main><h1>${heading}</h1><p>${text} <a href="/">Go to Chitter</a> and try again there.</p></main></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy(newNonce(), dev),
    'cache-control': NO_STORE,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
