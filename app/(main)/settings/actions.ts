'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { setEmailSetting } from '@/db/queries/users';
import { changeSettings } from '@/lib/interactions';
import { getViewer } from '@/auth/current-user';
import { refuseWithNotice, setResponseStatus } from '@/server/context';
import { takeWriteAttempt, waitMessage } from '@/lib/rate-limit';
import { verifyUnsubscribeToken } from '@/lib/unsubscribe-token';

const checkbox = z.enum(['on']).optional();
const settingsFormSchema = z.object({ mentionEmails: checkbox, replyEmails: checkbox, showOnline: checkbox });

export async function saveSettings(form: FormData): Promise<void> {
  const viewer = await getViewer();
  // The session cannot be checked (the database is down): a 503, and the settings page re-rendered says why.
  if (viewer.kind === 'unknown') return setResponseStatus(503);
  if (viewer.kind === 'anonymous') redirect('/login?next=/settings');
  const { user } = viewer;
  const limit = await takeWriteAttempt('settings', user.id);
  if (limit.limited) {
    refuseWithNotice(429, `You’ve changed your settings a lot lately. ${waitMessage(limit.retryAfterSeconds)}`);
    revalidatePath('/settings');
    return;
  }
  const parsed = settingsFormSchema.safeParse({ mentionEmails: form.get('mentionEmails') ?? undefined, replyEmails: form.get('replyEmails') ?? undefined, showOnline: form.get('showOnline') ?? undefined });
  if (!parsed.success) redirect('/settings');
  const { mentionEmails, replyEmails, showOnline } = parsed.data;
  await changeSettings({ userId: user.id, mentionEmails: mentionEmails === 'on', replyEmails: replyEmails === 'on', hideOnline: showOnline !== 'on' });
  revalidatePath('/settings');
  redirect('/settings?saved=1');
}

/** The confirm button on an unsubscribe page: the signed token is the authority, no log-in needed. */
export async function unsubscribe(form: FormData): Promise<void> {
  const token = String(form.get('token') ?? '');
  const verified = verifyUnsubscribeToken(token);
  if (!verified) redirect(`/unsubscribe/${encodeURIComponent(token) || 'invalid'}`);
  await setEmailSetting({ ...verified, enabled: false });
  redirect(`/unsubscribe/${token}?done=1`);
}
