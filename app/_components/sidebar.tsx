import { OnlinePanel } from "./online-panel";
import { TrendingPanel } from "./trending-panel";

/** What sits beside a timeline on a wide screen (above it on a phone): who is online, then trending tags. */
export function Sidebar() {
  return (
    <div className="sidebar">
      <OnlinePanel />
      <TrendingPanel />
    </div>
  );
}
