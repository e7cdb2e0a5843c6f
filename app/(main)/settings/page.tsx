import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SafeForm } from '@/app/_components/safe-form';
import { readOrUnavailable, unavailablePage } from '@/app/_components/unavailable';
import { findEmailSettings } from '@/db/queries/users';
import { getViewer } from '@/auth/current-user';
import { saveSettings } from './actions';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return unavailablePage();
  if (viewer.kind === 'anonymous') redirect('/login?next=/settings');
  const read = await readOrUnavailable(() => findEmailSettings({ userId: viewer.user.id }));
  if (!read.ok) return read.page;
  if (!read.value) redirect('/login?next=/settings');
  const { saved } = await searchParams;
  return (
    <section className="card settings">
      <h1>Settings</h1>
      <SafeForm action={saveSettings} className="settings" kept="your choices are still here">
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
      </SafeForm>
    </section>
  );
}
