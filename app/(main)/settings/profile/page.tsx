import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Avatar } from '@/app/_components/avatar';
import { readOrUnavailable, unavailablePage } from '@/app/_components/unavailable';
import { getViewer } from '@/auth/current-user';
import { findProfileSettings } from '@/db/queries/profiles';
import { AvatarForm, RemoveAvatarForm } from './avatar-form';
import { ProfileForm } from './profile-form';

export const metadata: Metadata = { title: 'Profile settings' };

const SAVED = { profile: 'Profile saved.', picture: 'Picture saved.', removed: 'Picture removed.' } as const;

export default async function ProfileSettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return unavailablePage();
  if (viewer.kind === 'anonymous') redirect('/login?next=/settings/profile');
  const { user } = viewer;
  const read = await readOrUnavailable(() => findProfileSettings({ userId: user.id }));
  if (!read.ok) return read.page;
  const settings = read.value;
  if (!settings) redirect('/login?next=/settings/profile');
  const { saved } = await searchParams;
  const said = (which: keyof typeof SAVED) =>
    saved === which && (
      <p className="success" role="status">
        {SAVED[which]}
      </p>
    );
  return (
    <>
      <section className="card settings" aria-labelledby="profile-title">
        <h1 id="profile-title">Profile</h1>
        <p className="hint">
          Your name and bio show on <a href={`/u/${user.username}`}>your profile</a>, and your name beside everything you peep.
        </p>
        <ProfileForm name={settings.name} bio={settings.bio} />
        {said('profile')}
      </section>
      <section className="card settings" aria-labelledby="picture-title">
        <h2 id="picture-title">Picture</h2>
        <div className="avatar-current">
          <Avatar
            name={settings.name}
            username={user.username}
            version={settings.avatarVersion}
            size="large"
            alt={settings.avatarVersion === null ? 'Your initials, shown until you upload a picture' : 'Your picture'}
          />
          {settings.avatarVersion !== null && <RemoveAvatarForm />}
        </div>
        <AvatarForm />
        {said('picture')}
        {said('removed')}
      </section>
    </>
  );
}
