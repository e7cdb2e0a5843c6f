import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Account deleted', robots: { index: false } };

export default function GoodbyePage() {
  return (
    <section className="notice">
      <h1>Your account has been deleted</h1>
      <p>
        Your profile, peeps, reposts, follows and sessions are gone, and you are logged out. Your old handle stays unused for 30 days; after that anyone can
        take it.
      </p>
      <p>
        <Link href="/">Go to Chitter</Link>
      </p>
    </section>
  );
}
