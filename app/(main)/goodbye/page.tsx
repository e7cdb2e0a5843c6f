import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getViewer } from '@/auth/current-user';

export const metadata: Metadata = { title: 'Account deleted', robots: { index: false } };

/** Where deleting an account ends; someone logged in who comes here has an account, so it is not for them. */
export default async function GoodbyePage() {
  if ((await getViewer()).kind === 'user') redirect('/');
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
