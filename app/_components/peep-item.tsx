import type { PeepView } from '@/db/queries/timelines';
import type { CurrentUser } from '@/auth/current-user';
import { Avatar } from './avatar';
import { PeepActions } from './peep-actions';
import { PeepBody } from './peep-body';
import { RelativeTime } from './relative-time';

type Person = { username: string; name: string };

type Props = {
  peep: PeepView;
  viewer?: CurrentUser | null;
  /** When this appearance is a repost: the newest reposter, the next newest, and how many reposted it in all. */
  repostedBy?: Person | null;
  alsoRepostedBy?: Person | null;
  reposterCount?: number;
  /** Where a button on this peep returns to. */
  returnTo: string;
  /** False for a peep shown to be confirmed (the delete page): no buttons under it. */
  actions?: boolean;
  /** Below the first screenful: its author's picture loads as it scrolls into view. */
  lazy?: boolean;
};

/** Names several reposters as Twitter does: "B", "B and C", or "B and 3 others". */
function reposters(second: Person | null | undefined, count: number): { others: number; second: Person | null } {
  if (count <= 1) return { others: 0, second: null };
  if (count === 2 && second) return { others: 0, second };
  return { others: count - 1, second: null };
}

// Plain anchors, not next/link: a timeline has 150 of them, and each Link is a client component to render and hydrate.
export function PeepItem({ peep, viewer, repostedBy, alsoRepostedBy, reposterCount = 1, returnTo, actions = true, lazy = false }: Props) {
  const profile = `/u/${peep.author.username}`;
  const mine = viewer?.username === peep.author.username;
  const more = repostedBy ? reposters(alsoRepostedBy, reposterCount) : null;
  const othersText = more?.others ? ` and ${more.others.toLocaleString('en-US')} ${more.others === 1 ? 'other' : 'others'}` : '';
  const label = repostedBy ? `, reposted by ${repostedBy.name}${more?.second ? ` and ${more.second.name}` : othersText}` : '';
  return (
    <article className="peep" data-peep-id={peep.id} aria-label={`Peep by ${peep.author.name}${label}`}>
      {repostedBy && (
        <p className="reposted-by">
          <span aria-hidden="true">↻ </span>reposted by <a href={`/u/${repostedBy.username}`}><bdi>{repostedBy.name}</bdi></a>
          {more?.second && (
            <>
              {' and '}
              <a href={`/u/${more.second.username}`}>
                <bdi>{more.second.name}</bdi>
              </a>
            </>
          )}
          {othersText}
        </p>
      )}
      {/* The name beside it is the link people use; this one is for the pointer only. */}
      <a href={profile} className="peep-avatar" tabIndex={-1} aria-hidden="true">
        <Avatar name={peep.author.name} username={peep.author.username} version={peep.author.avatarVersion} lazy={lazy} />
      </a>
      <div className="peep-main">
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
        <PeepBody body={peep.body} mentionedAs={peep.mentionedAs} />
        {actions && (
          <PeepActions
            peepId={peep.id}
            authorName={peep.author.name}
            reposted={peep.reposted}
            repostCount={peep.repostCount}
            canRepost={Boolean(viewer)}
            liked={peep.liked}
            likeCount={peep.likeCount}
            mine={mine}
            returnTo={returnTo}
            afterDelete={returnTo.startsWith('/p/') ? profile : returnTo}
          />
        )}
      </div>
    </article>
  );
}
