import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SafeForm } from '@/app/_components/safe-form';
import { readOrUnavailable, unavailablePage } from '@/app/_components/unavailable';
import { findEmailSettings } from '@/db/queries/users';
import { listMutedAndBlocked, type SilencedPerson } from '@/db/queries/mutes-and-blocks';
import { PersonNames } from '@/app/_components/person-list';
import { SilenceButton } from '@/app/_components/mute-block';
import { getViewer } from '@/auth/current-user';
import { saveSettings } from './actions';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return unavailablePage();
  if (viewer.kind === 'anonymous') redirect('/login?next=/settings');
  const userId = viewer.user.id;
  const read = await readOrUnavailable(() => Promise.all([findEmailSettings({ userId }), listMutedAndBlocked({ userId })]));
  if (!read.ok) return read.page;
  const [settings, silenced] = read.value;
  if (!settings) redirect('/login?next=/settings');
  const { saved } = await searchParams;
  return (
    <>
      <section className="card settings">
        <h1>Settings</h1>
        <SafeForm action={saveSettings} className="settings" kept="your choices are still here">
          <fieldset>
            <legend>Email ({settings.email})</legend>
            <label className="checkbox">
              <input type="checkbox" name="mentionEmails" defaultChecked={settings.mentionEmails} />
              <span>Email me when someone mentions me in a peep</span>
            </label>
            <label className="checkbox">
              <input type="checkbox" name="replyEmails" defaultChecked={settings.replyEmails} />
              <span>Email me when someone replies to my peep</span>
            </label>
          </fieldset>
          <fieldset>
            <legend>Privacy</legend>
            <label className="checkbox">
              <input type="checkbox" name="showOnline" defaultChecked={!settings.hideOnline} />
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
      <SilencedList
        title="Muted people"
        action="unmute"
        people={silenced.muted}
        total={silenced.mutedCount}
        none="You haven’t muted anyone. Mute someone from the More menu on their profile to hide their peeps from your timelines, quietly."
      />
      <SilencedList
        title="Blocked people"
        action="unblock"
        people={silenced.blocked}
        total={silenced.blockedCount}
        none="You haven’t blocked anyone. Blocking someone, from the More menu on their profile, also ends your follows and keeps them from following you."
      />
      <section className="card settings" aria-labelledby="api-heading">
        <h2 id="api-heading">Scripts and apps</h2>
        <p>
          Chitter has a JSON API, and a terminal client (<code>npx chitter</code>) built on it. See the <a href="/api/docs">API reference</a> for how to get a token
          and what each endpoint does.
        </p>
      </section>
    </>
  );
}

function SilencedList({ title, action, people, total, none }: { title: string; action: 'unmute' | 'unblock'; people: SilencedPerson[]; total: number; none: string }) {
  const id = title.toLowerCase().replace(/\W+/g, '-');
  return (
    <section className="card settings" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {people.length === 0 ? (
        <p className="hint">{none}</p>
      ) : (
        <ul className="people silenced" aria-label={title}>
          {people.map((person) => (
            <li key={person.username} className="person">
              <PersonNames name={person.name} username={person.username} />
              <SilenceButton action={action} username={person.username} name={person.name} returnTo="/settings" />
            </li>
          ))}
        </ul>
      )}
      {total > people.length && <p className="hint">And {(total - people.length).toLocaleString('en-US')} more, not listed.</p>}
    </section>
  );
}
