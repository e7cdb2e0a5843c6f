import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { unavailablePage } from '@/app/_components/unavailable';
import { getViewer } from '@/auth/current-user';
import { LogInForm } from './login-form';

export const metadata: Metadata = { title: 'Log in' };

export default async function LogInPage({ searchParams }: { searchParams: Promise<{ next?: string; ended?: string; reset?: string }> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'user') redirect('/');
  if (viewer.kind === 'unknown') return unavailablePage();
  const { next, ended, reset } = await searchParams;
  return (
    <section className="auth">
      <h1>Log in to Chitter</h1>
      {ended === '1' && (
        <p className="notice-bar" role="status">
          You were logged out, so your peep wasn’t posted. Log in to post it.
        </p>
      )}
      {reset === '1' && (
        <p className="notice-bar" role="status">
          Your password was changed, and you were logged out everywhere. Log in with your new password.
        </p>
      )}
      <LogInForm next={typeof next === 'string' && next.startsWith('/') ? next : undefined} />
    </section>
  );
}
