import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotForm } from './forgot-form';

export const metadata: Metadata = { title: 'Forgot your password?' };

/** Open to everyone, logged in or not: someone logged in on one device may have forgotten the password on another. */
export default async function ForgotPage({ searchParams }: { searchParams: Promise<{ sent?: string }> }) {
  const { sent } = await searchParams;
  return (
    <section className="auth">
      <h1>Forgot your password?</h1>
      {sent === '1' ? (
        <div className="card">
          <p className="success" role="status">
            If that account exists, we’ve sent a link.
          </p>
          <p>It goes to the account’s confirmed email address and works once, for 30 minutes. If nothing arrives, check your spam folder or ask again.</p>
          <p className="aside">
            <Link href="/forgot">Ask again</Link> · <Link href="/login">Log in</Link>
          </p>
        </div>
      ) : (
        <ForgotForm />
      )}
    </section>
  );
}
