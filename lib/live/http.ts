import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readViewer } from '@/auth/current-user';
import { isDatabaseUnavailable } from '@/db/errors';
import { findProfile } from '@/db/queries/people';
import { clientIpFrom } from '@/lib/client-ip';
import { HANDLE } from '@/lib/validation';
import { openLiveStream, type LiveScope } from './streams';
import { log } from '@/lib/log';

const eventId = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const query = z.object({
  // everyone, following, u:<handle> (a profile) or p:<id> (one peep's page)
  stream: z.union([z.enum(['everyone', 'following']), z.string().max(40).regex(/^u:/), z.string().max(40).regex(/^p:\d{1,16}$/)]),
  after: eventId.optional(),
});

function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: { message } });
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

const UNAVAILABLE = 'Chitter can’t reach its database just now.';

/**
 * GET /api/live: Server-Sent Events of the changes an open page shows (new peeps and reposts, deletions, people
 * coming online), as ids the page re-renders from; never what the viewer may not see. `after` (or a reconnect's
 * Last-Event-ID) replays what was missed. Chitter's server hands these requests here before Next.js, so an open page
 * holds a socket and a few kilobytes rather than a route handler's request, response and stream pipeline.
 */
export async function serveLive(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Live updates are read with GET.', { allow: 'GET, HEAD' });
    const params = new URL(req.url ?? '/', 'http://chitter.invalid').searchParams;
    const parsed = query.safeParse({ stream: params.get('stream') ?? '', after: params.get('after') ?? undefined });
    if (!parsed.success) return refuse(res, 400, 'Name a stream: everyone, following, u:<handle> or p:<id>.');
    const lastEventId = eventId.safeParse(header(req, 'last-event-id') ?? undefined);
    const viewer = await readViewer(header(req, 'cookie') ?? '');
    if (viewer.kind === 'unknown') return refuse(res, 503, UNAVAILABLE);
    const scope = await scopeOf(parsed.data.stream, viewer.kind === 'user' ? viewer.user.id : null);
    if (scope === 'login') return refuse(res, 401, 'Log in to follow your Following tab live.');
    if (!scope) return refuse(res, 404, 'There is no such page to follow.');
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end();
    }
    const opened = await openLiveStream(res, {
      scope,
      viewerId: viewer.kind === 'user' ? viewer.user.id : null,
      sessionId: viewer.kind === 'user' ? viewer.sessionId : null,
      address: clientIpFrom({ get: (name) => header(req, name) }),
      afterId: lastEventId.success ? lastEventId.data : (parsed.data.after ?? null),
    });
    if (!opened.ok) refuse(res, opened.status, opened.message);
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    if (isDatabaseUnavailable(err)) return refuse(res, 503, UNAVAILABLE);
    log.error({ err }, 'A live stream could not be opened');
    refuse(res, 500, 'Live updates are not available just now.');
  }
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
