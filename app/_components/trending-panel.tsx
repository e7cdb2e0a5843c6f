import { trendingTags } from "@/lib/trending";
import { readOrUnavailable } from "./unavailable";

/** "Trending": the tags most people used in the last day, with how many; nothing at all while none were. */
export async function TrendingPanel() {
  const read = await readOrUnavailable(() => trendingTags());
  // The page around it reports an outage; the panel just steps aside.
  if (!read.ok || read.value.length === 0) return null;
  // Folded behind its heading on phones, like "Who's online", so the first peep stays in view.
  return (
    <aside className="trending card" aria-labelledby="trending-title">
      <details>
        <summary>
          <h2 id="trending-title">Trending</h2>
        </summary>
        <ol aria-label="Trending tags">
          {read.value.map((t) => (
            <li key={t.path}>
              <a href={t.path} className="hashtag" dir="auto">
                {t.shown}
              </a>{" "}
              <span className="muted small">
                {t.people.toLocaleString("en-US")}{" "}
                {t.people === 1 ? "person" : "people"}
              </span>
            </li>
          ))}
        </ol>
      </details>
    </aside>
  );
}
