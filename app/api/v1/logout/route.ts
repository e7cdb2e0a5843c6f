import { revokeToken, sessionKeyOf } from '@/db/queries/sessions';
import { accountContracts } from '@/lib/api/contracts/account';
import { endpoint, noContent } from '@/lib/api/endpoint';

export const POST = endpoint(accountContracts.logOut, async ({ user, sessionId }) => {
  await revokeToken({ userId: user.id, key: sessionKeyOf(sessionId) });
  return noContent();
});
