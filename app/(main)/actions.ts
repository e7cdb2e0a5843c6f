'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { followUser, unfollowUser } from '@/db/queries/follows';
import { deletePeep as deletePeepRow } from '@/db/queries/peeps';
import { repostPeep, undoRepost } from '@/db/queries/reposts';
import { refuse, type FormState } from '@/lib/form-state';
import { publicStreamChanged } from '@/lib/public-stream-cache';
import { publishPeep } from '@/lib/publish-peep';
import { setResponseStatus } from '@/lib/request-context';
import { safeLocalPath } from '@/lib/safe-path';
import { getCurrentUser, type CurrentUser } from '@/lib/session';
import { fieldErrorsOf, formValues, HANDLE, peepSchema } from '@/lib/validation';

export async function postPeep(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await getCurrentUser();
  const values = formValues(form, ['body']);
  if (!user) return refuse(401, { message: 'Log in to peep', values });
  const parsed = peepSchema.safeParse(values);
  if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
  await publishPeep({ authorId: user.id, body: parsed.data.body });
  await publicStreamChanged();
  revalidatePath('/', 'layout');
  redirect(safeLocalPath(form.get('next')));
}

const peepIdSchema = z.object({ peepId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const usernameSchema = z.object({ username: z.string().regex(HANDLE) });

/** The shared start of the small one-button actions: a logged-in person and parsed input, or a refusal. */
async function begin<T>(form: FormData, schema: z.ZodType<T>): Promise<{ user: CurrentUser; input: T } | null> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(safeLocalPath(form.get('next')))}`);
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    setResponseStatus(400);
    return null;
  }
  return { user, input: parsed.data };
}

async function finish(form: FormData, { streamChanged }: { streamChanged: boolean }): Promise<never> {
  if (streamChanged) await publicStreamChanged();
  revalidatePath('/', 'layout');
  redirect(safeLocalPath(form.get('next')));
}

export async function deletePeep(form: FormData): Promise<void> {
  const started = await begin(form, peepIdSchema);
  if (!started) return;
  // Only the author's own peep is deleted; anything else changes nothing.
  if (!(await deletePeepRow({ peepId: started.input.peepId, authorId: started.user.id }))) return setResponseStatus(404);
  await finish(form, { streamChanged: true });
}

export async function follow(form: FormData): Promise<void> {
  const started = await begin(form, usernameSchema);
  if (!started) return;
  if (!(await followUser({ followerId: started.user.id, username: started.input.username }))) return setResponseStatus(400);
  await finish(form, { streamChanged: false });
}

export async function unfollow(form: FormData): Promise<void> {
  const started = await begin(form, usernameSchema);
  if (!started) return;
  await unfollowUser({ followerId: started.user.id, username: started.input.username });
  await finish(form, { streamChanged: false });
}

export async function repost(form: FormData): Promise<void> {
  const started = await begin(form, peepIdSchema);
  if (!started) return;
  if (!(await repostPeep({ userId: started.user.id, peepId: started.input.peepId }))) return setResponseStatus(404);
  await finish(form, { streamChanged: true });
}

export async function unrepost(form: FormData): Promise<void> {
  const started = await begin(form, peepIdSchema);
  if (!started) return;
  await undoRepost({ userId: started.user.id, peepId: started.input.peepId });
  await finish(form, { streamChanged: true });
}
