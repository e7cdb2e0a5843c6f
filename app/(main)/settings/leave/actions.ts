'use server';

import { redirect } from 'next/navigation';
import { signOut } from '@/auth';
import { getViewer } from '@/auth/current-user';
import { confirmPassword } from '@/auth/confirm-password';
import { isDatabaseUnavailable } from '@/db/errors';
import { deleteAccount as deleteAccountRows } from '@/db/queries/accounts';
import { deleteAccountSchema } from '@/lib/account-validation';
import { refuse, type FormState } from '@/lib/form-state';
import { pagesChanged } from '@/lib/page-version';
import { retryMessage, takeWriteAttempt, waitMessage } from '@/lib/rate-limit';
import { fieldErrorsOf, formValues } from '@/lib/validation';

const UNAVAILABLE = 'Chitter can’t reach its database just now; nothing was deleted. Please try again in a few seconds.';

export async function deleteAccount(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = formValues(form, ['password', 'confirm']);
  try {
    const viewer = await getViewer();
    if (viewer.kind === 'unknown') return refuse(503, { message: UNAVAILABLE });
    if (viewer.kind === 'anonymous') redirect('/login?next=/settings/leave');
    const userId = viewer.user.id;
    const parsed = deleteAccountSchema.safeParse({ password: raw.password, confirm: raw.confirm || undefined });
    if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error) });
    const limit = await takeWriteAttempt('settings', userId);
    if (limit.limited) return refuse(429, { message: `You’ve changed your settings a lot lately. ${waitMessage(limit.retryAfterSeconds)}` });
    const confirmed = await confirmPassword({ userId, password: parsed.data.password });
    if (!confirmed.ok) {
      return confirmed.reason === 'limited'
        ? refuse(429, { fieldErrors: { password: retryMessage(confirmed.retryAfterSeconds) } })
        : refuse(401, { fieldErrors: { password: 'That is not your password' } });
    }
    await deleteAccountRows({ userId });
    // Their profile, peeps, reposts and follower counts leave every page.
    await pagesChanged();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: UNAVAILABLE });
  }
  // The session row went with the account; this also clears the cookie.
  await signOut({ redirectTo: '/goodbye' });
  return {};
}
