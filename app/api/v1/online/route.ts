import { listOnline } from '@/db/queries/people';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, json } from '@/lib/api/endpoint';
import { presentAuthor } from '@/lib/api/present';

export const GET = endpoint(readingContracts.listOnline, async () => {
  const { count, people } = await listOnline();
  return json(200, { count, people: people.map(presentAuthor) });
});
