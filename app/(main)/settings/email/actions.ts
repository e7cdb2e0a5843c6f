'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getViewer } from '@/auth/current-user';
import { cancelEmailChange } from '@/db/queries/email-changes';
import { isDatabaseUnavailable } from '@/db/errors';
import { clientIpFrom } from '@/lib/client-ip';
import { requestEmailChange } from '@/lib/email-change';
import { refuse, type FormState } from '@/lib/form-state';
import { pagesChanged } from '@/lib/page-version';
import { takeWriteAttempt, waitMessage } from '@/lib/rate-limit';
import { emailChangeSchema, fieldErrorsOf, formValues } from '@/lib/validation';
import { refuseWithNotice, setResponseStatus } from '@/server/context';

const UNAVAILABLE = 'Chitter can’t reach its database just now; please try again in a few seconds.';
const HERE = '/settings/email';

/** The change-address form: the new address and the current password, never the password back. */
export async function changeEmail(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = formValues(form, ['email', 'password']);
  const values = { email: raw.email.slice(0, 320) };
  let outcome: 'pending' | 'replaced';
  try {
    const viewer = await getViewer();
    if (viewer.kind === 'unknown') return refuse(503, { message: UNAVAILABLE, values });
    if (viewer.kind === 'anonymous') {
      if (!(await headers()).has('next-action')) redirect(`/login?next=${HERE}`);
      return { message: 'You were logged out. Log in again to change your address.', values, logIn: `/login?next=${HERE}` };
    }
    const parsed = emailChangeSchema.safeParse(raw);
    if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
    const result = await requestEmailChange({ userId: viewer.user.id, ip: clientIpFrom(await headers()), ...parsed.data });
    if (!result.ok) return refuse(result.status, { fieldErrors: result.fieldErrors, message: result.message, values });
    outcome = result.outcome;
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: UNAVAILABLE, values });
  }
  // An address never proven is replaced at once, and the banner asking to confirm it names the address.
  if (outcome === 'replaced') {
    await pagesChanged();
    revalidatePath('/', 'layout');
  }
  revalidatePath(HERE);
  redirect(`${HERE}?${outcome === 'replaced' ? 'replaced' : 'sent'}=1`);
}

/** Cancel on a pending change: its link stops working. */
export async function cancelChange(): Promise<void> {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return setResponseStatus(503);
  if (viewer.kind === 'anonymous') redirect(`/login?next=${HERE}`);
  const limit = await takeWriteAttempt('settings', viewer.user.id);
  if (limit.limited) {
    refuseWithNotice(429, `You’ve changed your settings a lot lately. ${waitMessage(limit.retryAfterSeconds)}`);
    revalidatePath(HERE);
    return;
  }
  await cancelEmailChange({ userId: viewer.user.id });
  revalidatePath(HERE);
  redirect(`${HERE}?cancelled=1`);
}
