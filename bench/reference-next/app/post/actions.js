'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

// The bare-framework reference for posting: a server action that reads one field, revalidates and redirects as
// Chitter's does, with no session, no database and no validation. Chitter's posting is compared to it.
export async function post(form) {
  if (typeof form.get('body') !== 'string') return;
  revalidatePath('/', 'layout');
  redirect('/post');
}
