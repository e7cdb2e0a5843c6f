'use client';

import { useEffect, useState } from 'react';

// The header and the side nav each show the count; one event keeps both current.
const UNREAD_EVENT = 'chitter:unread';
// Mirrors UNREAD_SHOWN_MAX in db/queries/notifications.ts (a client module cannot import it).
const SHOWN_MAX = 20;

/** Tells every count on the page the new number of unread notifications. */
export function announceUnread(count: number): void {
  window.dispatchEvent(new CustomEvent<number>(UNREAD_EVENT, { detail: count }));
}

/** Reads the count again (a live event said it changed) and shows it; a failure leaves the count as it was. */
export async function refreshUnread(): Promise<void> {
  try {
    const res = await fetch('/api/notifications/unread', { cache: 'no-store' });
    if (!res.ok) return;
    const { count } = (await res.json()) as { count: number };
    announceUnread(count);
  } catch {
    // Offline: the next event or page load corrects it.
  }
}

/** The unread count, as rendered and then as live events change it. */
export function useUnreadCount(rendered: number): number {
  const [shown, setShown] = useState({ rendered, count: rendered });
  // A fresh render of the page (navigating, or a form's answer) brings a fresh count from the server.
  if (shown.rendered !== rendered) setShown({ rendered, count: rendered });
  useEffect(() => {
    const update = (event: Event) => setShown((s) => ({ ...s, count: (event as CustomEvent<number>).detail }));
    window.addEventListener(UNREAD_EVENT, update);
    return () => window.removeEventListener(UNREAD_EVENT, update);
  }, []);
  return shown.rendered !== rendered ? rendered : shown.count;
}

/** "Notifications, 3 unread", for the link's accessible name. */
export function notificationsLabel(count: number): string {
  if (count <= 0) return 'Notifications';
  return `Notifications, ${count > SHOWN_MAX ? `more than ${SHOWN_MAX}` : count} unread`;
}

/** The visible badge, "3" or "20+"; nothing when all are read. Hidden from screen readers, which hear the link's label. */
export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="unread-badge" aria-hidden="true">
      {count > SHOWN_MAX ? `${SHOWN_MAX}+` : count}
    </span>
  );
}
