'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { RateLimitedLogIn, signIn, signOut, UnavailableLogIn } from '@/auth';
import { LOG_IN_MISMATCH } from '@/auth/log-in';
import { isDatabaseUnavailable } from '@/db/errors';
import { clientIpFrom } from '@/lib/client-ip';
import { refuse, type FormState } from '@/lib/form-state';
import { retryMessage } from '@/lib/rate-limit';
import { safeLocalPath } from '@/lib/safe-path';
import { signUpFrom } from '@/lib/sign-up';
import { fieldErrorsOf, formValues, logInSchema, signUpSchema } from '@/lib/validation';

const UNAVAILABLE = 'Chitter can’t reach its database just now; please try again in a few seconds.';

export async function signUp(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = formValues(form, ['email', 'password', 'name', 'username']);
  const values = { email: raw.email, name: raw.name, username: raw.username };
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error), values });

  try {
    const result = await signUpFrom({ input: parsed.data, ip: clientIpFrom(await headers()) });
    if (!result.ok && 'limited' in result) return refuse(429, { message: retryMessage(result.retryAfterSeconds), values });
    if (!result.ok) return refuse(409, { fieldErrors: result.fieldErrors, values });
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: UNAVAILABLE, values });
  }
  return logInAfterSignUp(parsed.data.username, parsed.data.password, values);
}

async function logInAfterSignUp(identifier: string, password: string, values: Record<string, string>): Promise<FormState> {
  try {
    await signIn('credentials', { identifier, password, redirect: false });
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    return refuse(err instanceof RateLimitedLogIn ? 429 : err instanceof UnavailableLogIn ? 503 : 500, { message: 'Your account is ready, but we could not log you in. Please log in.', values });
  }
  redirect('/following');
}

export async function logIn(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = formValues(form, ['identifier', 'password']);
  const values = { identifier: raw.identifier };
  const parsed = logInSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
  try {
    await signIn('credentials', { ...parsed.data, redirect: false });
  } catch (err) {
    if (err instanceof RateLimitedLogIn) return refuse(429, { message: retryMessage(err.retryAfterSeconds), values });
    if (err instanceof UnavailableLogIn) return refuse(503, { message: UNAVAILABLE, values });
    if (err instanceof AuthError) return refuse(401, { message: LOG_IN_MISMATCH, values });
    throw err;
  }
  redirect(safeLocalPath(form.get('next'), '/following'));
}

export async function logOut(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
