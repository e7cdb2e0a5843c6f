'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser } from '@/auth/current-user';
import { isDatabaseUnavailable } from '@/db/errors';
import { confirmEmailAddress, resendVerification } from '@/lib/email-verification';
import { refuse, type FormState } from '@/lib/form-state';
import { pagesChanged } from '@/lib/page-version';

/** The banner's Resend button: a new link (or notice) for the logged-in person's address, within the limits. */
export async function resendVerificationEmail(): Promise<FormState> {
  try {
    const user = await getCurrentUser();
    if (!user) return refuse(401, { message: 'Log in to get a new link.' });
    const result = await resendVerification({ userId: user.id });
    if (!result.ok) return refuse(result.status, { message: result.message });
    revalidatePath('/', 'layout');
    return { notice: result.message };
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, { message: 'Chitter can’t reach its database just now; please try again in a few seconds.' });
  }
}

const tokenSchema = z.object({ token: z.string().min(1).max(200) });

/**
 * The confirm button on a link's page: the signed token is the authority, no log-in needed. A GET never confirms,
 * since mail scanners open links; on any refusal the link's page says why.
 */
export async function confirmEmail(form: FormData): Promise<void> {
  const parsed = tokenSchema.safeParse({ token: form.get('token') });
  if (!parsed.success) redirect('/verify/invalid');
  const result = await confirmEmailAddress(parsed.data.token);
  if (result.ok) {
    // The banner asking to confirm leaves every page this person has open.
    await pagesChanged();
    revalidatePath('/', 'layout');
    redirect(result.changed ? '/verify/confirmed?changed=1' : '/verify/confirmed');
  }
  redirect(`/verify/${encodeURIComponent(parsed.data.token)}`);
}
