'use client';

import { useEffect, useState } from 'react';
import { formatFullTime, formatRelativeTime } from '@/lib/time';

/**
 * The server writes the absolute time (a cached page may be served for a while, and "3m" would go stale in it);
 * the browser turns it into "now", "3m", "2h" or "Nov 20" in the reader's time zone and keeps it current.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const date = new Date(iso);
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    const tick = () => setNow(new Date());
    tick();
    const timer = setInterval(tick, 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={iso} title={formatFullTime(date, now ? undefined : 'UTC')}>
      {now ? formatRelativeTime(date, now) : formatFullTime(date, 'UTC')}
    </time>
  );
}
