import { listNotifications } from '@/db/queries/notifications';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, pageResponse } from '@/lib/api/endpoint';
import { readCursor } from '@/lib/api/lookups';
import { presentNotification } from '@/lib/api/present';
import { decodeIdCursor } from '@/lib/cursor';

export const GET = endpoint(readingContracts.listNotifications, async ({ user, query, request }) => {
  const page = await listNotifications({ userId: user.id, before: readCursor(query.before, decodeIdCursor), limit: query.limit });
  return pageResponse(request, { items: page.rows.map((n) => presentNotification(n, page.seenId)), next: page.next === null ? null : String(page.next) });
});
