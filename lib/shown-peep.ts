import 'server-only';
import { isBlockedBetween } from '@/db/queries/mutes-and-blocks';
import { findPeep, type PeepView } from '@/db/queries/timelines';

export type PeepBlock = { blockedByViewer: boolean; blocksViewer: boolean };

/**
 * A peep as its pages (the thread, who liked it; on the web and in the API) read it, and the block between the
 * viewer and its author, if one stands: that hides the peep and everything about it from them.
 */
export async function findShownPeep({ id, viewer }: { id: number; viewer: { id: number; username: string } | null }): Promise<{ peep: PeepView | null; block: PeepBlock | null }> {
  const peep = await findPeep({ id, viewerId: viewer?.id });
  const found = peep && viewer && viewer.username !== peep.author.username ? await isBlockedBetween({ viewerId: viewer.id, username: peep.author.username }) : null;
  return { peep, block: found?.blockedByViewer || found?.blocksViewer ? found : null };
}

/** Why a block hides someone's peeps from the viewer, said the same way on the web and in the API. */
export function blockReason(username: string, block: PeepBlock): string {
  return `${block.blockedByViewer ? `You’ve blocked @${username}, ` : `@${username} has blocked you, `}so neither of you sees the other’s peeps.`;
}
