'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getViewer } from '@/auth/current-user';
import { confirmPassword } from '@/auth/confirm-password';
import { isDatabaseUnavailable } from '@/db/errors';
import { changeUsername } from '@/db/queries/handles';
import { changeHandleSchema } from '@/lib/account-validation';
import { refuse, type FormState } from '@/lib/form-state';
import { pagesChanged } from '@/lib/page-version';
import { retryMessage, takeWriteAttempt, waitMessage } from '@/lib/rate-limit';
import { fieldErrorsOf, formValues } from '@/lib/validation';
import { formatDay } from './format-day';

const UNAVAILABLE = 'Chitter can’t reach its database just now; please try again in a few seconds.';

export async function changeHandle(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = formValues(form, ['username', 'password']);
  const values = { username: raw.username.slice(0, 64) };
  let changed: string;
  try {
    const viewer = await getViewer();
    if (viewer.kind === 'unknown') return refuse(503, { message: UNAVAILABLE, values });
    if (viewer.kind === 'anonymous') redirect('/login?next=/settings/handle');
    const userId = viewer.user.id;
    const parsed = changeHandleSchema.safeParse(raw);
    if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
    const limit = await takeWriteAttempt('settings', userId);
    if (limit.limited) return refuse(429, { message: `You’ve changed your settings a lot lately. ${waitMessage(limit.retryAfterSeconds)}`, values });
    const confirmed = await confirmPassword({ userId, password: parsed.data.password });
    if (!confirmed.ok) {
      return confirmed.reason === 'limited'
        ? refuse(429, { fieldErrors: { password: retryMessage(confirmed.retryAfterSeconds) }, values })
        : refuse(401, { fieldErrors: { password: 'That is not your password' }, values });
    }
    const result = await changeUsername({ userId, username: parsed.data.username });
    if (!result.ok) {
      if (result.reason === 'gone') redirect('/login?next=/settings/handle');
      const message =
        result.reason === 'too_soon'
          ? `You can change your handle once a month: next on ${formatDay(result.nextChangeAt)}`
          : result.reason === 'same'
            ? 'That is already your handle'
            : 'That username is taken';
      return refuse(409, { fieldErrors: { username: message }, values });
    }
    changed = result.username;
    // Every page that names the person shows the new handle, and the old one now redirects.
    await pagesChanged();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: UNAVAILABLE, values });
  }
  revalidatePath('/', 'layout');
  redirect(`/settings/handle?changed=${encodeURIComponent(changed)}`);
}
