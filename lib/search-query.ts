/** The most a search may hold, in UTF-16 code units as the search boxes' maxLength counts them. */
export const SEARCH_MAX = 100;
/** Past this the raw text is refused before it is even trimmed: spaces around a full box fit well within it. */
export const SEARCH_RAW_MAX = SEARCH_MAX * 2;
const TOO_LONG = `Search for at most ${SEARCH_MAX} characters.`;

export type SearchQuery = { ok: true; query: string } | { ok: false; message: string | null };

/** A search as typed: bounded first, then trimmed, an optional leading @ dropped; empty or over-long gets a message. */
export function parseSearchQuery(raw: unknown): SearchQuery {
  if (typeof raw !== 'string') return { ok: false, message: null };
  if (raw.length > SEARCH_RAW_MAX) return { ok: false, message: TOO_LONG };
  const text = raw.trim().replace(/^@/, '').trim();
  if (text === '') return { ok: false, message: null };
  if (text.length > SEARCH_MAX) return { ok: false, message: TOO_LONG };
  if (/[\u0000-\u001f\u007f]/.test(text)) return { ok: false, message: 'Search for letters, digits and spaces.' };
  return { ok: true, query: text };
}

export const SEARCH_TABS = ['people', 'peeps'] as const;
export type SearchTab = (typeof SEARCH_TABS)[number];

/** `?tab=`: people unless it says peeps. */
export function parseSearchTab(raw: unknown): SearchTab {
  return raw === 'peeps' ? 'peeps' : 'people';
}

/** Whether a search has any word a peep could hold: text with no letter or digit matches none, and is not sent. */
export function hasSearchableWord(query: string): boolean {
  return /[\p{L}\p{N}]/u.test(query);
}

/**
 * Where a page of people found ends: the last person's rank (0 the exact handle, 1 a handle prefix, 2 a word of the
 * handle or name, 3 a similar spelling) and the keys that order people within it: `miss` (how far from the query,
 * for similar spellings; else 0), the name in lower case (for rank 2; else empty) and the handle in lower case.
 */
export type PeopleCursor = { rank: 0 | 1 | 2 | 3; miss: number; name: string; handle: string };

/** A name is at most 50 characters, so a cursor is well under this even in four-byte characters. */
export const PEOPLE_CURSOR_MAX = 600;

export function encodePeopleCursor(cursor: PeopleCursor): string {
  return Buffer.from(JSON.stringify([cursor.rank, cursor.miss, cursor.name, cursor.handle]), 'utf8').toString('base64url');
}

/** Null for anything that is not a cursor this app made, so the caller can answer 400; it never reaches the database. */
export function decodePeopleCursor(raw: string): PeopleCursor | null {
  if (raw.length === 0 || raw.length > PEOPLE_CURSOR_MAX || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [rank, miss, name, handle] = value as unknown[];
  if (rank !== 0 && rank !== 1 && rank !== 2 && rank !== 3) return null;
  if (!Number.isInteger(miss) || (miss as number) < 0 || (miss as number) > 1000) return null;
  if (typeof name !== 'string' || name.length > 200 || name.includes('\u0000')) return null;
  if (typeof handle !== 'string' || !/^[a-z0-9_]{1,30}$/.test(handle)) return null;
  return { rank, miss: miss as number, name, handle };
}
