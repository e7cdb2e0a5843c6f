import { listProfileTimeline } from '@/db/queries/timelines';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, pageResponse } from '@/lib/api/endpoint';
import { findProfileOrMove, readCursor, refuseIfBlocked } from '@/lib/api/lookups';
import { cursorText, presentItem } from '@/lib/api/present';
import { decodeCursor } from '@/lib/cursor';

export const GET = endpoint(readingContracts.listUserPeeps, async ({ user, params, query, request }) => {
  const before = readCursor(query.before, decodeCursor);
  const profile = await findProfileOrMove({ username: params.username, viewer: user, request });
  if (profile instanceof Response) return profile;
  refuseIfBlocked(profile);
  const page = await listProfileTimeline({ userId: profile.id, viewerId: user?.id, before, limit: query.limit });
  return pageResponse(request, { items: page.items.map(presentItem), next: cursorText(page.next) });
});
