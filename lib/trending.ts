import "server-only";
import { listTrendingTags } from "@/db/queries/tags";
import { findTags, tagPath } from "./hashtags";

export type TrendingTag = { shown: string; path: string; people: number };

/** Read again at most this often per process: the list changes slowly and every page's sidebar shows it. */
const FRESH_MS = 60_000;

let cached: { at: number; tags: Promise<TrendingTag[]> } | null = null;

/**
 * The tags most people used in the last 24 hours, each shown as a recent peep wrote it. Read on first use (never at
 * import or build), then shared by every request for a minute; a failed read is not kept, so the next request tries.
 */
export function trendingTags(now = Date.now()): Promise<TrendingTag[]> {
  if (cached && now - cached.at < FRESH_MS) return cached.tags;
  const entry = { at: now, tags: readTrending() };
  cached = entry;
  entry.tags.catch(() => {
    if (cached === entry) cached = null;
  });
  return entry.tags;
}

async function readTrending(): Promise<TrendingTag[]> {
  const rows = await listTrendingTags();
  return rows.map(({ tag, people, body }) => {
    const shown =
      (body && findTags(body).find((t) => t.tag === tag)?.text) || `#${tag}`;
    return { shown, path: tagPath(shown), people };
  });
}

/** Forgets the cached list (tests, after writing peeps). */
export function forgetTrendingTags(): void {
  cached = null;
}
