import { issueApiToken } from '@/auth/api-token';
import { accountContracts } from '@/lib/api/contracts/account';
import { ApiError, endpoint, json, rateLimited } from '@/lib/api/endpoint';
import { retryMessage } from '@/lib/rate-limit';
import { signUpFrom } from '@/lib/sign-up';

export const POST = endpoint(accountContracts.signUp, async ({ body: { tokenName, ...input }, ip, request }) => {
  const result = await signUpFrom({ input, ip });
  if (!result.ok && 'limited' in result) throw rateLimited(result.retryAfterSeconds, retryMessage(result.retryAfterSeconds));
  if (!result.ok) throw new ApiError(409, 'conflict', 'That username is taken.', result.fieldErrors);
  // A new account holds no tokens, so the cap cannot refuse this one.
  const token = await issueApiToken({ userId: result.user.id, name: tokenName ?? 'API', userAgent: request.headers.get('user-agent') });
  return json(201, { token, user: { username: result.user.username, name: result.user.name } });
});
