'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { setMentionEmails } from '@/db/queries/users';
import { getCurrentUser } from '@/lib/session';
import { verifyUnsubscribeToken } from '@/lib/unsubscribe-token';

const settingsSchema = z.object({ mentionEmails: z.enum(['on']).optional() });

export async function saveSettings(form: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect('/login?next=/settings');
  const parsed = settingsSchema.safeParse({ mentionEmails: form.get('mentionEmails') ?? undefined });
  await setMentionEmails({ userId: user.id, enabled: parsed.success && parsed.data.mentionEmails === 'on' });
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
