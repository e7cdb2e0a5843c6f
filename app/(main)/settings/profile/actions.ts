'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getViewer, type CurrentUser } from '@/auth/current-user';
import { isDatabaseUnavailable } from '@/db/errors';
import { removeAvatar, replaceAvatar, saveProfile } from '@/db/queries/profiles';
import { AVATAR_ERRORS, AVATAR_MAX_BYTES, prepareAvatar } from '@/lib/avatar-image';
import { refuse, type FormState } from '@/lib/form-state';
import { pagesChanged } from '@/lib/page-version';
import { BIO_RAW_LIMIT, profileSchema } from '@/lib/profile';
import { takeWriteAttempt, waitMessage, type WriteKind } from '@/lib/rate-limit';
import { fieldErrorsOf, formValues, RAW_LIMITS } from '@/lib/validation';

const PAGE = '/settings/profile';
const UNAVAILABLE = 'Chitter can’t reach its database just now; please try again in a few seconds.';

type Started = { user: CurrentUser } | { refused: FormState };

/** Who is asking, and that they are within the limit for `kind`; a refusal otherwise. */
async function begin(kind: WriteKind, values?: Record<string, string>): Promise<Started> {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return { refused: await refuse(503, { message: UNAVAILABLE, values }) };
  if (viewer.kind === 'anonymous') redirect(`/login?next=${PAGE}`);
  const limit = await takeWriteAttempt(kind, viewer.user.id);
  if (limit.limited) {
    const what = kind === 'avatar' ? 'changed your picture' : 'changed your profile';
    return { refused: await refuse(429, { message: `You’ve ${what} a lot lately. ${waitMessage(limit.retryAfterSeconds)}`, values }) };
  }
  return { user: viewer.user };
}

/** Every page shows names and pictures: drop the cached copies here and elsewhere, then show the saved page. */
async function finish(saved: 'profile' | 'picture' | 'removed'): Promise<never> {
  await pagesChanged();
  revalidatePath('/', 'layout');
  redirect(`${PAGE}?saved=${saved}`);
}

export async function saveProfileDetails(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = formValues(form, ['name', 'bio']);
  // What comes back to the form is what was typed, cut to the most any field may hold.
  const values = { name: raw.name.slice(0, RAW_LIMITS.name), bio: raw.bio.slice(0, BIO_RAW_LIMIT) };
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
  try {
    const started = await begin('settings', values);
    if ('refused' in started) return started.refused;
    if (!(await saveProfile({ userId: started.user.id, ...parsed.data }))) redirect(`/login?next=${PAGE}`);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: UNAVAILABLE, values });
  }
  return finish('profile');
}

export async function uploadAvatar(_prev: FormState, form: FormData): Promise<FormState> {
  const file = form.get('picture');
  // The browser's size is checked before anything is read; what the bytes are is judged by reading them.
  if (!(file instanceof File) || file.size === 0) return refuse(400, { fieldErrors: { picture: AVATAR_ERRORS.empty } });
  if (file.size > AVATAR_MAX_BYTES) return refuse(413, { fieldErrors: { picture: AVATAR_ERRORS.tooLarge } });
  try {
    const started = await begin('avatar');
    if ('refused' in started) return started.refused;
    // Decoding and re-encoding take a while, so they happen before the transaction, which only writes.
    const prepared = await prepareAvatar(new Uint8Array(await file.arrayBuffer()));
    if (!prepared.ok) return refuse(400, { fieldErrors: { picture: prepared.error } });
    if ((await replaceAvatar({ userId: started.user.id, images: prepared.images })) === null) redirect(`/login?next=${PAGE}`);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: UNAVAILABLE });
  }
  return finish('picture');
}

export async function deleteAvatar(): Promise<FormState> {
  try {
    const started = await begin('avatar');
    if ('refused' in started) return started.refused;
    await removeAvatar({ userId: started.user.id });
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: UNAVAILABLE });
  }
  return finish('removed');
}
