import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Address confirmed', robots: { index: false } };

export default function ConfirmedPage() {
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
