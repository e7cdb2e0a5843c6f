import { listFollowPeople } from '@/db/queries/follows';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, pageResponse } from '@/lib/api/endpoint';
import { findProfileOrMove, readCursor } from '@/lib/api/lookups';
import { cursorText, presentPerson } from '@/lib/api/present';
import { decodeCursor } from '@/lib/cursor';

export const GET = endpoint(readingContracts.listFollowing, async ({ user, params, query, request }) => {
  const before = readCursor(query.before, decodeCursor);
  const profile = await findProfileOrMove({ username: params.username, viewer: user, request });
  if (profile instanceof Response) return profile;
  const page = await listFollowPeople({ userId: profile.id, direction: 'following', viewerId: user?.id, before, limit: query.limit });
  return pageResponse(request, { items: page.people.map(presentPerson), next: cursorText(page.next) });
});
