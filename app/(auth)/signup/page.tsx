import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { unavailablePage } from '@/app/_components/unavailable';
import { getViewer } from '@/auth/current-user';
import { SignUpForm } from './signup-form';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage() {
  const viewer = await getViewer();
  if (viewer.kind === 'user') redirect('/');
  if (viewer.kind === 'unknown') return unavailablePage();
  return (
    <section className="auth">
      <h1>Join Chitter</h1>
      <SignUpForm />
    </section>
  );
}
