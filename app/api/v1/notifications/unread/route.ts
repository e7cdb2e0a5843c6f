import { countUnreadNotifications } from '@/db/queries/notifications';
import { readingContracts } from '@/lib/api/contracts/reading';
import { endpoint, json } from '@/lib/api/endpoint';

export const GET = endpoint(readingContracts.countUnreadNotifications, async ({ user }) => json(200, { count: await countUnreadNotifications({ userId: user.id }) }));
