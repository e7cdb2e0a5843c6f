import 'server-only';
import { cache } from 'react';
import { isDatabaseUnavailable } from '@/db/errors';
import { countUnreadNotifications } from '@/db/queries/notifications';

/** The viewer's unread count, read once per request for both the header and the side nav. */
export const readUnreadCount = cache(async (userId: number): Promise<number> => {
  try {
    return await countUnreadNotifications({ userId });
  } catch (err) {
    // The page reports an outage where its own content is; the header just shows no count.
    if (isDatabaseUnavailable(err)) return 0;
    throw err;
  }
});
