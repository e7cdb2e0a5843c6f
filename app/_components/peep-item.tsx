import { deletePeep, repost, unrepost } from '@/app/(main)/actions';
import type { PeepView } from '@/db/queries/timelines';
import type { CurrentUser } from '@/lib/session';
import { PeepBody } from './peep-body';
import { RelativeTime } from './relative-time';

type Props = {
  peep: PeepView;
  viewer?: CurrentUser | null;
  repostedBy?: { username: string; name: string } | null;
  /** Where a button on this peep returns to. */
  returnTo: string;
};

// Plain anchors, not next/link: a timeline has 150 of them, and each Link is a client component to render and hydrate.
export function PeepItem({ peep, viewer, repostedBy, returnTo }: Props) {
  const profile = `/u/${peep.author.username}`;
  const mine = viewer?.username === peep.author.username;
  const reposts = `${peep.repostCount} ${peep.repostCount === 1 ? 'repost' : 'reposts'}`;
  return (
    <article className="peep" aria-label={`Peep by ${peep.author.name}${repostedBy ? `, reposted by ${repostedBy.name}` : ''}`}>
      {repostedBy && (
        <p className="reposted-by">
          <span aria-hidden="true">↻ </span>reposted by <a href={`/u/${repostedBy.username}`}>{repostedBy.name}</a>
        </p>
      )}
      <header className="peep-meta">
        <a href={profile} className="peep-name">
          {peep.author.name}
        </a>{' '}
        <a href={profile} className="peep-handle">
          @{peep.author.username}
        </a>
        <span aria-hidden="true"> · </span>
        <a href={`/p/${peep.id}`} className="peep-time">
          <RelativeTime iso={peep.createdAt.toISOString()} />
        </a>
      </header>
      <PeepBody body={peep.body} mentions={peep.mentions} />
      <footer className="peep-actions">
        {viewer ? (
          <form action={peep.reposted ? unrepost : repost}>
            <input type="hidden" name="peepId" value={peep.id} />
            <input type="hidden" name="next" value={returnTo} />
            <button type="submit" className={peep.reposted ? 'action-button active' : 'action-button'} aria-pressed={peep.reposted}>
              <span aria-hidden="true">↻</span> {peep.reposted ? 'Reposted' : 'Repost'}
              <span className="visually-hidden"> peep by {peep.author.name}</span>
            </button>
          </form>
        ) : null}
        <span className="repost-count">{reposts}</span>
        {mine && (
          <form action={deletePeep}>
            <input type="hidden" name="peepId" value={peep.id} />
            <input type="hidden" name="next" value={returnTo.startsWith('/p/') ? profile : returnTo} />
            <button type="submit" className="action-button">
              Delete<span className="visually-hidden"> this peep</span>
            </button>
          </form>
        )}
      </footer>
    </article>
  );
}
