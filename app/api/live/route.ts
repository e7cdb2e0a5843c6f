import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getViewer } from '@/auth/current-user';
import { isDatabaseUnavailable } from '@/db/errors';
import { findProfile } from '@/db/queries/people';
import { clientIpFrom } from '@/lib/client-ip';
import { openLiveStream, type LiveScope } from '@/lib/live/streams';
import { HANDLE } from '@/lib/validation';

const eventId = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const query = z.object({
  // everyone, following, u:<handle> (a profile) or p:<id> (one peep's page)
  stream: z.union([z.enum(['everyone', 'following']), z.string().max(40).regex(/^u:/), z.string().max(40).regex(/^p:\d{1,16}$/)]),
  after: eventId.optional(),
});

const refuse = (status: number, message: string) => NextResponse.json({ error: { message } }, { status, headers: { 'cache-control': 'no-store' } });

/**
 * Server-Sent Events: the changes an open page shows (new peeps and reposts, deletions, people coming online), as
 * ids the page re-renders from; never what the viewer may not see. `after` (or a reconnect's Last-Event-ID) replays
 * what was missed.
 */
export async function GET(request: NextRequest) {
  const parsed = query.safeParse({ stream: request.nextUrl.searchParams.get('stream') ?? '', after: request.nextUrl.searchParams.get('after') ?? undefined });
  if (!parsed.success) return refuse(400, 'Name a stream: everyone, following, u:<handle> or p:<id>.');
  const lastEventId = eventId.safeParse(request.headers.get('last-event-id') ?? undefined);
  try {
    const viewer = await getViewer();
    if (viewer.kind === 'unknown') return refuse(503, 'Chitter can’t reach its database just now.');
    const scope = await scopeOf(parsed.data.stream, viewer.kind === 'user' ? viewer.user.id : null);
    if (scope === 'login') return refuse(401, 'Log in to follow your Following tab live.');
    if (!scope) return refuse(404, 'There is no such page to follow.');
    const opened = await openLiveStream({
      scope,
      sessionId: viewer.kind === 'user' ? viewer.sessionId : null,
      address: clientIpFrom(request.headers),
      afterId: lastEventId.success ? lastEventId.data : (parsed.data.after ?? null),
      signal: request.signal,
    });
    return opened.ok ? opened.response : refuse(opened.status, opened.message);
  } catch (err) {
    if (isDatabaseUnavailable(err)) return refuse(503, 'Chitter can’t reach its database just now.');
    throw err;
  }
}

async function scopeOf(stream: string, viewerId: number | null): Promise<LiveScope | 'login' | null> {
  if (stream === 'everyone') return { kind: 'everyone' };
  if (stream === 'following') return viewerId === null ? 'login' : { kind: 'following', viewerId };
  if (stream.startsWith('p:')) return { kind: 'peep', peepId: Number(stream.slice(2)) };
  const handle = stream.slice(2);
  if (!HANDLE.test(handle)) return null;
  const profile = await findProfile({ username: handle });
  return profile ? { kind: 'profile', userId: profile.id } : null;
}
