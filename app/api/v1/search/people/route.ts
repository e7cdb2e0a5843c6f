import { searchPeople } from '@/db/queries/people';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, pageResponse } from '@/lib/api/endpoint';
import { readCursor, readSearch } from '@/lib/api/lookups';
import { presentPerson } from '@/lib/api/present';
import { decodePeopleCursor, encodePeopleCursor } from '@/lib/search-query';

export const GET = endpoint(readingContracts.searchPeople, async ({ user, query, request }) => {
  const after = readCursor(query.before, decodePeopleCursor);
  const page = await searchPeople({ query: readSearch(query.q), viewerId: user?.id, after, limit: query.limit });
  return pageResponse(request, { items: page.people.map(presentPerson), next: page.next && encodePeopleCursor(page.next) });
});
