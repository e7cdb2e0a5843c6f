'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { foreignKeyViolation, isDatabaseUnavailable } from '@/db/errors';
import { refuse, type FormState } from '@/lib/form-state';
import * as interactions from '@/lib/interactions';
import { peepIdField, usernameField, type Refusal } from '@/lib/interactions';
import { peepLimitMessage, publishPeep, publishReply, REPLY_REFUSED } from '@/lib/publish-peep';
import { takeWriteAttempt, waitMessage, type WriteKind } from '@/lib/rate-limit';
import { currentNotice, refuseWithNotice, setResponseStatus } from '@/server/context';
import { safeLocalPath } from '@/lib/safe-path';
import { getCurrentUser, getViewer, type CurrentUser } from '@/auth/current-user';
import { fieldErrorsOf, formValues, peepSchema } from '@/lib/validation';
import { errorText, log } from '@/lib/log';

const UNAVAILABLE_PEEP = 'Chitter can’t reach its database just now — your peep is still here, try again in a few seconds.';

export async function postPeep(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['body', 'clientKey', 'replyToId']);
  const next = safeLocalPath(form.get('next'));
  let mailNotice: string | undefined;
  try {
    // Throws while the database is down: a person whose session cannot be checked is not told to log in.
    const user = await getCurrentUser();
    // The session ended elsewhere: log in and come back (with JavaScript the draft waits in the browser).
    if (!user) return loggedOut(next, values);
    const parsed = peepSchema.safeParse(values);
    if (!parsed.success) {
      const { clientKey, replyToId, ...fieldErrors } = fieldErrorsOf(parsed.error);
      // A key that is not one is dropped, so the form comes back with a fresh one.
      return refuse(replyToId ? 404 : 400, { fieldErrors, message: clientKey ?? replyToId, values: clientKey ? { ...values, clientKey: '' } : values });
    }
    const { replyToId, ...peep } = parsed.data;
    const published = replyToId ? await publishReply({ authorId: user.id, ...peep, replyToId }) : await publishPeep({ authorId: user.id, ...peep });
    if (published.limited) return refuse(429, { message: `${peepLimitMessage(published.retryAfterSeconds)} Your peep is still here.`, values });
    if ('refused' in published) {
      const [status, message] = REPLY_REFUSED[published.refused];
      return refuse(status, { message: published.refused === 'missing' ? `${message} Your text is still here.` : message, values });
    }
    ({ mailNotice } = published);
  } catch (err) {
    // The author deleted their account (in another tab) while this was posting: they are logged out now.
    if (foreignKeyViolation(err)) return loggedOut(next, values);
    if (!isDatabaseUnavailable(err)) throw err;
    log.warn({ error: errorText(err) }, 'Database unavailable, peep not posted');
    return refuse(503, { message: UNAVAILABLE_PEEP, values });
  }
  revalidatePath('/', 'layout');
  // Posted, but the author should know not everyone mentioned is emailed: stay on the page to say so by the box.
  if (mailNotice) return { notice: mailNotice };
  redirect(next);
}

/**
 * The session ended elsewhere: log in and come back. The compose form takes the browser there itself and keeps the
 * draft; a form posted without JavaScript goes straight there, told why (a page like Following is only for people
 * logged in, so there is nothing to re-render).
 */
async function loggedOut(next: string, values: Record<string, string>): Promise<FormState> {
  // Every layout is read again, so the header stops showing the person who was logged in.
  revalidatePath('/', 'layout');
  const logIn = `/login?${new URLSearchParams({ next, ended: '1' })}`;
  if (!(await headers()).has('next-action')) redirect(logIn);
  return { message: 'You were logged out, so your peep wasn’t posted.', values, logIn };
}

const peepIdSchema = z.object({ peepId: peepIdField });
const usernameSchema = z.object({ username: usernameField });

/**
 * The shared start of the small one-button actions: a logged-in person and parsed input, or a refusal. While the
 * session cannot be checked the answer is a 503 and the page it re-renders says the database is unavailable.
 */
