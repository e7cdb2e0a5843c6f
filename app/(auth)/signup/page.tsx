import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/session';
import { SignUpForm } from './signup-form';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect('/');
  return (
    <section className="auth">
      <h1>Join Chitter</h1>
      <SignUpForm />
    </section>
  );
}
