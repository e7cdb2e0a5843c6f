'use client';

import { useEffect } from 'react';
import { refreshUnread } from '@/app/_components/unread-count';
import { markShownNotificationsRead } from './actions';

/**
 * Once the page is shown with JavaScript, marks what it shows read (a prefetch never runs this), then reads the
 * header's count again: anything newer than the page is still unread.
 */
export function MarkRead({ upTo }: { upTo: number }) {
  useEffect(() => {
    markShownNotificationsRead(upTo)
      .then(() => refreshUnread())
      .catch(() => {
        // Offline or refused: the count stays, and the next visit tries again.
      });
  }, [upTo]);
  return null;
}
