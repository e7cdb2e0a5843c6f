import 'server-only';
import { listFollowPeople } from '@/db/queries/follows';
import { findRenamedHandle } from '@/db/queries/handles';
import { findProfile, type Profile } from '@/db/queries/people';
import type { PeepView } from '@/db/queries/timelines';
import { parseSearchQuery } from '@/lib/search-query';
import { blockReason, findShownPeep } from '@/lib/shown-peep';
import { decodeCursor } from '@/lib/cursor';
import type { readingContracts } from './contracts/reading';
import { ApiError, notFound, pageResponse, type ApiInput } from './endpoint';
import { cursorText, presentPerson } from './present';
import { API_PREFIX } from './contract';

type Viewer = { id: number; username: string } | null;

const BAD_CURSOR = 'That cursor was not made by Chitter: send back a `next` exactly as it came.';

/** A `before` the API handed out as `next`, decoded; one it did not make is a 400 before the database is asked. */
export function readCursor<T>(raw: string | undefined, decode: (raw: string) => T | null): T | undefined {
  if (raw === undefined) return undefined;
  const cursor = decode(raw);
  if (cursor === null) throw new ApiError(400, 'bad_request', 'The query is not valid.', { before: BAD_CURSOR });
  return cursor;
}

/**
 * The person with this handle, or, for a handle given up by a rename in the last 30 days, a 307 to the same address
 * under their handle now (temporary: the old handle is free for anyone after that, as the web's redirect is).
 */
export async function findProfileOrMove({ username, viewer, request }: { username: string; viewer: Viewer; request: Request }): Promise<Profile | Response> {
  const profile = await findProfile({ username, viewerId: viewer?.id });
  if (profile) return profile;
  const renamedTo = await findRenamedHandle({ handle: username });
  if (!renamedTo) throw notFound(`Nobody on Chitter is called @${username}.`);
  const url = new URL(request.url);
  const prefix = `${API_PREFIX}/users/`;
  const rest = url.pathname.slice(prefix.length).replace(/^[^/]*/, '');
  const location = `${prefix}${renamedTo}${rest}${url.search}`;
  return Response.json(
    { error: { code: 'moved', message: `@${username} is now @${renamedTo}.` } },
    { status: 307, headers: { location, 'cache-control': 'no-store' } },
  );
}

/** A peep the viewer may see: 404 for none, 403 (saying why) when a block between them and its author hides it. */
export async function findVisiblePeep({ id, viewer }: { id: string; viewer: Viewer }): Promise<PeepView> {
  const { peep, block } = await findShownPeep({ id: Number(id), viewer });
  if (!peep) throw notFound('There is no peep with that id; it may have been deleted.');
  if (block) throw new ApiError(403, 'forbidden', blockReason(peep.author.username, block));
  return peep;
}

/** 403 when a block stands between the viewer and the person, whose peeps it hides. */
export function refuseIfBlocked(profile: Profile): void {
  if (profile.blockedByViewer || profile.blocksViewer) {
    throw new ApiError(403, 'forbidden', blockReason(profile.username, { blockedByViewer: profile.blockedByViewer, blocksViewer: profile.blocksViewer }));
  }
}

/** The `q` of a search, read as the web's search box reads it; empty or too long is a 400 on `q`. */
export function readSearch(q: string): string {
  const parsed = parseSearchQuery(q);
  if (!parsed.ok) throw new ApiError(400, 'bad_request', 'The query is not valid.', { q: parsed.message ?? 'Say what to search for.' });
  return parsed.query;
}

/** The handler of a person's followers or following: one list read two ways. */
export function readFollowList(direction: 'followers' | 'following') {
  return async ({ user, params, query, request }: ApiInput<(typeof readingContracts)['listFollowers' | 'listFollowing']>): Promise<Response> => {
    const before = readCursor(query.before, decodeCursor);
    const profile = await findProfileOrMove({ username: params.username, viewer: user, request });
    if (profile instanceof Response) return profile;
    const page = await listFollowPeople({ userId: profile.id, direction, viewerId: user?.id, before, limit: query.limit });
    return pageResponse(request, { items: page.people.map(presentPerson), next: cursorText(page.next) });
  };
}
