import { listTagTimeline } from '@/db/queries/timelines';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, notFound, pageResponse } from '@/lib/api/endpoint';
import { readCursor } from '@/lib/api/lookups';
import { cursorText, presentItem } from '@/lib/api/present';
import { decodeCursor } from '@/lib/cursor';
import { parseTagParam } from '@/lib/hashtags';

export const GET = endpoint(readingContracts.listTagPeeps, async ({ user, params, query, request }) => {
  const parsed = parseTagParam(params.tag);
  if (!parsed) throw notFound('That is not a tag: letters, digits and underscores, up to 100.');
  const page = await listTagTimeline({ tag: parsed.tag, before: readCursor(query.before, decodeCursor), limit: query.limit, viewerId: user?.id });
  return pageResponse(request, { items: page.items.map(presentItem), next: cursorText(page.next) });
});
