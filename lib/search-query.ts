export const SEARCH_MAX = 50;

export type SearchQuery = { ok: true; query: string } | { ok: false; message: string | null };

/** A people-search query as typed: trimmed, an optional leading @ dropped; empty or over-long gets a message. */
export function parseSearchQuery(raw: unknown): SearchQuery {
  const text = typeof raw === 'string' ? raw.trim().replace(/^@/, '').trim() : '';
  if (text === '') return { ok: false, message: null };
  if (text.length > SEARCH_MAX) return { ok: false, message: `Search for at most ${SEARCH_MAX} characters.` };
  if (/[\u0000-\u001f\u007f]/.test(text)) return { ok: false, message: 'Search for letters, digits and spaces.' };
  return { ok: true, query: text };
}
