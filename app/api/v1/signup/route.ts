import { issueApiToken } from '@/auth/api-token';
import { accountContracts } from '@/lib/api/contracts/account';
import { ApiError, endpoint, json, rateLimited } from '@/lib/api/endpoint';
import { pagesChanged } from '@/lib/page-version';
import { retryMessage, takeIpAttempt } from '@/lib/rate-limit';
import { registerUser } from '@/lib/sign-up';

export const POST = endpoint(accountContracts.signUp, async ({ body: { tokenName, ...input }, ip, request }) => {
  const limit = await takeIpAttempt('signUp', ip);
  if (limit.limited) throw rateLimited(limit.retryAfterSeconds, retryMessage(limit.retryAfterSeconds));
  const result = await registerUser(input);
  if (!result.ok) throw new ApiError(409, 'conflict', 'That username is taken.', result.fieldErrors);
  // A new person can be found by search at once.
  await pagesChanged();
  const token = await issueApiToken({ userId: result.user.id, name: tokenName ?? 'API', userAgent: request.headers.get('user-agent') });
  return json(201, { token, user: { username: result.user.username, name: result.user.name } });
});
