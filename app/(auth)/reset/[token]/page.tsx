import type { Metadata } from 'next';
import Link from 'next/link';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { checkResetLink } from '@/lib/password-reset';
import { setResponseStatus } from '@/server/context';
import { ResetForm } from './reset-form';

export const metadata: Metadata = { title: 'Choose a new password', robots: { index: false } };

const REFUSED = {
  invalid: { status: 404, title: 'This link doesn’t work', text: 'It may have been cut short or changed in the email.' },
  expired: { status: 410, title: 'This link has expired', text: 'A link to reset your password works for 30 minutes.' },
  used: { status: 410, title: 'This link has already been used', text: 'Each link works once, and only until the password is changed. If you set a new password with it, log in with that.' },
} as const;

/** Opening the link only shows the form: mail scanners fetch links by GET, and that must not use the link up. */
export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const read = await readOrUnavailable(() => checkResetLink(token));
  if (!read.ok) return read.page;
  const state = read.value;
  if (state === 'ready') {
    return (
      <section className="auth">
        <h1>Choose a new password</h1>
        <ResetForm token={token} />
      </section>
    );
  }
  const refused = REFUSED[state];
  setResponseStatus(refused.status);
  return (
    <section className="notice">
      <h1>{refused.title}</h1>
      <p>{refused.text}</p>
      <p>
        <Link href="/forgot">Ask for a new link</Link> or <Link href="/login">log in</Link>.
      </p>
    </section>
  );
}
