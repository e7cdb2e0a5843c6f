import Link from 'next/link';
import { listOnline } from '@/db/queries/people';
import { readOrUnavailable } from './unavailable';

export async function OnlinePanel() {
  const read = await readOrUnavailable(() => listOnline());
  // The page around it reports an outage; the panel just steps aside.
  if (!read.ok) return null;
  const online = read.value;
  return (
    <aside className="online card" aria-labelledby="online-title">
      <h2 id="online-title">
        Who’s online <span className="online-count">{online.count}</span>
      </h2>
      {online.people.length === 0 ? (
        <p className="muted small">Nobody right now.</p>
      ) : (
        <ul aria-label="People online">
          {online.people.map((p) => (
            <li key={p.username}>
              <span className="dot" aria-hidden="true" />
              <Link href={`/u/${p.username}`}>
                <bdi>{p.name}</bdi>
              </Link> <span className="muted">@{p.username}</span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
