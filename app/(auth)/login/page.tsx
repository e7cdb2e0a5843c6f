import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/session';
import { LogInForm } from './login-form';

export const metadata: Metadata = { title: 'Log in' };

export default async function LogInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getCurrentUser()) redirect('/');
  const { next } = await searchParams;
  return (
    <section className="auth">
      <h1>Log in to Chitter</h1>
      <LogInForm next={typeof next === 'string' && next.startsWith('/') ? next : undefined} />
    </section>
  );
}
