'use client';

import { useEffect, useState } from 'react';
import { ONLINE_WINDOW_MS } from '@/lib/presence';
import { formatRelativeTime } from '@/lib/time';

/** "online" with a green dot, or "last seen 2h ago"; nothing for someone who hides it. Kept current in the browser. */
export function Presence({ lastSeenAt }: { lastSeenAt: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!lastSeenAt) return null;
  const seen = new Date(lastSeenAt);
  const online = now - seen.getTime() < ONLINE_WINDOW_MS;
  return (
    <p className="presence" suppressHydrationWarning>
      {online ? (
        <>
          <span className="dot" aria-hidden="true" /> online
        </>
      ) : (
        <>last seen {relativeAgo(seen, new Date(now))}</>
      )}
    </p>
  );
}

function relativeAgo(date: Date, now: Date): string {
  const short = formatRelativeTime(date, now, 'UTC');
  return /^\d+[mh]$/.test(short) ? `${short} ago` : short === 'now' ? 'just now' : `on ${short}`;
}
