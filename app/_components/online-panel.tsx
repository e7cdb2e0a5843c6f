import { listOnline } from '@/db/queries/people';
import { OnlineList } from './online-list';
import { readOrUnavailable } from './unavailable';

export async function OnlinePanel() {
  const read = await readOrUnavailable(() => listOnline());
  // The page around it reports an outage; the panel just steps aside.
  if (!read.ok) return null;
  return <OnlineList initial={read.value} />;
}
