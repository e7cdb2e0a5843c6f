'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { foreignKeyViolation, isDatabaseUnavailable } from '@/db/errors';
import { followUser, unfollowUser } from '@/db/queries/follows';
import { blockPerson, mutePerson, unblockPerson, unmutePerson } from '@/db/queries/mutes-and-blocks';
import { likePeep, unlikePeep } from '@/db/queries/likes';
import { repostPeep, undoRepost } from '@/db/queries/reposts';
import { deleteOwnPeep } from '@/lib/delete-peep';
import { refuse, type FormState } from '@/lib/form-state';
import { livePagesChanged, ownPagesChanged, pagesChanged } from '@/lib/page-version';
import { publishPeep, publishReply } from '@/lib/publish-peep';
import { takeWriteAttempt, waitMessage, type WriteKind } from '@/lib/rate-limit';
import { currentNotice, refuseWithNotice, setResponseStatus } from '@/server/context';
import { safeLocalPath } from '@/lib/safe-path';
import { getCurrentUser, getViewer, type CurrentUser } from '@/auth/current-user';
import { fieldErrorsOf, formValues, HANDLE, peepSchema } from '@/lib/validation';
import { errorText, log } from '@/lib/log';

const UNAVAILABLE_PEEP = 'Chitter can’t reach its database just now — your peep is still here, try again in a few seconds.';
const REPLY_REFUSED = {
  missing: [404, 'The peep you’re replying to was deleted, so your reply wasn’t posted. Your text is still here.'],
  blocked: [403, 'You can’t reply to this peep: one of you has blocked the other.'],
} as const;

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
    if (published.limited) return refuse(429, { message: `You’ve peeped a lot lately. ${waitMessage(published.retryAfterSeconds)} Your peep is still here.`, values });
    if ('refused' in published) {
      const [status, message] = REPLY_REFUSED[published.refused];
      return refuse(status, { message, values });
    }
    ({ mailNotice } = published);
  } catch (err) {
    // The author deleted their account (in another tab) while this was posting: they are logged out now.
    if (foreignKeyViolation(err)) return loggedOut(next, values);
    if (!isDatabaseUnavailable(err)) throw err;
    log.warn({ error: errorText(err) }, 'Database unavailable, peep not posted');
    return refuse(503, { message: UNAVAILABLE_PEEP, values });
  }
  livePagesChanged();
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

const peepIdSchema = z.object({ peepId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const usernameSchema = z.object({ username: z.string().regex(HANDLE) });

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

async function finish(form: FormData, changedHere: () => void = livePagesChanged): Promise<never> {
  changedHere();
  revalidatePath('/', 'layout');
  redirect(safeLocalPath(form.get('next')));
}

export async function deletePeep(form: FormData): Promise<void> {
  const started = await begin(form, peepIdSchema, 'interaction');
  if (!started) return;
  // Only the author's own peep is deleted; anything else changes nothing.
  if (!(await deleteOwnPeep({ peepId: started.input.peepId, authorId: started.user.id }))) return setResponseStatus(404);
  // deleteOwnPeep has told the pages already.
  await finish(form, () => undefined);
}

export async function follow(form: FormData): Promise<void> {
  const started = await begin(form, usernameSchema, 'interaction');
  if (!started) return;
  const outcome = await followUser({ followerId: started.user.id, username: started.input.username });
  if (outcome === 'unknown') return setResponseStatus(400);
  if (outcome === 'blocked') {
    refuseWithNotice(403, `You can’t follow @${started.input.username}: one of you has blocked the other.`);
    revalidatePath('/', 'layout');
    return;
  }
  await finish(form);
}

export async function unfollow(form: FormData): Promise<void> {
  const started = await begin(form, usernameSchema, 'interaction');
  if (!started) return;
  await unfollowUser({ followerId: started.user.id, username: started.input.username });
  await finish(form);
}

export async function repost(form: FormData): Promise<void> {
  const started = await begin(form, peepIdSchema, 'interaction');
  if (!started) return;
  if (!(await repostPeep({ userId: started.user.id, peepId: started.input.peepId }))) return setResponseStatus(404);
  await finish(form);
}

export async function unrepost(form: FormData): Promise<void> {
  const started = await begin(form, peepIdSchema, 'interaction');
  if (!started) return;
  await undoRepost({ userId: started.user.id, peepId: started.input.peepId });
  await finish(form);
}

// Mutes and blocks have no live trigger to tell the other instances that pages changed, so this does.
async function silencingChanged(form: FormData): Promise<never> {
  await pagesChanged();
  return finish(form);
}

export async function mute(form: FormData): Promise<void> {
  const started = await begin(form, usernameSchema, 'interaction');
  if (!started) return;
  if (!(await mutePerson({ userId: started.user.id, username: started.input.username }))) return setResponseStatus(400);
  await silencingChanged(form);
}

export async function unmute(form: FormData): Promise<void> {
  const started = await begin(form, usernameSchema, 'interaction');
  if (!started) return;
  await unmutePerson({ userId: started.user.id, username: started.input.username });
  await silencingChanged(form);
}

export async function block(form: FormData): Promise<void> {
  const started = await begin(form, usernameSchema, 'interaction');
  if (!started) return;
  if (!(await blockPerson({ userId: started.user.id, username: started.input.username }))) return setResponseStatus(400);
  await silencingChanged(form);
}

export async function unblock(form: FormData): Promise<void> {
  const started = await begin(form, usernameSchema, 'interaction');
  if (!started) return;
  await unblockPerson({ userId: started.user.id, username: started.input.username });
  await silencingChanged(form);
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
  const { user, input } = started;
  if (!liking) await unlikePeep({ userId: user.id, peepId: input.peepId });
  else {
    const outcome = await likePeep({ userId: user.id, peepId: input.peepId });
    if (outcome === 'missing') {
      setResponseStatus(404);
      return { refused: 'This peep has been deleted.' };
    }
    if (outcome === 'blocked') {
      const refused = 'You can’t like this peep: one of you has blocked the other.';
      refuseWithNotice(403, refused);
      revalidatePath('/', 'layout');
      return { refused };
    }
  }
  // Only the liker's kept pages must change at once; see 0019_likes_live.
  await finish(form, () => ownPagesChanged(user.id));
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
