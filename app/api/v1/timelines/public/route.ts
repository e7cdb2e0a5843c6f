import { listPublicTimeline } from '@/db/queries/timelines';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, pageResponse } from '@/lib/api/endpoint';
import { readCursor } from '@/lib/api/lookups';
import { cursorText, presentItem } from '@/lib/api/present';
import { decodeCursor } from '@/lib/cursor';

export const GET = endpoint(readingContracts.listPublicTimeline, async ({ user, query, request }) => {
  const page = await listPublicTimeline({ before: readCursor(query.before, decodeCursor), limit: query.limit, viewerId: user?.id });
  return pageResponse(request, { items: page.items.map(presentItem), next: cursorText(page.next) });
});
