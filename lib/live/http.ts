import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBearer } from '@/auth/api-token';
import { readViewer } from '@/auth/current-user';
import { isDatabaseUnavailable } from '@/db/errors';
import { findProfile } from '@/db/queries/people';
import { lastEventId, streamContracts } from '@/lib/api/contracts/stream';
import { clientIpFrom } from '@/lib/client-ip';
import { HANDLE } from '@/lib/validation';
import { openLiveStream, type LiveScope } from './streams';
import { log } from '@/lib/log';

const query = z.object({
  // everyone, following, u:<handle> (a profile) or p:<id> (one peep's page)
  stream: z.union([z.enum(['everyone', 'following']), z.string().max(40).regex(/^u:/), z.string().max(40).regex(/^p:\d{1,16}$/)]),
  after: lastEventId.optional(),
});

/** A refusal, in the API's error shape (the web's page reads only the status). */
type Refusal = { status: number; code: string; message: string; headers?: Record<string, string> };
/** What a request asks to follow, as whom, and from which event on. */
type Opening = { scope: LiveScope; viewerId: number | null; sessionId: string | null; afterId: number | null };

function refuse(res: ServerResponse, { status, code, message, headers = {} }: Refusal): void {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

const UNAVAILABLE: Refusal = { status: 503, code: 'unavailable', message: 'Chitter can’t reach its database just now.', headers: { 'retry-after': '5' } };

/**
 * GET /api/live: Server-Sent Events of the changes an open page shows (new peeps and reposts, deletions, people
 * coming online), as ids the page re-renders from; never what the viewer may not see. `after` (or a reconnect's
 * Last-Event-ID) replays what was missed. Chitter's server hands these requests here before Next.js, so an open page
 * holds a socket and a few kilobytes rather than a route handler's request, response and stream pipeline.
 */
export async function serveLive(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (pathOf(req) === '/api/v1/stream') return serveStream(req, res, openApiStream);
  return serveStream(req, res, openPageStream);
}

/** The web page's stream: whoever the session cookie names. */
async function openPageStream(params: URLSearchParams, req: IncomingMessage): Promise<Opening | Refusal> {
  const parsed = query.safeParse({ stream: params.get('stream') ?? '', after: params.get('after') ?? undefined });
  if (!parsed.success) return { status: 400, code: 'bad_request', message: 'Name a stream: everyone, following, u:<handle> or p:<id>.' };
  const viewer = await readViewer(header(req, 'cookie') ?? '');
  if (viewer.kind === 'unknown') return UNAVAILABLE;
  const viewerId = viewer.kind === 'user' ? viewer.user.id : null;
  const scope = await scopeOf(parsed.data.stream, viewerId);
  if (scope === 'login') return { status: 401, code: 'unauthorized', message: 'Log in to follow your Following tab live.' };
  if (!scope) return { status: 404, code: 'not_found', message: 'There is no such page to follow.' };
  return { scope, viewerId, sessionId: viewer.kind === 'user' ? viewer.sessionId : null, afterId: afterOf(req) ?? parsed.data.after ?? null };
}

/**
 * GET /api/v1/stream: the same events for the API, as whoever the bearer token names and never a cookie. The token's
 * session id goes with the stream, so revoking the token (or anything that ends its sessions) closes it.
 */
async function openApiStream(params: URLSearchParams, req: IncomingMessage): Promise<Opening | Refusal> {
  const { query: timelineQuery } = streamContracts.stream;
  const parsed = params.getAll('timeline').length === 1 ? timelineQuery.safeParse({ timeline: params.get('timeline') }) : null;
  if (!parsed?.success) return { status: 400, code: 'bad_request', message: 'Name one timeline: public, home or user:HANDLE.' };
  const bearer = await readBearer(header(req, 'authorization'));
  if (bearer.kind === 'invalid') return { status: 401, code: 'unauthorized', message: 'That token is not valid: it was revoked, expired or mistyped. Log in again.', headers: { 'www-authenticate': 'Bearer error="invalid_token"' } };
  const viewerId = bearer.kind === 'user' ? bearer.user.id : null;
  const { timeline } = parsed.data;
  const scope = await scopeOf(timeline === 'public' ? 'everyone' : timeline === 'home' ? 'following' : `u:${timeline.slice(5)}`, viewerId);
  if (scope === 'login') return { status: 401, code: 'unauthorized', message: 'The home timeline needs a token: Authorization: Bearer <token>.', headers: { 'www-authenticate': 'Bearer' } };
  if (!scope) return { status: 404, code: 'not_found', message: 'There is nobody with that username.' };
  return { scope, viewerId, sessionId: bearer.kind === 'user' ? bearer.sessionId : null, afterId: afterOf(req) };
}

async function serveStream(req: IncomingMessage, res: ServerResponse, open: (params: URLSearchParams, req: IncomingMessage) => Promise<Opening | Refusal>): Promise<void> {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, { status: 405, code: 'method_not_allowed', message: 'Live updates are read with GET.', headers: { allow: 'GET, HEAD' } });
    const opening = await open(new URL(req.url ?? '/', 'http://chitter.invalid').searchParams, req);
    if (!('scope' in opening)) return refuse(res, opening);
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end();
    }
    const opened = await openLiveStream(res, { ...opening, address: clientIpFrom({ get: (name) => header(req, name) }) });
    if (!opened.ok) refuse(res, { status: opened.status, code: 'rate_limited', message: opened.message, headers: { 'retry-after': '30' } });
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    if (isDatabaseUnavailable(err)) return refuse(res, UNAVAILABLE);
    log.error({ err }, 'A live stream could not be opened');
    refuse(res, { status: 500, code: 'internal', message: 'Live updates are not available just now.' });
  }
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?', 1)[0];
}

/** A reconnecting client's Last-Event-ID, when it is one. */
function afterOf(req: IncomingMessage): number | null {
  const parsed = lastEventId.safeParse(header(req, 'last-event-id') ?? undefined);
  return parsed.success ? parsed.data : null;
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}

async function scopeOf(stream: string, viewerId: number | null): Promise<LiveScope | 'login' | null> {
  if (stream === 'everyone') return { kind: 'everyone', viewerId };
  if (stream === 'following') return viewerId === null ? 'login' : { kind: 'following', viewerId };
  if (stream.startsWith('p:')) return { kind: 'peep', peepId: Number(stream.slice(2)) };
  const handle = stream.slice(2);
  if (!HANDLE.test(handle)) return null;
  const profile = await findProfile({ username: handle });
  return profile ? { kind: 'profile', userId: profile.id } : null;
}
