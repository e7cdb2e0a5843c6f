'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { createPeep } from '@/db/queries/peeps';
import { refuse, type FormState } from '@/lib/form-state';
import { getCurrentUser } from '@/lib/session';
import { fieldErrorsOf, formValues, peepSchema } from '@/lib/validation';

export async function postPeep(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await getCurrentUser();
  const values = formValues(form, ['body']);
  if (!user) return refuse(401, { message: 'Log in to peep', values });
  const parsed = peepSchema.safeParse(values);
  if (!parsed.success) return refuse(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
  await createPeep({ authorId: user.id, body: parsed.data.body });
  revalidatePath('/');
  redirect('/');
}
