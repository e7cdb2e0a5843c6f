import { writingContracts } from '@/lib/api/contracts/writing';
import { endpoint, noContent } from '@/lib/api/endpoint';
import { markNotificationsRead } from '@/lib/interactions';

export const POST = endpoint(writingContracts.markNotificationsRead, async ({ user, body: { upTo }, limit }) => {
  await markNotificationsRead({ userId: user.id, upTo });
  return noContent(limit);
});
