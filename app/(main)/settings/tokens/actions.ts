'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { issueApiToken, TOKENS_AT_MOST } from '@/auth/api-token';
import { getViewer } from '@/auth/current-user';
import { isDatabaseUnavailable } from '@/db/errors';
import { revokeToken as revokeTokenRow } from '@/db/queries/sessions';
import { refuse, type FormState } from '@/lib/form-state';
import { takeWriteAttempt, waitMessage } from '@/lib/rate-limit';
import { fieldErrorsOf, formValues, tokenNameSchema } from '@/lib/validation';
import { refuseWithNotice, setResponseStatus } from '@/server/context';

const PAGE = '/settings/tokens';
const LOG_IN = `/login?next=${encodeURIComponent(PAGE)}`;
const UNAVAILABLE = 'Chitter can’t reach its database just now; please try again in a few seconds.';
const LIMITED = (seconds: number) => `You’ve changed your settings a lot lately. ${waitMessage(seconds)}`;
// A token's key is the hex SHA-256 of its session id, as listTokens gives it.
const revokeSchema = z.object({ token: z.string().regex(/^[0-9a-f]{64}$/) });
const createSchema = z.object({ name: tokenNameSchema });

/** The create form's answer: the new token itself, shown this once, or why there is none. */
export type TokenFormState = FormState & { token?: string; tokenName?: string };

/** Makes a named token for the person asking (read from the cookie); the page shows it once and never again. */
export async function createToken(_prev: TokenFormState, form: FormData): Promise<TokenFormState> {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return refuse(503, { message: UNAVAILABLE });
  if (viewer.kind === 'anonymous') return refuse(401, { message: 'You were logged out, so no token was made.', logIn: LOG_IN });
  const values = formValues(form, ['name']);
  const parsed = createSchema.safeParse(values);
  if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
  try {
    const limit = await takeWriteAttempt('settings', viewer.user.id);
    if (limit.limited) return refuse(429, { message: LIMITED(limit.retryAfterSeconds), values });
    // Made here, the token has no client yet: the device it will run on is not this browser.
    const token = await issueApiToken({ userId: viewer.user.id, name: parsed.data.name });
    if (!token) return refuse(409, { message: `You already have ${TOKENS_AT_MOST} tokens, the most an account can hold. Revoke one you no longer use first.`, values });
    revalidatePath(PAGE);
    return { token, tokenName: parsed.data.name };
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: UNAVAILABLE, values });
  }
}

/** Revokes one of the person's tokens: it is refused from its next request on, and its open live streams close. */
export async function revokeToken(form: FormData): Promise<void> {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return setResponseStatus(503);
  if (viewer.kind === 'anonymous') redirect(LOG_IN);
  const limit = await takeWriteAttempt('settings', viewer.user.id);
  if (limit.limited) return refuseOnPage(429, LIMITED(limit.retryAfterSeconds));
  const parsed = revokeSchema.safeParse({ token: form.get('token') });
  if (!parsed.success) return refuseOnPage(400, 'Choose a token from the list to revoke.');
  // Someone else's token, or one already revoked, is not among the person's own: nothing is deleted.
  if (!(await revokeTokenRow({ userId: viewer.user.id, key: parsed.data.token }))) return refuseOnPage(404, 'That token had already been revoked.');
  revalidatePath(PAGE);
  redirect(`${PAGE}?revoked=1`);
}

function refuseOnPage(status: number, notice: string): void {
  refuseWithNotice(status, notice);
  revalidatePath(PAGE);
}
