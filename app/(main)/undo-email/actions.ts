'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { clientIpFrom } from '@/lib/client-ip';
import { undoAddressChange } from '@/lib/email-change';
import { pagesChanged } from '@/lib/page-version';
import { refuseWithNotice } from '@/server/context';
import { retryMessage } from '@/lib/rate-limit';

const tokenSchema = z.object({ token: z.string().min(1).max(200) });

/**
 * The button on an undo link's page: the signed token is the authority, no log-in needed (whoever changed the address
 * may have taken the account). A GET never undoes, since mail scanners open links; on a refusal the page says why.
 */
export async function undoEmail(form: FormData): Promise<void> {
  const parsed = tokenSchema.safeParse({ token: form.get('token') });
  if (!parsed.success) redirect('/undo-email/invalid');
  const result = await undoAddressChange({ token: parsed.data.token, ip: clientIpFrom(await headers()) });
  if (result.ok) {
    // Every session of the account has ended: pages cached for it must not be served again.
    await pagesChanged();
    redirect('/undo-email/done');
  }
  if (result.reason === 'limited') return refuseWithNotice(429, retryMessage(result.retryAfterSeconds));
  redirect(`/undo-email/${encodeURIComponent(parsed.data.token)}`);
}
