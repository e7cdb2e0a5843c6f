'use client';

import { useEffect, useState } from 'react';
import { formatFullTime, formatRelativeTime } from '@/lib/time';

/** Server-rendered in UTC, then redrawn in the reader's own time zone and kept current while the page is open. */
export function RelativeTime({ iso }: { iso: string }) {
  const date = new Date(iso);
  const [clock, setClock] = useState<{ now: Date; zone?: string }>({ now: new Date(), zone: 'UTC' });
  useEffect(() => {
    const tick = () => setClock({ now: new Date() });
    tick();
    const timer = setInterval(tick, 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={iso} title={formatFullTime(date, clock.zone)} suppressHydrationWarning>
      {formatRelativeTime(date, clock.now, clock.zone)}
    </time>
  );
}
