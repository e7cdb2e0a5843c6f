import 'server-only';
import { createUser, DuplicateAccountError, isUsernameTaken, type PublicUser } from '@/db/queries/users';
import { hashPassword } from '@/auth/password';
import { newAddressMail } from './email-verification';
import { pagesChanged } from './page-version';
import { takeIpAttempt } from './rate-limit';
import type { SignUpInput } from './validation';

const TAKEN = 'That username is taken';

export type SignUpResult = { ok: true; user: PublicUser } | { ok: false; fieldErrors: Partial<Record<'username', string>> };

/**
 * Creates an account from checked input, with its address unproven and a mail to that address queued. Only a
 * taken username is refused: an address already in use signs up exactly like a new one, so sign-up never tells
 * anyone whether an address has an account (the address itself gets a notice instead of a link if it is proven).
 */
export async function registerUser(input: SignUpInput): Promise<SignUpResult> {
  if (await isUsernameTaken(input)) return { ok: false, fieldErrors: { username: TAKEN } };
  try {
    const user = await createUser({
      email: input.email,
      username: input.username,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      mail: newAddressMail(),
    });
    return { ok: true, user };
  } catch (err) {
    // Someone took the name between the check and the insert: the unique index decided.
    if (err instanceof DuplicateAccountError) return { ok: false, fieldErrors: { username: TAKEN } };
    throw err;
  }
}

/**
 * Sign-up as the web form and the API both take it: counted against the address's limit, then registered, and the
 * pages that list people refreshed so the new person can be found by search at once.
 */
export async function signUpFrom({ input, ip }: { input: SignUpInput; ip: string }): Promise<SignUpResult | { ok: false; limited: true; retryAfterSeconds: number }> {
  const limit = await takeIpAttempt('signUp', ip);
  if (limit.limited) return { ok: false, limited: true, retryAfterSeconds: limit.retryAfterSeconds };
  const result = await registerUser(input);
  if (result.ok) await pagesChanged();
  return result;
}
