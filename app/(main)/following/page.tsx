import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Live } from '@/app/_components/live';
import { OnlinePanel } from '@/app/_components/online-panel';
import { PersonList } from '@/app/_components/person-list';
import { Timeline } from '@/app/_components/timeline';
import { TimelineTabs } from '@/app/_components/timeline-tabs';
import { readOrUnavailable, unavailablePage } from '@/app/_components/unavailable';
import { suggestPeopleToFollow } from '@/db/queries/follows';
import { listHomeTimeline } from '@/db/queries/timelines';
import type { Cursor } from '@/lib/cursor';
import { getViewer, type CurrentUser } from '@/auth/current-user';
import { BadPageLink, parseBefore } from '../before-param';
import { ComposeBox } from '../compose-box';

export const metadata: Metadata = { title: 'Following' };

export default async function FollowingPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'anonymous') redirect('/login?next=/following');
  // Unknown (the database is down, so the session cannot be checked): the same page with a 503 notice for the
  // timeline, so the compose box stays where it was and a peep that could not be posted keeps its text.
  const user = viewer.kind === 'user' ? viewer.user : null;
  const cursor = parseBefore((await searchParams).before);
  if (cursor === null) return <BadPageLink back="/following" />;
  return (
    <>
      <h1 className="visually-hidden">Peeps from people you follow</h1>
      <TimelineTabs current="following" />
      {!cursor && <ComposeBox name={user?.name} returnTo="/following" />}
      {/* Rendered whole, not streamed: an outage in the timeline's query can still answer 503 (it costs no throughput). */}
      {user ? (
        <>
          {!cursor && <OnlinePanel />}
          {!cursor && <Live stream="following" viewerId={user.id} />}
          <HomeTimeline user={user} cursor={cursor} />
        </>
      ) : (
        unavailablePage()
      )}
    </>
  );
}

async function HomeTimeline({ user, cursor }: { user: CurrentUser; cursor: Cursor | undefined }) {
  const read = await readOrUnavailable(async () => {
    const page = await listHomeTimeline({ userId: user.id, viewerId: user.id, before: cursor });
    const suggestions = page.items.length === 0 && !cursor ? await suggestPeopleToFollow({ userId: user.id }) : [];
    return { page, suggestions };
  });
  if (!read.ok) return read.page;
  const { page, suggestions } = read.value;
  return (
    <Timeline
      page={page}
      viewer={user}
      basePath="/following"
      empty={
        cursor ? (
          'No older peeps.'
        ) : (
          <div className="welcome">
            <h2>
              Welcome to Chitter, <bdi>{user.name}</bdi>!
            </h2>
            <p>
              Peeps from people you follow appear here.{' '}
              {suggestions.length > 0 ? (
                'Here are a few people who peeped lately:'
              ) : (
                <>
                  Find people with the search box, or read <Link href="/">everyone’s peeps</Link>.
                </>
              )}
            </p>
            {suggestions.length > 0 && <PersonList people={suggestions} viewer={user} returnTo="/following" label="People to follow" />}
          </div>
        )
      }
    />
  );
}
