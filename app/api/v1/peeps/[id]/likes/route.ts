import { listLikers } from '@/db/queries/likes';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, pageResponse } from '@/lib/api/endpoint';
import { findVisiblePeep, readCursor } from '@/lib/api/lookups';
import { cursorText, presentPerson } from '@/lib/api/present';
import { decodeCursor } from '@/lib/cursor';

export const GET = endpoint(readingContracts.listLikes, async ({ user, params, query, request }) => {
  const before = readCursor(query.before, decodeCursor);
  const peep = await findVisiblePeep({ id: params.id, viewer: user });
  const page = await listLikers({ peepId: peep.id, viewerId: user?.id, before, limit: query.limit });
  return pageResponse(request, { items: page.people.map(presentPerson), next: cursorText(page.next) });
});
