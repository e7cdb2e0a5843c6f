'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { OnlinePeople } from '@/db/queries/people';
import { Avatar } from './avatar';
import { PRESENCE_EVENT } from './live-updates';

/** "Who's online", fetched again whenever the page's live stream says someone came online. */
export function OnlineList({ initial }: { initial: OnlinePeople }) {
  // What was fetched since this render's list: a fresh render of the page supersedes it.
  const [fetched, setFetched] = useState<{ since: OnlinePeople; online: OnlinePeople } | null>(null);
  const online = fetched?.since === initial ? fetched.online : initial;
  useEffect(() => {
    let latest: AbortController | null = null;
    const refresh = async () => {
      latest?.abort();
      latest = new AbortController();
      try {
        const res = await fetch('/api/online', { signal: latest.signal });
        if (res.ok) setFetched({ since: initial, online: (await res.json()) as OnlinePeople });
      } catch {
        // Offline or superseded: the panel keeps what it showed.
      }
    };
    window.addEventListener(PRESENCE_EVENT, refresh);
    return () => {
      window.removeEventListener(PRESENCE_EVENT, refresh);
      latest?.abort();
    };
  }, [initial]);
  // On phones the list waits behind its heading, so the first peep is in view; wider screens always show it (globals.css).
  return (
    <aside className="online card" aria-labelledby="online-title">
      <details>
        <summary>
          <h2 id="online-title">
            Who’s online <span className="online-count">{online.count}</span>
          </h2>
        </summary>
        {online.people.length === 0 ? (
          <p className="muted small">Nobody right now.</p>
        ) : (
          <ul aria-label="People online">
            {online.people.map((p) => (
              <li key={p.username}>
                <span className="online-avatar">
                  <Avatar name={p.name} username={p.username} version={p.avatarVersion} size="small" lazy />
                  <span className="dot" aria-hidden="true" />
                </span>
                <span className="online-names">
                  <Link href={`/u/${p.username}`}>
                    <bdi>{p.name}</bdi>
                  </Link>{' '}
                  <span className="muted small">@{p.username}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </details>
    </aside>
  );
}
