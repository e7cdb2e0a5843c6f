'use client';

import { deletePeep, repost, unrepost } from '@/app/(main)/actions';

type Props = { peepId: number; authorName: string; reposted: boolean; repostCount: number; canRepost: boolean; mine: boolean; returnTo: string; afterDelete: string };

/**
 * A peep's buttons. A client component so that a timeline's server payload carries seven props per peep rather
 * than two forms' worth of elements; the forms still post without JavaScript.
 */
export function PeepActions({ peepId, authorName, reposted, repostCount, canRepost, mine, returnTo, afterDelete }: Props) {
  return (
    <footer className="peep-actions">
      {canRepost && (
        <form action={reposted ? unrepost : repost}>
          <input type="hidden" name="peepId" value={peepId} />
          <input type="hidden" name="next" value={returnTo} />
          <button type="submit" className={reposted ? 'action-button active' : 'action-button'} aria-pressed={reposted} aria-label={`${reposted ? 'Reposted' : 'Repost'}: peep by ${authorName}`}>
            ↻ {reposted ? 'Reposted' : 'Repost'}
          </button>
        </form>
      )}
      <span className="repost-count">{`${repostCount} ${repostCount === 1 ? 'repost' : 'reposts'}`}</span>
      {mine && (
        <form action={deletePeep}>
          <input type="hidden" name="peepId" value={peepId} />
          <input type="hidden" name="next" value={afterDelete} />
          <button type="submit" className="action-button" aria-label="Delete this peep">
            Delete
          </button>
        </form>
      )}
    </footer>
  );
}
