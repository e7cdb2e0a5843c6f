import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Your address is back', robots: { index: false } };

export default function UndoneEmailPage() {
  return (
    <section className="notice" aria-labelledby="undone-title">
      <h1 id="undone-title">Your address is back</h1>
      <p role="status">Your old email address is your account’s again, and every session of the account has been logged out.</p>
      <p>
        Whoever changed your address may know your password. <Link href="/forgot">Reset your password</Link> now: we’ll send the link to your address.
      </p>
    </section>
  );
}
