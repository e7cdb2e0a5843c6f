'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { markNotificationsRead, markReadSchema } from '@/lib/interactions';
import { takeWriteAttempt, waitMessage } from '@/lib/rate-limit';
import { refuseWithNotice, setResponseStatus } from '@/server/context';
import { getViewer } from '@/auth/current-user';

/**
 * Marks the person's notifications up to `upTo` (the newest the page showed them) read, never by loading the page,
 * which a prefetch may do unseen.
 */
async function markRead(upTo: unknown): Promise<'done' | 'refused'> {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') {
    setResponseStatus(503);
    return 'refused';
  }
  if (viewer.kind === 'anonymous') redirect('/login?next=/notifications');
  const parsed = markReadSchema.required().safeParse({ upTo });
  if (!parsed.success) {
    setResponseStatus(400);
    return 'refused';
  }
  const limit = await takeWriteAttempt('notificationsRead', viewer.user.id);
  if (limit.limited) {
    refuseWithNotice(429, `That’s a lot of clicks in a short time. ${waitMessage(limit.retryAfterSeconds)}`);
    revalidatePath('/', 'layout');
    return 'refused';
  }
  await markNotificationsRead({ userId: viewer.user.id, upTo: parsed.data.upTo });
  return 'done';
}

/** "Mark all as read", a form that works without JavaScript: marked, the page comes back with nothing unread. */
export async function markAllNotificationsRead(form: FormData): Promise<void> {
  if ((await markRead(form.get('upTo'))) === 'refused') return;
  revalidatePath('/', 'layout');
  redirect('/notifications');
}

/**
 * Called by the page once it is shown with JavaScript. The page is not re-rendered, so what was unread stays marked
 * while the person reads it; the header's count clears from the answer.
 */
export async function markShownNotificationsRead(upTo: number): Promise<boolean> {
  return (await markRead(upTo)) === 'done';
}
