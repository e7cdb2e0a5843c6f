export type Segment = { type: 'text'; text: string } | { type: 'mention'; text: string; handle: string };

// An @ that starts a word: not after a letter, digit, _, /, =, @ or . (so emails, URLs and query strings are not
// mentions), followed by 1 to 30 handle characters and then no further letter.
const MENTION = /(?<![\p{L}\p{N}\p{M}_/=@.])@([A-Za-z0-9_]{1,30})(?![\p{L}\p{N}\p{M}_])/gu;

/** Splits a peep into plain text and @mentions, in order; the caller decides which handles are real. */
export function splitMentions(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const start = match.index;
    if (start > last) segments.push({ type: 'text', text: text.slice(last, start) });
    segments.push({ type: 'mention', text: match[0], handle: match[1] });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ type: 'text', text: text.slice(last) });
  return segments;
}

/** The distinct handles a peep mentions, lower-cased, in order of first appearance. */
export function mentionedHandles(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(MENTION)) seen.add(match[1].toLowerCase());
  return [...seen];
}
