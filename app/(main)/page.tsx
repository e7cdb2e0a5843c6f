import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Live } from '@/app/_components/live';
import { Sidebar } from '@/app/_components/sidebar';
import { Timeline } from '@/app/_components/timeline';
import { TimelineTabs } from '@/app/_components/timeline-tabs';
import { readOrUnavailable, unavailablePage } from '@/app/_components/unavailable';
import { listPublicTimeline } from '@/db/queries/timelines';
import { getViewer } from '@/auth/current-user';
import { BadPageLink, isFirstPage, parsePageRange } from './before-param';
import { ComposeBox } from './compose-box';

export default async function EveryonePage({ searchParams }: { searchParams: Promise<{ before?: string | string[]; after?: string | string[] }> }) {
  const range = parsePageRange(await searchParams);
  if (range === null) return <BadPageLink back="/" />;
  const first = isFirstPage(range);
  const viewer = await getViewer();
  const user = viewer.kind === 'user' ? viewer.user : null;
  // Unknown (the database is down, so the session cannot be checked): the page keeps its compose box, so a peep that
  // could not be posted keeps its text, with a 503 notice in place of the timeline.
  const read = viewer.kind === 'unknown' ? null : await readOrUnavailable(() => listPublicTimeline({ ...range, viewerId: user?.id }));
  if (read && !read.ok) return read.page;
  // "Newer peeps" that reached the top is the first page, with its compose box and live updates.
  if (range.after && read && !read.value.newer) redirect('/');
  const loggedIn = viewer.kind !== 'anonymous';
  return (
    <>
      <h1 className="visually-hidden">Everyone’s peeps</h1>
      {loggedIn && <TimelineTabs current="everyone" />}
      {first &&
        (loggedIn ? (
          <ComposeBox name={user?.name} returnTo="/" />
        ) : (
          <section className="landing card" aria-labelledby="landing-title">
            <h2 id="landing-title">Chitter is our community’s microblog: short posts anyone can read, as they happen.</h2>
            <p>Sign up to peep, follow people and hear when someone mentions you.</p>
            <p className="landing-actions">
              <Link href="/signup" className="button">
                Sign up
              </Link>
              <Link href="/login" className="button secondary">
                Log in
              </Link>
            </p>
          </section>
        ))}
      {first && read && <Sidebar />}
      {first && read && <Live stream="everyone" viewerId={user?.id} />}
      {read ? <Timeline page={read.value} viewer={user} basePath="/" empty={!first ? 'No older peeps.' : 'No peeps yet. Be the first!'} /> : unavailablePage()}
    </>
  );
}
