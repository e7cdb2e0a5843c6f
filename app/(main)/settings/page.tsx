import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { findEmailSettings } from '@/db/queries/users';
import { getCurrentUser } from '@/lib/session';
import { saveSettings } from './actions';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect('/login?next=/settings');
  const read = await readOrUnavailable(() => findEmailSettings({ userId: user.id }));
  if (!read.ok) return read.page;
  if (!read.value) redirect('/login?next=/settings');
  const { saved } = await searchParams;
  return (
    <section className="card settings">
      <h1>Settings</h1>
      <form action={saveSettings} className="settings">
        <fieldset>
          <legend>Email ({read.value.email})</legend>
          <label className="checkbox">
            <input type="checkbox" name="mentionEmails" defaultChecked={read.value.mentionEmails} />
            <span>Email me when someone mentions me in a peep</span>
          </label>
        </fieldset>
        <fieldset>
          <legend>Privacy</legend>
          <label className="checkbox">
            <input type="checkbox" name="showOnline" defaultChecked={!read.value.hideOnline} />
            <span>Show others when I’m online (in “Who’s online” and on my profile)</span>
          </label>
        </fieldset>
        <div>
          <button type="submit">Save settings</button>
        </div>
        {saved && (
          <p className="success" role="status">
            Settings saved.
          </p>
        )}
      </form>
    </section>
  );
}
