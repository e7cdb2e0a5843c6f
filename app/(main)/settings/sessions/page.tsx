import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SafeForm } from '@/app/_components/safe-form';
import { readOrUnavailable, unavailablePage } from '@/app/_components/unavailable';
import { getViewer } from '@/auth/current-user';
import { listLiveSessions, sessionKeyOf } from '@/db/queries/sessions';
import { endOtherSessions } from './actions';
import { SessionItem } from './_components/session-item';

export const metadata: Metadata = { title: 'Sessions' };

const PAGE = '/settings/sessions';

/** What the page says after ending sessions, from the redirect that followed: `?ended=1`, or `?ended=N&others=1`. */
function endedMessage({ ended, others }: { ended?: string; others?: string }): string | null {
  if (ended === undefined || !/^\d{1,6}$/.test(ended)) return null;
  if (!others) return 'Logged out of that session. It’s logged out on its next request.';
  const n = Number(ended);
  if (n === 0) return 'There were no other sessions to log out of.';
  return `Logged out of ${n.toLocaleString('en-US')} other session${n === 1 ? '' : 's'}. Only this device is still logged in.`;
}

export default async function SessionsPage({ searchParams }: { searchParams: Promise<{ ended?: string; others?: string }> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'unknown') return unavailablePage();
  if (viewer.kind === 'anonymous') redirect(`/login?next=${encodeURIComponent(PAGE)}`);
  const read = await readOrUnavailable(() => listLiveSessions({ userId: viewer.user.id }));
  if (!read.ok) return read.page;
  const { sessions, more } = read.value;
  const currentKey = sessionKeyOf(viewer.sessionId);
  // This device first, then the others by their last activity.
  const listed = [...sessions.filter((s) => s.key === currentKey), ...sessions.filter((s) => s.key !== currentKey)];
  const others = listed.length - (listed[0]?.key === currentKey ? 1 : 0);
  const message = endedMessage(await searchParams);
  return (
    <section className="card settings" aria-labelledby="sessions-title">
      <h1 id="sessions-title">Sessions</h1>
      <p className="hint">Everywhere you’re logged in to Chitter. Log out of a session you don’t recognise: that device is logged out at once. Logging out of all other sessions keeps your{' '}
        <Link href="/settings/tokens">API tokens</Link>; revoke those on their own page.
      </p>
      {message && (
        <p className="success" role="status">
          {message}
        </p>
      )}
      <ul className="people sessions" aria-label="Your sessions">
        {listed.map((session) => (
          <SessionItem key={session.key} session={session} current={session.key === currentKey} />
        ))}
      </ul>
      {more && <p className="hint">Only your {listed.length} most recently active sessions are listed. Logging out of all other sessions ends the rest too.</p>}
      {others > 0 || more ? (
        <SafeForm action={endOtherSessions} kept="every session is as it was">
          <button type="submit" className="danger-button">
            Log out of all other sessions
          </button>
        </SafeForm>
      ) : (
        <p className="hint">You aren’t logged in anywhere else.</p>
      )}
    </section>
  );
}
