import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BadPageLink, parseBefore } from '@/app/(main)/before-param';
import { PersonList } from '@/app/_components/person-list';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { listLikers } from '@/db/queries/likes';
import { isBlockedBetween } from '@/db/queries/mutes-and-blocks';
import { findPeep } from '@/db/queries/timelines';
import { encodeCursor } from '@/lib/cursor';
import { getCurrentUser } from '@/auth/current-user';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ before?: string | string[] }> };

const peepId = (raw: string) => (/^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null);

export const metadata: Metadata = { title: 'Liked by' };

/** /p/ID/likes: who liked a peep, newest first, without the people the viewer hides. */
export default async function LikedByPage({ params, searchParams }: Props) {
  const [{ id: raw }, { before }] = await Promise.all([params, searchParams]);
  const id = peepId(raw);
  if (!id) notFound();
  const cursor = parseBefore(before);
  if (cursor === null) return <BadPageLink back={`/p/${id}/likes`} />;
  const read = await readOrUnavailable(async () => {
    const viewer = await getCurrentUser();
    const peep = await findPeep({ id, viewerId: viewer?.id });
    const block = peep && viewer && viewer.username !== peep.author.username ? await isBlockedBetween({ viewerId: viewer.id, username: peep.author.username }) : null;
    // Nothing of a peep hidden by a block is shown, its likers included.
    const list = peep && !block?.blockedByViewer && !block?.blocksViewer ? await listLikers({ peepId: id, viewerId: viewer?.id, before: cursor }) : null;
    return { viewer, peep, block, list };
  });
  if (!read.ok) return read.page;
  const { viewer, peep, block, list } = read.value;
  if (!peep) notFound();
  if (!list) {
    return (
      <section className="card notice">
        <h1>This peep is hidden</h1>
        <p>
          {block?.blockedByViewer ? `You’ve blocked @${peep.author.username}, ` : `@${peep.author.username} has blocked you, `}
          so neither of you sees the other’s peeps. <Link href={`/u/${peep.author.username}`}>Go to @{peep.author.username}’s profile</Link>
        </p>
      </section>
    );
  }
  const returnTo = `/p/${id}/likes`;
  return (
    <section>
      <p>
        <Link href={`/p/${id}`}>← Peep by {peep.author.name}</Link>
      </p>
      <h1 className="page-title">
        Liked by
      </h1>
      {list.people.length === 0 ? (
        <p className="empty">{cursor ? 'Nobody more.' : 'Nobody has liked this peep yet.'}</p>
      ) : (
        <PersonList people={list.people} viewer={viewer} returnTo={returnTo} label={`People who liked this peep by ${peep.author.name}`} />
      )}
      {list.next && (
        <nav className="pager" aria-label="Pagination">
          <Link href={`${returnTo}?before=${encodeCursor(list.next)}`} rel="next" prefetch={false}>
            More
          </Link>
        </nav>
      )}
    </section>
  );
}
