import Link from 'next/link';
import { getCurrentUser, type CurrentUser } from '@/auth/current-user';
import type { PeepView } from '@/db/queries/timelines';
import { blockReason, findShownPeep, type PeepBlock } from '@/lib/shown-peep';

export { parsePeepId } from '@/lib/peep-id';

/** A peep as its pages read it, for the person whose session this is (see findShownPeep). */
export async function readShownPeep(id: number): Promise<{ viewer: CurrentUser | null; peep: PeepView | null; block: PeepBlock | null }> {
  const viewer = await getCurrentUser();
  return { viewer, ...(await findShownPeep({ id, viewer })) };
}

export function HiddenPeep({ author, block }: { author: PeepView['author']; block: PeepBlock }) {
  return (
    <section className="card notice">
      <h1>This peep is hidden</h1>
      <p>
        {blockReason(author.username, block)} <Link href={`/u/${author.username}`}>Go to @{author.username}’s profile</Link>
      </p>
    </section>
  );
}