async function begin<T>(form: FormData, schema: z.ZodType<T>, kind: WriteKind): Promise<{ user: CurrentUser; input: T } | null> {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') {
    setResponseStatus(503);
    return null;
  }
  if (viewer.kind === 'anonymous') redirect(`/login?next=${encodeURIComponent(safeLocalPath(form.get('next')))}`);
  const { user } = viewer;
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    setResponseStatus(400);
    return null;
  }
  const limit = await takeWriteAttempt(kind, user.id);
  if (limit.limited) {
    refuseWithNotice(429, `That’s a lot of clicks in a short time. ${waitMessage(limit.retryAfterSeconds)}`);
    // Re-render the page so the notice shows, with or without JavaScript.
    revalidatePath('/', 'layout');
    return null;
  }
  return { user, input: parsed.data };
}

/**
 * Done: back to the page the form was on. Refused: a form naming no such person is a bad form (400), a peep gone is
 * a 404, and a block is a 403 whose sentence the re-rendered page shows.
 */
async function finish(form: FormData, refusal: Refusal | null, missingStatus: 400 | 404): Promise<void> {
  if (refusal?.refused === 'missing') return setResponseStatus(missingStatus);
  if (refusal) refuseWithNotice(403, refusal.message);
  revalidatePath('/', 'layout');
  if (!refusal) redirect(safeLocalPath(form.get('next')));
}

/** One button's action: started, the shared write of `lib/interactions` done, and the page answered. */
async function onPeep(form: FormData, write: (input: { userId: number; peepId: number }) => Promise<Refusal | null>): Promise<void> {
  const started = await begin(form, peepIdSchema, 'interaction');
  if (started) await finish(form, await write({ userId: started.user.id, peepId: started.input.peepId }), 404);
}

async function onPerson(form: FormData, write: (input: { userId: number; username: string }) => Promise<Refusal | null>): Promise<void> {
  const started = await begin(form, usernameSchema, 'interaction');
  if (started) await finish(form, await write({ userId: started.user.id, username: started.input.username }), 400);
}

// A 'use server' module may export only async functions, so each is written out.
export async function deletePeep(form: FormData): Promise<void> {
  await onPeep(form, interactions.removePeep);
}
export async function repost(form: FormData): Promise<void> {
  await onPeep(form, interactions.repost);
}
export async function unrepost(form: FormData): Promise<void> {
  await onPeep(form, interactions.unrepost);
}
export async function follow(form: FormData): Promise<void> {
  await onPerson(form, interactions.follow);
}
export async function unfollow(form: FormData): Promise<void> {
  await onPerson(form, interactions.unfollow);
}
export async function mute(form: FormData): Promise<void> {
  await onPerson(form, interactions.mute);
}
export async function unmute(form: FormData): Promise<void> {
  await onPerson(form, interactions.unmute);
}
export async function block(form: FormData): Promise<void> {
  await onPerson(form, interactions.block);
}
export async function unblock(form: FormData): Promise<void> {
  await onPerson(form, interactions.unblock);
}

/** What a Like button running JavaScript is told when a click is refused, to roll back and say why in place. */
export type LikeRefusal = { refused: string; logIn?: string };

/**
 * Like and Unlike, for a plain form (the answer is the page, re-rendered or redirected to) and for the button with
 * JavaScript, which reads the refusal this returns instead of leaving the page: for a session that has ended, too.
 */
async function changeLike(form: FormData, liking: boolean): Promise<LikeRefusal | undefined> {
  if ((await headers()).has('next-action') && (await getViewer()).kind === 'anonymous') {
    return { refused: 'You’re logged out.', logIn: `/login?${new URLSearchParams({ next: safeLocalPath(form.get('next')) })}` };
  }
  const started = await begin(form, peepIdSchema, 'interaction');
  if (!started) return { refused: currentNotice() ?? 'Chitter couldn’t do that just now — please try again in a few seconds.' };
  const refusal = await (liking ? interactions.like : interactions.unlike)({ userId: started.user.id, peepId: started.input.peepId });
  await finish(form, refusal, 404);
  if (refusal) return { refused: refusal.message };
}

export async function like(form: FormData): Promise<void> {
  await changeLike(form, true);
}

export async function unlike(form: FormData): Promise<void> {
  await changeLike(form, false);
}

/** The Like button with JavaScript: like (`liking=1`) or unlike, answering a refusal instead of re-rendering the page. */
export async function toggleLike(form: FormData): Promise<LikeRefusal | undefined> {
  return changeLike(form, form.get('liking') === '1');
}
