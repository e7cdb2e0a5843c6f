import type { Metadata } from 'next';
import { Live } from '@/app/_components/live';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { isBlockedBetween } from '@/db/queries/mutes-and-blocks';
import { findPeep } from '@/db/queries/timelines';
import { getCurrentUser } from '@/auth/current-user';
import { BadPageLink, parseBefore } from '../../before-param';
import { Thread } from './thread';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ reply?: string | string[]; after?: string | string[] }> };

function peepId(raw: string): number | null {
  return /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = peepId((await params).id);
  const read = id ? await readOrUnavailable(() => findPeep({ id })) : null;
  const peep = read?.ok ? read.value : null;
  return { title: peep ? `${peep.author.name}: “${peep.body.slice(0, 60)}”` : 'Peep not found' };
}

export default async function PeepPage({ params, searchParams }: Props) {
  const id = peepId((await params).id);
  if (!id) notFound();
  const query = await searchParams;
  // `?after=` pages through the replies; a cursor this app did not make is a 400.
  const after = parseBefore(query.after);
  if (after === null) return <BadPageLink back={`/p/${id}`} />;
  const read = await readOrUnavailable(async () => {
    const viewer = await getCurrentUser();
    const peep = await findPeep({ id, viewerId: viewer?.id });
    // Whether one of the viewer and the author blocks the other: then the peep is not shown to them.
    const block = peep && viewer && viewer.username !== peep.author.username ? await isBlockedBetween({ viewerId: viewer.id, username: peep.author.username }) : null;
    return [peep, viewer, block] as const;
  });
  if (!read.ok) return read.page;
  const [peep, viewer, block] = read.value;
  if (!peep) notFound();
  if (block?.blockedByViewer || block?.blocksViewer) {
    const author = peep.author;
    return (
      <section className="card notice">
        <h1>This peep is hidden</h1>
        <p>
          {block.blockedByViewer ? `You’ve blocked @${author.username}, ` : `@${author.username} has blocked you, `}
          so neither of you sees the other’s peeps. <Link href={`/u/${author.username}`}>Go to @{author.username}’s profile</Link>
        </p>
      </section>
    );
  }
  return (
    <>
      <h1 className="visually-hidden">
        Peep by <bdi>{peep.author.name}</bdi>
      </h1>
      <Live stream={`p:${peep.id}`} viewerId={viewer?.id} />
      <Thread peep={peep} viewer={viewer} after={after} focusReply={query.reply === '1'} />
    </>
  );
}
