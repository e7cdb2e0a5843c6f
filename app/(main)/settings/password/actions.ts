'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getViewer } from '@/auth/current-user';
import { isDatabaseUnavailable } from '@/db/errors';
import { refuse, type FormState } from '@/lib/form-state';
import { changeOwnPassword } from '@/lib/password-reset';
import { retryMessage } from '@/lib/rate-limit';
import { changePasswordSchema, fieldErrorsOf, formValues } from '@/lib/validation';

const HERE = '/settings/password';
const LOG_IN = `/login?next=${encodeURIComponent(HERE)}`;
const UNAVAILABLE = 'Chitter can’t reach its database just now; please try again in a few seconds.';

/** Changes the logged-in person's password; this session stays logged in and every other one ends. */
export async function changePasswordInSettings(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return refuse(503, { message: UNAVAILABLE });
  if (viewer.kind === 'anonymous') return refuse(401, { message: 'You were logged out, so your password wasn’t changed.', logIn: LOG_IN });
  const parsed = changePasswordSchema.safeParse(formValues(form, ['currentPassword', 'newPassword']));
  if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error) });
  try {
    const result = await changeOwnPassword({ userId: viewer.user.id, username: viewer.user.username, sessionId: viewer.sessionId, ...parsed.data });
    if (!result.ok) {
      if (result.reason === 'limited') return refuse(429, { message: retryMessage(result.retryAfterSeconds) });
      if (result.reason === 'wrong_current') return refuse(400, { fieldErrors: { currentPassword: 'That isn’t your current password' } });
      return refuse(401, { message: 'You were logged out, so your password wasn’t changed.', logIn: LOG_IN });
    }
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: UNAVAILABLE });
  }
  revalidatePath(HERE);
  redirect(`${HERE}?changed=1`);
}
