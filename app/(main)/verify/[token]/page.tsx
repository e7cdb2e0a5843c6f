import type { Metadata } from 'next';
import Link from 'next/link';
import { ResendVerification } from '@/app/_components/resend-verification';
import { SafeForm } from '@/app/_components/safe-form';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { getViewer } from '@/auth/current-user';
import { readVerificationLink } from '@/lib/email-verification';
import { setResponseStatus } from '@/server/context';
import { confirmEmail } from '../actions';

export const metadata: Metadata = { title: 'Confirm your email address', robots: { index: false } };

const REFUSED = {
  invalid: { status: 400, title: 'This link doesn’t work', text: 'It may have been cut short or changed in the email.' },
  expired: { status: 410, title: 'This link has expired', text: 'A confirmation link works for 24 hours.' },
  used: { status: 410, title: 'This link has already been used', text: 'Each link works once. If you followed it, your address is confirmed and there is nothing more to do.' },
  claimed: { status: 409, title: 'This address was confirmed by another account first', text: 'Only one Chitter account can use an email address, and another account has already confirmed this one. You can still log in to this account with its username.' },
} as const;

/**
 * Opening the link only asks: mail scanners fetch links by GET, and confirming then would let whoever signed up
 * with someone else's address have it proven by their scanner. The button POSTs.
 */
export default async function VerifyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const read = await readOrUnavailable(() => readVerificationLink(token));
  if (!read.ok) return read.page;
  const { state, purpose, address } = read.value;
  if (state === 'ready' && purpose === 'change') {
    return (
      <section className="notice">
        <h1>Confirm your new email address</h1>
        <p>
          Confirm that <strong className="email-address">{address}</strong> is yours, and it becomes your Chitter account’s address, for logging in and for email.
        </p>
        <SafeForm action={confirmEmail} kept="your link still works">
          <input type="hidden" name="token" value={token} />
          <button type="submit">Confirm my new address</button>
        </SafeForm>
      </section>
    );
  }
  if (state === 'ready') {
    return (
      <section className="notice">
        <h1>Confirm your email address</h1>
        <p>Confirm that this address is yours, and Chitter can email you about mentions.</p>
        <SafeForm action={confirmEmail} kept="your link still works">
          <input type="hidden" name="token" value={token} />
          <button type="submit">Confirm my address</button>
        </SafeForm>
      </section>
    );
  }
  const refused = REFUSED[state];
  setResponseStatus(refused.status);
  const viewer = await getViewer();
  return (
    <section className="notice">
      <h1>{refused.title}</h1>
      <p>{refused.text}</p>
      {state !== 'used' &&
        state !== 'claimed' &&
        purpose === 'verify' &&
        (viewer.kind === 'user' ? (
          <ResendVerification label="Send me a new link" />
        ) : (
          <p>
            <Link href="/login">Log in</Link> to get a new link.
          </p>
        ))}
    </section>
  );
}
