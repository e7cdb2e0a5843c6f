'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { saveUserSettings, setMentionEmails } from '@/db/queries/users';
import { publicStreamChanged } from '@/lib/public-stream-cache';
import { getCurrentUser } from '@/lib/session';
import { verifyUnsubscribeToken } from '@/lib/unsubscribe-token';

const checkbox = z.enum(['on']).optional();
const settingsSchema = z.object({ mentionEmails: checkbox, showOnline: checkbox });

export async function saveSettings(form: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect('/login?next=/settings');
  const parsed = settingsSchema.safeParse({ mentionEmails: form.get('mentionEmails') ?? undefined, showOnline: form.get('showOnline') ?? undefined });
  if (!parsed.success) redirect('/settings');
  await saveUserSettings({ userId: user.id, mentionEmails: parsed.data.mentionEmails === 'on', hideOnline: parsed.data.showOnline !== 'on' });
  // Showing or hiding one's online status changes the "Who's online" panel on the cached public page.
  await publicStreamChanged();
  revalidatePath('/settings');
  redirect('/settings?saved=1');
}

/** The confirm button on an unsubscribe page: the signed token is the authority, no log-in needed. */
export async function unsubscribe(form: FormData): Promise<void> {
  const token = String(form.get('token') ?? '');
  const verified = verifyUnsubscribeToken(token);
  if (!verified) redirect(`/unsubscribe/${encodeURIComponent(token) || 'invalid'}`);
  await setMentionEmails({ userId: verified.userId, enabled: false });
  redirect(`/unsubscribe/${token}?done=1`);
}
