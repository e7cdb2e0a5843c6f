import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { BadPageLink, parseBefore } from '@/app/(main)/before-param';
import { listFollowPeople } from '@/db/queries/follows';
import { findRenamedHandle } from '@/db/queries/handles';
import { findProfile } from '@/db/queries/people';
import { encodeCursor } from '@/lib/cursor';
import { getCurrentUser } from '@/auth/current-user';
import { isHandle } from '@/lib/validation';
import { PersonList } from './person-list';
import { readOrUnavailable } from './unavailable';

/** The followers of a person, or the people they follow. */
export async function FollowPeoplePage({ username, direction, before }: { username: string; direction: 'followers' | 'following'; before?: string | string[] }) {
  if (!isHandle(username)) notFound();
  const cursor = parseBefore(before);
  const base = `/u/${username}/${direction}`;
  if (cursor === null) return <BadPageLink back={base} />;
  const read = await readOrUnavailable(async () => {
    const viewer = await getCurrentUser();
    const profile = await findProfile({ username });
    const list = profile ? await listFollowPeople({ userId: profile.id, direction, viewerId: viewer?.id, before: cursor }) : null;
    return { viewer, profile, list, renamedTo: profile ? null : await findRenamedHandle({ handle: username }) };
  });
  if (!read.ok) return read.page;
  const { viewer, profile, list, renamedTo } = read.value;
  // A handle given up by a change leads to its person for 30 days.
  if (renamedTo) redirect(`/u/${renamedTo}/${direction}`);
  if (!profile || !list) notFound();
  const title = direction === 'followers' ? `People following ${profile.name}` : `People ${profile.name} follows`;
  const heading =
    direction === 'followers' ? (
      <>
        People following <bdi>{profile.name}</bdi>
      </>
    ) : (
      <>
        People <bdi>{profile.name}</bdi> follows
      </>
    );
  return (
    <section>
      <p>
        <Link href={`/u/${profile.username}`}>← @{profile.username}</Link>
      </p>
      <h1 className="page-title">{heading}</h1>
      {list.people.length === 0 ? (
        <p className="empty">{direction === 'followers' ? 'No followers yet.' : 'Not following anyone yet.'}</p>
      ) : (
        <PersonList people={list.people} viewer={viewer} returnTo={`/u/${profile.username}/${direction}`} label={title} />
      )}
      {list.next && (
        <nav className="pager" aria-label="Pagination">
          <Link href={`/u/${profile.username}/${direction}?before=${encodeCursor(list.next)}`} rel="next" prefetch={false}>
            More
          </Link>
        </nav>
      )}
    </section>
  );
}
