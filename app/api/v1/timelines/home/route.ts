import { listHomeTimeline } from '@/db/queries/timelines';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, pageResponse } from '@/lib/api/endpoint';
import { readCursor } from '@/lib/api/lookups';
import { cursorText, presentItem } from '@/lib/api/present';
import { decodeCursor } from '@/lib/cursor';

export const GET = endpoint(readingContracts.listHomeTimeline, async ({ user, query, request }) => {
  const page = await listHomeTimeline({ userId: user.id, viewerId: user.id, before: readCursor(query.before, decodeCursor), limit: query.limit });
  return pageResponse(request, { items: page.items.map(presentItem), next: cursorText(page.next) });
});
