import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { OnlinePanel } from '@/app/_components/online-panel';
import { PersonList } from '@/app/_components/person-list';
import { Timeline } from '@/app/_components/timeline';
import { TimelineTabs } from '@/app/_components/timeline-tabs';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { suggestPeopleToFollow } from '@/db/queries/follows';
import { listHomeTimeline } from '@/db/queries/timelines';
import type { Cursor } from '@/lib/cursor';
import { getCurrentUser, type CurrentUser } from '@/lib/session';
import { BadPageLink, parseBefore } from '../before-param';
import { ComposeBox } from '../compose-box';

export const metadata: Metadata = { title: 'Following' };

export default async function FollowingPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const user = await getCurrentUser();
  if (!user) redirect('/login?next=/following');
  const cursor = parseBefore((await searchParams).before);
  if (cursor === null) return <BadPageLink back="/following" />;
  return (
    <>
      <h1 className="visually-hidden">Peeps from people you follow</h1>
      <TimelineTabs current="following" />
      {!cursor && <ComposeBox name={user.name} returnTo="/following" />}
      {/* The shell above goes out at once; the timeline and the online panel stream in when their queries answer. */}
      <Suspense fallback={<p className="loading">Loading peeps…</p>}>
        {!cursor && <OnlinePanel />}
        <HomeTimeline user={user} cursor={cursor} />
      </Suspense>
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
            <h2>Welcome to Chitter, {user.name}!</h2>
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
