'use client';

import { unstable_rethrow } from 'next/navigation';
import { startTransition, useActionState, useOptimistic, type FormEvent } from 'react';
import { like, toggleLike, unlike, type LikeRefusal } from '@/app/(main)/actions';
import { failureMessage } from './safe-form';

type Props = { peepId: number; authorName: string; liked: boolean; likeCount: number; canLike: boolean; returnTo: string };
type Shown = { liked: boolean; likeCount: number };

/**
 * Like or Unlike, and the count, which links to who liked it. With JavaScript the click shows at once (useOptimistic)
 * and, if the server refuses or never answers, goes back to what it was with the reason beside it; without it, the
 * form posts and the page comes back. Logged-out readers see the count only, as they do for reposts.
 */
export function LikeButton({ peepId, authorName, liked, likeCount, canLike, returnTo }: Props) {
  const [shown, show] = useOptimistic<Shown, Shown>({ liked, likeCount }, (_current, next) => next);
  const [refusal, dispatch, pending] = useActionState(async (_prev: LikeRefusal | null, form: FormData): Promise<LikeRefusal | null> => {
    const liking = form.get('liking') === '1';
    show({ liked: liking, likeCount: Math.max(0, shown.likeCount + (liking ? 1 : -1)) });
    try {
      return (await toggleLike(form)) ?? null;
    } catch (err) {
      // A redirect is the server's answer (liked, back to this page): it goes on to the router.
      unstable_rethrow(err);
      return { refused: failureMessage(err) };
    }
  }, null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    form.set('liking', shown.liked ? '0' : '1');
    startTransition(() => dispatch(form));
  };

  const count = shown.likeCount;
  return (
    <>
      {canLike && (
        // The action for the page as rendered; with JavaScript onSubmit decides from what is shown.
        <form className="compact-form" action={liked ? unlike : like} onSubmit={onSubmit} aria-busy={pending || undefined}>
          <input type="hidden" name="peepId" value={peepId} />
          <input type="hidden" name="next" value={returnTo} />
          <button type="submit" className={shown.liked ? 'action-button active' : 'action-button'} aria-pressed={shown.liked} aria-label={`${shown.liked ? 'Liked' : 'Like'}: peep by ${authorName}`}>
            <span aria-hidden="true">{shown.liked ? '♥' : '♡'}</span> {shown.liked ? 'Liked' : 'Like'}
          </button>
          <span className="form-failure" role="alert">
            {refusal && (
              <>
                {refusal.refused}
                {refusal.logIn && (
                  <>
                    {' '}
                    <a href={refusal.logIn}>Log in</a>
                  </>
                )}
              </>
            )}
          </span>
        </form>
      )}
      {/* As for reposts: only a count worth reading. */}
      {count > 0 && (
        <a href={`/p/${peepId}/likes`} className="repost-count">
          {`${count.toLocaleString('en-US')} ${count === 1 ? 'like' : 'likes'}`}
        </a>
      )}
    </>
  );
}
