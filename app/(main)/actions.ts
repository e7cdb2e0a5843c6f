'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { deletePeep as deletePeepRow } from '@/db/queries/peeps';
import { refuse, type FormState } from '@/lib/form-state';
import { publishPeep } from '@/lib/publish-peep';
import { setResponseStatus } from '@/lib/request-context';
import { getCurrentUser } from '@/lib/session';
import { fieldErrorsOf, formValues, peepSchema } from '@/lib/validation';

export async function postPeep(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await getCurrentUser();
  const values = formValues(form, ['body']);
  if (!user) return refuse(401, { message: 'Log in to peep', values });
  const parsed = peepSchema.safeParse(values);
  if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
  await publishPeep({ authorId: user.id, body: parsed.data.body });
  revalidatePath('/');
  redirect('/');
}

const deleteSchema = z.object({ peepId: z.coerce.number().int().positive() });

export async function deletePeep(form: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  const parsed = deleteSchema.safeParse({ peepId: form.get('peepId') });
  // Only the author's own peep is deleted; anything else changes nothing.
  if (!parsed.success || !(await deletePeepRow({ peepId: parsed.data.peepId, authorId: user.id }))) {
    setResponseStatus(404);
    return;
  }
  revalidatePath('/');
  redirect(`/u/${user.username}`);
}
