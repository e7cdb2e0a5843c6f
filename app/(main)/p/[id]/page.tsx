import type { Metadata } from 'next';
import { Live } from '@/app/_components/live';
import { notFound } from 'next/navigation';
import { readOrUnavailable } from '@/app/_components/unavailable';
import { findPeep } from '@/db/queries/timelines';
import { BadPageLink, parseBefore } from '../../before-param';
import { HiddenPeep, parsePeepId as peepId, readShownPeep } from './shown-peep';
import { Thread } from './thread';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ reply?: string | string[]; after?: string | string[] }> };

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
  const read = await readOrUnavailable(() => readShownPeep(id));
  if (!read.ok) return read.page;
  const { peep, viewer, block } = read.value;
  if (!peep) notFound();
  if (block) return <HiddenPeep author={peep.author} block={block} />;
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
