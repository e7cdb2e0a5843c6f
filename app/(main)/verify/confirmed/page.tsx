import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Address confirmed', robots: { index: false } };

export default async function ConfirmedPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  if ((await searchParams).changed) {
    return (
      <section className="notice">
        <h1>Your new address is confirmed</h1>
        <p>
          It is now your Chitter address, for logging in and for email. We’ve told your old address, in case the change wasn’t yours. See your{' '}
          <Link href="/settings/email">email settings</Link>.
        </p>
        <p>
          <Link href="/">Go to Chitter</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="notice">
      <h1>Your address is confirmed</h1>
      <p>
        Thank you. Chitter can now email you when someone mentions you; you can change that in your <Link href="/settings">settings</Link>.
      </p>
      <p>
        <Link href="/">Go to Chitter</Link>
      </p>
    </section>
  );
}
