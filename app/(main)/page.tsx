import Link from 'next/link';
import { OnlinePanel } from '@/app/_components/online-panel';
import { Timeline } from '@/app/_components/timeline';
import { TimelineTabs } from '@/app/_components/timeline-tabs';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { listPublicTimeline } from '@/db/queries/timelines';
import { getCurrentUser } from '@/lib/session';
import { BadPageLink, parseBefore } from './before-param';
import { ComposeBox } from './compose-box';

export default async function EveryonePage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const cursor = parseBefore((await searchParams).before);
  if (cursor === null) return <BadPageLink back="/" />;
  const read = await readOrUnavailable(async () => {
    const user = await getCurrentUser();
    return [user, await listPublicTimeline({ before: cursor, viewerId: user?.id })] as const;
  });
  if (!read.ok) return read.page;
  const [user, page] = read.value;
  return (
    <>
      <h1 className="visually-hidden">Everyone’s peeps</h1>
      {user && <TimelineTabs current="everyone" />}
      {!cursor &&
        (user ? (
          <ComposeBox name={user.name} returnTo="/" />
        ) : (
          <p className="prompt">
            <Link href="/login">Log in</Link> or <Link href="/signup">sign up</Link> to peep.
          </p>
        ))}
      {!cursor && <OnlinePanel />}
      <Timeline page={page} viewer={user} basePath="/" empty={cursor ? 'No older peeps.' : 'No peeps yet. Be the first!'} />
    </>
  );
}
