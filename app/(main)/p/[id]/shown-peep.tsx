import Link from 'next/link';
import { getCurrentUser, type CurrentUser } from '@/auth/current-user';
import { isBlockedBetween } from '@/db/queries/mutes-and-blocks';
import { findPeep, type PeepView } from '@/db/queries/timelines';

export function parsePeepId(raw: string): number | null {
  return /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null;
}

type Block = { blockedByViewer: boolean; blocksViewer: boolean };

/**
 * A peep as its pages (the thread, who liked it) read it: the viewer, the peep, and the block between the two, if
 * one stands, which hides the peep and everything about it from them.
 */
export async function readShownPeep(id: number): Promise<{ viewer: CurrentUser | null; peep: PeepView | null; block: Block | null }> {
  const viewer = await getCurrentUser();
  const peep = await findPeep({ id, viewerId: viewer?.id });
  const found = peep && viewer && viewer.username !== peep.author.username ? await isBlockedBetween({ viewerId: viewer.id, username: peep.author.username }) : null;
  return { viewer, peep, block: found?.blockedByViewer || found?.blocksViewer ? found : null };
}

export function HiddenPeep({ author, block }: { author: PeepView['author']; block: Block }) {
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
