'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getViewer } from '@/auth/current-user';
import { endOtherSessions as endOtherSessionRows, endSession as endSessionRow, sessionKeyOf } from '@/db/queries/sessions';
import { takeWriteAttempt, waitMessage } from '@/lib/rate-limit';
import { refuseWithNotice, setResponseStatus } from '@/server/context';

const PAGE = '/settings/sessions';
// A session's key is the hex SHA-256 of its id, as listLiveSessions gives it.
const endOneSchema = z.object({ session: z.string().regex(/^[0-9a-f]{64}$/) });

/** Re-renders the sessions page with a notice at the top and the status that goes with it. */
function refuseOnPage(status: number, notice: string): void {
  refuseWithNotice(status, notice);
  revalidatePath(PAGE);
}

/**
 * The person and the session they are asking from (read from the cookie, never from the form), counted against their
 * settings limit; or null when refused, with the page re-rendered saying why.
 */
async function begin(): Promise<{ userId: number; sessionId: string } | null> {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') {
    setResponseStatus(503);
    return null;
  }
  if (viewer.kind === 'anonymous') redirect(`/login?next=${encodeURIComponent(PAGE)}`);
  const limit = await takeWriteAttempt('settings', viewer.user.id);
  if (limit.limited) {
    refuseOnPage(429, `You’ve changed your settings a lot lately. ${waitMessage(limit.retryAfterSeconds)}`);
    return null;
  }
  return { userId: viewer.user.id, sessionId: viewer.sessionId };
}

/** Logs out one of the person's other sessions: its cookie, wherever it is, is refused from its next request on. */
export async function endSession(form: FormData): Promise<void> {
  const started = await begin();
  if (!started) return;
  const parsed = endOneSchema.safeParse({ session: form.get('session') });
  if (!parsed.success) return refuseOnPage(400, 'Choose a session from the list to log out of.');
  const key = parsed.data.session;
  if (key === sessionKeyOf(started.sessionId)) return refuseOnPage(400, 'To end the session on this device, log out.');
  // Someone else's session, or one already ended, is not among the person's own: nothing is deleted.
  if (!(await endSessionRow({ userId: started.userId, key, keepSessionId: started.sessionId }))) {
    return refuseOnPage(404, 'That session had already ended.');
  }
  revalidatePath(PAGE);
  redirect(`${PAGE}?ended=1`);
}

/** Logs out every session of the person's but the one asking. */
export async function endOtherSessions(): Promise<void> {
  const started = await begin();
  if (!started) return;
  const ended = await endOtherSessionRows({ userId: started.userId, keepSessionId: started.sessionId });
  revalidatePath(PAGE);
  redirect(`${PAGE}?ended=${ended}&others=1`);
}
