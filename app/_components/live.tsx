import { latestLiveEventId } from '@/db/queries/live';
import { LiveUpdates } from './live-updates';

/** Live updates for a page showing `stream`, from the newest change it was rendered with. */
export async function Live({ stream, viewerId }: { stream: string; viewerId?: number }) {
  // Without the database the page reports its own outage; it just won't update live.
  const since = await latestLiveEventId().catch(() => null);
  return since === null ? null : <LiveUpdates stream={stream} since={since} viewerId={viewerId} />;
}
