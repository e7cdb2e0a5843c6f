'use client';

import { useEffect, useRef, useState } from 'react';
import { deletePeep, repost, unrepost } from '@/app/(main)/actions';
import { LikeButton } from './like-button';
import { SafeForm } from './safe-form';

type Props = {
  peepId: number;
  authorName: string;
  reposted: boolean;
  repostCount: number;
  canRepost: boolean;
  liked: boolean;
  likeCount: number;
  mine: boolean;
  returnTo: string;
  afterDelete: string;
};

/**
 * A peep's buttons. A client component so that a timeline's server payload carries seven props per peep rather
 * than two forms' worth of elements; the forms still post without JavaScript, and with it a click that doesn't get
 * through says so in the row instead of losing the page.
 */
export function PeepActions({ peepId, authorName, reposted, repostCount, canRepost, liked, likeCount, mine, returnTo, afterDelete }: Props) {
  return (
    <footer className="peep-actions">
      {canRepost && (
        <SafeForm action={reposted ? unrepost : repost} compact>
          <input type="hidden" name="peepId" value={peepId} />
          <input type="hidden" name="next" value={returnTo} />
          <button type="submit" className={reposted ? 'action-button active' : 'action-button'} aria-pressed={reposted} aria-label={`${reposted ? 'Reposted' : 'Repost'}: peep by ${authorName}`}>
            ↻ {reposted ? 'Reposted' : 'Repost'}
          </button>
        </SafeForm>
      )}
      {/* Only a count worth reading: "0 reposts" under every peep is noise. */}
      {repostCount > 0 && <span className="repost-count">{`${repostCount.toLocaleString('en-US')} ${repostCount === 1 ? 'repost' : 'reposts'}`}</span>}
      <LikeButton peepId={peepId} authorName={authorName} liked={liked} likeCount={likeCount} canLike={canRepost} returnTo={returnTo} />
      {mine && <DeleteButton peepId={peepId} returnTo={returnTo} afterDelete={afterDelete} />}
    </footer>
  );
}

/**
 * Deleting asks first. Without JavaScript the Delete button opens the peep's confirmation page
 * (/p/ID/delete); with it, the question appears in place, with the confirming button and Cancel (which has focus, as
 * the harmless choice). Either way the delete itself is the same server action, which checks the peep is theirs.
 */
function DeleteButton({ peepId, returnTo, afterDelete }: { peepId: number; returnTo: string; afterDelete: string }) {
  const [asking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (wasAsking.current) opener.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <form
        action={`/p/${peepId}/delete`}
        method="get"
        onSubmit={(event) => {
          event.preventDefault();
          setAsking(true);
        }}
      >
        <input type="hidden" name="next" value={afterDelete} />
        <input type="hidden" name="back" value={returnTo} />
        <button ref={opener} type="submit" className="action-button" aria-label="Delete this peep">
          Delete
        </button>
      </form>
    );
  }
  return (
    <div
      className="confirm-delete"
      role="group"
      aria-label="Confirm deleting this peep"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setAsking(false);
      }}
    >
      <span>Delete this peep?</span>
      <SafeForm action={deletePeep} compact>
        <input type="hidden" name="peepId" value={peepId} />
        <input type="hidden" name="next" value={afterDelete} />
        <button type="submit" className="action-button danger">
          Yes, delete
        </button>
      </SafeForm>
      <button ref={cancel} type="button" className="action-button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}
