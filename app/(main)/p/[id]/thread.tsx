import { PeepItem } from '@/app/_components/peep-item';
import { readOrUnavailable } from '@/app/_components/unavailable';
import type { CurrentUser } from '@/auth/current-user';
import { listAncestors, listReplies } from '@/db/queries/threads';
import type { PeepView } from '@/db/queries/timelines';
import { encodeCursor, type Cursor } from '@/lib/cursor';
import { ComposeBox } from '../../compose-box';

type Props = { peep: PeepView; viewer: CurrentUser | null; after?: Cursor; focusReply: boolean };

/**
 * A peep in its conversation: the peeps it answers above it (oldest first, with a mark where one was deleted), the
 * box to reply, and its replies below, the author's own first, a page at a time.
 */
export async function Thread({ peep, viewer, after, focusReply }: Props) {
  const here = `/p/${peep.id}`;
  const read = await readOrUnavailable(() => Promise.all([listAncestors({ peepId: peep.id, viewerId: viewer?.id }), listReplies({ peepId: peep.id, viewerId: viewer?.id, after })]));
  if (!read.ok) return read.page;
  const [{ ancestors, deletedAbove, moreAbove }, { replies, next }] = read.value;
  const hasAbove = ancestors.length > 0 || deletedAbove || moreAbove !== null;
  return (
    <>
      {hasAbove && (
        <ol className="peeps thread-above" aria-label="Earlier in the conversation">
          {moreAbove !== null && (
            <li className="thread-gap">
              <a href={`/p/${moreAbove}`}>Show earlier peeps</a>
            </li>
          )}
          {deletedAbove && <li className="thread-gap">This peep was deleted</li>}
          {ancestors.map((ancestor) => (
            <li key={ancestor.id}>
              {ancestor.peep ? <PeepItem peep={ancestor.peep} viewer={viewer} returnTo={here} lazy /> : <p className="thread-gap">This peep is hidden</p>}
            </li>
          ))}
        </ol>
      )}
      <div className="peeps single">
        <PeepItem peep={peep} viewer={viewer} returnTo={here} />
      </div>
      {viewer ? (
        <ComposeBox name={viewer.name} returnTo={here} replyTo={{ peepId: peep.id, username: peep.author.username }} autoFocus={focusReply} />
      ) : (
        <p className="thread-log-in">
          <a href={`/login?next=${encodeURIComponent(here)}`}>Log in</a> to reply.
        </p>
      )}
      <section aria-labelledby="replies" className="replies">
        <h2 id="replies" className="section-title">
          {peep.replyCount > 0 ? `Replies (${peep.replyCount.toLocaleString('en-US')})` : 'Replies'}
        </h2>
        {replies.length === 0 ? (
          <p className="empty">{after ? 'No more replies.' : 'No replies yet.'}</p>
        ) : (
          <ol className="peeps" aria-label="Replies">
            {replies.map((reply) => (
              <li key={reply.id}>
                <PeepItem peep={reply} viewer={viewer} returnTo={here} lazy />
              </li>
            ))}
          </ol>
        )}
        {next && (
          <nav className="pager" aria-label="More replies">
            <a href={`${here}?after=${encodeCursor(next)}#replies`} rel="next">
              Show more replies
            </a>
          </nav>
        )}
      </section>
    </>
  );
}
