import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ResendVerification } from '@/app/_components/resend-verification';
import { SafeForm } from '@/app/_components/safe-form';
import { readOrUnavailable, unavailablePage } from '@/app/_components/unavailable';
import { getViewer } from '@/auth/current-user';
import { findPendingEmailChange } from '@/db/queries/email-changes';
import { findEmailStatus } from '@/db/queries/users';
import { cancelChange } from './actions';
import { EmailChangeForm } from './_components/email-change-form';

export const metadata: Metadata = { title: 'Email settings' };

type Search = { sent?: string; replaced?: string; cancelled?: string };

export default async function EmailSettingsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return unavailablePage();
  if (viewer.kind === 'anonymous') redirect('/login?next=/settings/email');
  const userId = viewer.user.id;
  const read = await readOrUnavailable(() => Promise.all([findEmailStatus({ userId }), findPendingEmailChange({ userId })]));
  if (!read.ok) return read.page;
  const [status, pending] = read.value;
  if (!status) redirect('/login?next=/settings/email');
  const { replaced, cancelled } = await searchParams;
  return (
    <section className="card settings" aria-labelledby="email-title">
      <h1 id="email-title">Email</h1>
      <p>
        Your address is <strong className="email-address">{status.email}</strong>{' '}
        {status.verified ? <span className="email-status">(confirmed)</span> : <span className="email-status">(not confirmed yet)</span>}
      </p>
      {!status.verified && (
        <>
          <p className="hint">
            {replaced ? `We sent a link to ${status.email}. ` : ''}Until you follow the link we sent, Chitter won’t email you anything, not even mentions.
          </p>
          <ResendVerification label="Send the link again" />
        </>
      )}
      {pending && (
        <div className="email-pending" role="status">
          <p>
            <strong className="email-address">Pending: check {pending.email}</strong> for a link to confirm it. Until you follow it, Chitter keeps using {status.email} for
            logging in and for email.
          </p>
          <SafeForm action={cancelChange} kept="your change is still pending">
            <button type="submit" className="secondary">
              Cancel this change
            </button>
          </SafeForm>
        </div>
      )}
      {cancelled && !pending && (
        <p className="success" role="status">
          Change cancelled. Your address is still {status.email}.
        </p>
      )}
      <h2>Change your address</h2>
      <p className="hint">
        {status.verified
          ? 'We’ll send a link to the new address; it replaces this one only once you follow it, and we’ll tell this address, with a way to undo the change for 7 days.'
          : 'Your address isn’t confirmed, so the new one replaces it at once, and we send a link to confirm it.'}
      </p>
      <EmailChangeForm />
    </section>
  );
}
