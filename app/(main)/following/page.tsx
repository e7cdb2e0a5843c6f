import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Live } from '@/app/_components/live';
import { Sidebar } from '@/app/_components/sidebar';
import { PersonList } from '@/app/_components/person-list';
import { Timeline } from '@/app/_components/timeline';
import { TimelineTabs } from '@/app/_components/timeline-tabs';
import { readOrUnavailable, unavailablePage } from '@/app/_components/unavailable';
import { suggestPeopleToFollow } from '@/db/queries/follows';
import { listHomeTimeline } from '@/db/queries/timelines';
import { getViewer, type CurrentUser } from '@/auth/current-user';
import { BadPageLink, isFirstPage, parsePageRange, type PageRange } from '../before-param';
import { ComposeBox } from '../compose-box';

export const metadata: Metadata = { title: 'Following' };

export default async function FollowingPage({ searchParams }: { searchParams: Promise<{ before?: string | string[]; after?: string | string[] }> }) {
  const viewer = await getViewer();
  if (viewer.kind === 'anonymous') redirect('/login?next=/following');
  // Unknown (the database is down, so the session cannot be checked): the same page with a 503 notice for the
  // timeline, so the compose box stays where it was and a peep that could not be posted keeps its text.
  const user = viewer.kind === 'user' ? viewer.user : null;
  const range = parsePageRange(await searchParams);
  if (range === null) return <BadPageLink back="/following" />;
  const first = isFirstPage(range);
  return (
    <>
      <h1 className="visually-hidden">Peeps from people you follow</h1>
      <TimelineTabs current="following" />
      {first && <ComposeBox name={user?.name} returnTo="/following" />}
      {/* Rendered whole, not streamed: an outage in the timeline's query can still answer 503 (it costs no throughput). */}
      {user ? (
        <>
          {first && <Sidebar />}
          {first && <Live stream="following" viewerId={user.id} />}
          <HomeTimeline user={user} range={range} />
        </>
      ) : (
        unavailablePage()
      )}
    </>
  );
}

async function HomeTimeline({ user, range }: { user: CurrentUser; range: PageRange }) {
  const first = isFirstPage(range);
  const read = await readOrUnavailable(async () => {
    const page = await listHomeTimeline({ userId: user.id, viewerId: user.id, ...range });
    const suggestions = page.items.length === 0 && first ? await suggestPeopleToFollow({ userId: user.id }) : [];
    return { page, suggestions };
  });
  if (!read.ok) return read.page;
  // "Newer peeps" that reached the top is the first page, with its compose box and live updates.
  if (range.after && !read.value.page.newer) redirect('/following');
  const { page, suggestions } = read.value;
  return (
    <Timeline
      page={page}
      viewer={user}
      basePath="/following"
      empty={
        !first ? (
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
