import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { unavailablePage } from '@/app/_components/unavailable';
import { getViewer } from '@/auth/current-user';
import { ChangePasswordForm } from './password-form';

export const metadata: Metadata = { title: 'Password' };

export default async function PasswordSettingsPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return unavailablePage();
  if (viewer.kind === 'anonymous') redirect('/login?next=/settings/password');
  const { changed } = await searchParams;
  return (
    <section className="card settings">
      <h1>Password</h1>
      <p className="hint">
        Changing your password logs out every other session of your account and revokes every <Link href="/settings/tokens">API token</Link>, and we email you that it changed. Forgotten it? <Link href="/forgot">Reset it by email</Link>.
      </p>
      <ChangePasswordForm username={viewer.user.username} changed={changed === '1'} />
    </section>
  );
}
