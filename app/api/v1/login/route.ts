import { issueApiToken, TOKENS_AT_MOST } from '@/auth/api-token';
import { checkLogIn, LOG_IN_MISMATCH } from '@/auth/log-in';
import { accountContracts } from '@/lib/api/contracts/account';
import { ApiError, endpoint, json, rateLimited } from '@/lib/api/endpoint';
import { retryMessage } from '@/lib/rate-limit';

export const POST = endpoint(accountContracts.logIn, async ({ body: { identifier, password, tokenName }, ip, request }) => {
  const checked = await checkLogIn({ identifier, password, ip });
  if (!checked.ok && checked.reason === 'rate_limited') throw rateLimited(checked.retryAfterSeconds, retryMessage(checked.retryAfterSeconds));
  if (!checked.ok) throw new ApiError(401, 'unauthorized', LOG_IN_MISMATCH);
  const token = await issueApiToken({ userId: checked.user.id, name: tokenName ?? 'API', userAgent: request.headers.get('user-agent') });
  if (!token) throw new ApiError(409, 'conflict', `You hold ${TOKENS_AT_MOST} tokens already; revoke some in Settings → API tokens first.`);
  return json(201, { token, user: { username: checked.user.username, name: checked.user.name } });
});
