import type { Metadata } from 'next';
import { SafeForm } from '@/app/_components/safe-form';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { checkUndoLink } from '@/lib/email-change';
import { setResponseStatus } from '@/server/context';
import { undoEmail } from '../actions';

export const metadata: Metadata = { title: 'Put your email address back', robots: { index: false } };

const REFUSED = {
  invalid: { status: 400, title: 'This link doesn’t work', text: 'It may have been cut short or changed in the email.' },
  expired: { status: 410, title: 'This link has expired', text: 'A link to undo a change of address works for 7 days. If your account is no longer yours, contact us.' },
  used: { status: 410, title: 'This link has already been used', text: 'Each link works once. If you followed it, your address is back, and every session of the account was logged out.' },
  claimed: {
    status: 409,
    title: 'This address now belongs to another account',
    text: 'Since the change, another Chitter account has confirmed this address, so it can’t be put back on yours. You can still log in with your username.',
  },
} as const;

/** Opening the link only asks: mail scanners fetch links by GET. The button POSTs. */
export default async function UndoEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const read = await readOrUnavailable(() => checkUndoLink(token));
  if (!read.ok) return read.page;
  const { state, address } = read.value;
  if (state === 'ready') {
    return (
      <section className="notice">
        <h1>Put your email address back</h1>
        <p>
          Your Chitter account’s address was changed from <strong className="email-address">{address}</strong>. If you didn’t do that, put it back: this also logs out every
          session of the account, wherever it is.
        </p>
        <SafeForm action={undoEmail} kept="your link still works">
          <input type="hidden" name="token" value={token} />
          <button type="submit">Put my address back</button>
        </SafeForm>
      </section>
    );
  }
  const refused = REFUSED[state];
  setResponseStatus(refused.status);
  return (
    <section className="notice">
      <h1>{refused.title}</h1>
      <p>{refused.text}</p>
    </section>
  );
}
