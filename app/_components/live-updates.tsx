'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';

type Props = {
  /** everyone, following, u:<handle> or p:<id>: what this page shows. */
  stream: string;
  /** The newest change the page was rendered with; the stream replays anything after it. */
  since: number;
  /** The viewer's id: their own peeps are on the page already (posting re-renders it). */
  viewerId?: number;
};

type Change = { peepId: number | null; actorId: number | null };

export const PRESENCE_EVENT = 'chitter:presence';

const isShown = (peepId: number | null) => peepId !== null && document.querySelector(`[data-peep-id="${peepId}"]`) !== null;

/**
 * Keeps an open timeline current without moving it: new peeps and reposts wait behind a "Show N new peeps" pill (and
 * a count in the tab's title) until the reader asks for them; deleted peeps disappear at once. A peep's own page
 * refreshes its counts in place. Without JavaScript the page is simply as it was rendered.
 */
export function LiveUpdates({ stream, since, viewerId }: Props) {
  const router = useRouter();
  const [waiting, setWaiting] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const [showing, startShowing] = useTransition();
  const title = useRef<string | null>(null);

  useEffect(() => {
    const source = new EventSource(`/api/live?stream=${encodeURIComponent(stream)}&after=${since}`);
    const read = (event: MessageEvent<string>): Change => JSON.parse(event.data) as Change;
    const arrived = (kind: 'peep' | 'repost') => (event: MessageEvent<string>) => {
      const { peepId, actorId } = read(event);
      if (stream.startsWith('p:')) return router.refresh();
      if (kind === 'peep' && actorId === viewerId) return;
      if (isShown(peepId)) return;
      const key = `${kind}:${peepId}:${actorId}`;
      setWaiting((keys) => (keys.includes(key) ? keys : [...keys, key]));
    };
    const gone = (event: MessageEvent<string>) => {
      const { peepId } = read(event);
      setWaiting((keys) => keys.filter((key) => !key.includes(`:${peepId}:`)));
      if (stream.startsWith('p:')) return router.refresh();
      for (const peep of document.querySelectorAll<HTMLElement>(`[data-peep-id="${peepId}"]`)) (peep.closest('li') ?? peep).hidden = true;
    };
    source.addEventListener('peep', arrived('peep'));
    source.addEventListener('repost', arrived('repost'));
    source.addEventListener('unrepost', () => stream.startsWith('p:') && router.refresh());
    // Only a peep's own page hears its likes (lib/live/streams.ts). A popular peep's burst of them refreshes its
    // count once a second, not once a like.
    let likesSettle: ReturnType<typeof setTimeout> | undefined;
    const likesChanged = () => (likesSettle ??= setTimeout(() => ((likesSettle = undefined), router.refresh()), 1000));
    source.addEventListener('like', likesChanged);
    source.addEventListener('unlike', likesChanged);
    source.addEventListener('delete', gone);
    source.addEventListener('presence', () => window.dispatchEvent(new Event(PRESENCE_EVENT)));
    source.addEventListener('reload', () => setStale(true));
    return () => {
      clearTimeout(likesSettle);
      source.close();
    };
  }, [stream, since, viewerId, router]);

  const count = waiting.length;
  useEffect(() => {
    title.current ??= document.title.replace(/^\(\d+\) /, '');
    document.title = count > 0 ? `(${count}) ${title.current}` : title.current;
  }, [count]);

  if (count === 0 && !stale) return null;
  const show = () =>
    startShowing(() => {
      router.refresh();
      setWaiting([]);
      setStale(false);
      document.querySelector('.peeps')?.scrollIntoView({ block: 'start' });
    });
  return (
    <div className="new-peeps" role="status">
      <button type="button" onClick={show} disabled={showing}>
        {count > 0 ? `Show ${count} new ${count === 1 ? 'peep' : 'peeps'}` : 'Show new peeps'}
      </button>
    </div>
  );
}
