import { searchPeeps } from '@/db/queries/peep-search';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, pageResponse } from '@/lib/api/endpoint';
import { readCursor, readSearch } from '@/lib/api/lookups';
import { cursorText, presentPeep } from '@/lib/api/present';
import { decodeCursor } from '@/lib/cursor';

export const GET = endpoint(readingContracts.searchPeeps, async ({ user, query, request }) => {
  const before = readCursor(query.before, decodeCursor);
  const page = await searchPeeps({ query: readSearch(query.q), viewerId: user?.id, before, limit: query.limit });
  return pageResponse(request, { items: page.peeps.map(presentPeep), next: cursorText(page.next) });
});
