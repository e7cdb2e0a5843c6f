import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BadPageLink, parseBefore } from '@/app/(main)/before-param';
import { PersonList } from '@/app/_components/person-list';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { listLikers } from '@/db/queries/likes';
import { encodeCursor } from '@/lib/cursor';
import { HiddenPeep, parsePeepId as peepId, readShownPeep } from '../shown-peep';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ before?: string | string[] }> };

export const metadata: Metadata = { title: 'Liked by' };

/** /p/ID/likes: who liked a peep, newest first, without the people the viewer hides. */
export default async function LikedByPage({ params, searchParams }: Props) {
  const [{ id: raw }, { before }] = await Promise.all([params, searchParams]);
  const id = peepId(raw);
  if (!id) notFound();
  const cursor = parseBefore(before);
  if (cursor === null) return <BadPageLink back={`/p/${id}/likes`} />;
  const read = await readOrUnavailable(async () => {
    const shown = await readShownPeep(id);
    // Nothing of a peep hidden by a block is shown, its likers included.
    const list = shown.peep && !shown.block ? await listLikers({ peepId: id, viewerId: shown.viewer?.id, before: cursor }) : null;
    return { ...shown, list };
  });
  if (!read.ok) return read.page;
  const { viewer, peep, block, list } = read.value;
  if (!peep) notFound();
  if (block) return <HiddenPeep author={peep.author} block={block} />;
  if (!list) notFound();
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
