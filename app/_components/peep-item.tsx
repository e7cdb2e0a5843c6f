import type { PeepView } from '@/db/queries/timelines';
import type { CurrentUser } from '@/auth/current-user';
import { PeepActions } from './peep-actions';
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
  return (
    <article className="peep" data-peep-id={peep.id} aria-label={`Peep by ${peep.author.name}${repostedBy ? `, reposted by ${repostedBy.name}` : ''}`}>
      {repostedBy && (
        <p className="reposted-by">
          <span aria-hidden="true">↻ </span>reposted by <a href={`/u/${repostedBy.username}`}><bdi>{repostedBy.name}</bdi></a>
        </p>
      )}
      <header className="peep-meta">
        <a href={profile} className="peep-name">
          <bdi>{peep.author.name}</bdi>
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
      <PeepActions
        peepId={peep.id}
        authorName={peep.author.name}
        reposted={peep.reposted}
        repostCount={peep.repostCount}
        canRepost={Boolean(viewer)}
        mine={mine}
        returnTo={returnTo}
        afterDelete={returnTo.startsWith('/p/') ? profile : returnTo}
      />
    </article>
  );
}
