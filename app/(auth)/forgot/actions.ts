'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { isDatabaseUnavailable } from '@/db/errors';
import { clientIpFrom } from '@/lib/client-ip';
import { refuse, type FormState } from '@/lib/form-state';
import { requestPasswordReset, resetPassword } from '@/lib/password-reset';
import { takePasswordIpAttempt } from '@/lib/rate-limit';
import { fieldErrorsOf, forgotPasswordSchema, formValues, resetPasswordSchema } from '@/lib/validation';

const UNAVAILABLE = 'Chitter can’t reach its database just now; please try again in a few seconds.';

const minutes = (seconds: number) => {
  const n = Math.max(1, Math.ceil(seconds / 60));
  return `${n} minute${n === 1 ? '' : 's'}`;
};

/**
 * "Forgot your password?" Anyone may ask, logged in or not. Every answer but the per-address limit is the same page,
 * whether or not the account exists, has a proven address or has had its links for the hour.
 */
export async function forgotPassword(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = formValues(form, ['identifier']);
  const values = { identifier: raw.identifier };
  const parsed = forgotPasswordSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
  try {
    const result = await requestPasswordReset({ identifier: parsed.data.identifier, ip: clientIpFrom(await headers()) });
    if (!result.ok) return refuse(429, { message: `Too many requests, try again in ${minutes(result.retryAfterSeconds)}.`, values });
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: UNAVAILABLE, values });
  }
  redirect('/forgot?sent=1');
}

/**
 * The reset link's form: the signed token is the authority, no log-in needed. Success ends every session, this
 * browser's too, so the person logs in again with the new password; a link that cannot be followed any more sends
 * them back to its page, which says why.
 */
export async function resetPasswordWithLink(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = formValues(form, ['token', 'password']);
  const parsed = resetPasswordSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    if (fieldErrors.token) redirect('/reset/invalid');
    return refuse(400, { fieldErrors });
  }
  const { token, password } = parsed.data;
  let done: boolean;
  try {
    const limit = await takePasswordIpAttempt('reset', clientIpFrom(await headers()));
    if (limit.limited) return refuse(429, { message: `Too many requests, try again in ${minutes(limit.retryAfterSeconds)}.` });
    done = (await resetPassword({ token, password })).ok;
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: UNAVAILABLE });
  }
  redirect(done ? '/login?reset=1' : `/reset/${encodeURIComponent(token)}`);
}
