import { splitLinks } from "./linkify";

/** The most distinct tags one peep files itself under; later ones stay plain text. */
export const TAGS_PER_PEEP = 10;
/** The longest tag, in code points once folded (the database's check); a longer `#word` is not a tag at all. */
export const TAG_MAX = 100;

// A # that starts a word (not after a letter, digit, mark, _, & as in "&#38;", or another #), then every tag character
// that follows: a tag is a whole run, so "#aaa…" past the limit is text rather than cut short.
const HASHTAG = /(?<![\p{L}\p{N}\p{M}_&#])#([\p{L}\p{N}\p{M}_]+)/gu;
const TAG_WORD = /^[\p{L}\p{N}\p{M}_]+$/u;
const HAS_LETTER = /\p{L}/u;

/** How a tag is stored and looked up: NFKC (so "ｃａｆé" and "café" meet), then lower case. */
export function foldTag(shown: string): string {
  return shown.normalize("NFKC").toLowerCase().normalize("NFKC");
}

function tagOf(word: string): string | null {
  // At least one letter, so "#1" (a number) is not a tag, as on Twitter and Mastodon.
  if (!HAS_LETTER.test(word)) return null;
  const tag = foldTag(word);
  return [...tag].length <= TAG_MAX && TAG_WORD.test(tag) ? tag : null;
}

/** A tag in a peep: where its `#` starts and its text ends, as typed (`#Café`), and its folded form (`café`). */
export type FoundTag = {
  start: number;
  end: number;
  text: string;
  tag: string;
};

/**
 * The tags of a peep in order, every occurrence of its first TAGS_PER_PEEP distinct tags. Web addresses are found
 * first (by the same linkifier that makes them links), and only the text between them is searched, so the "#part"
 * of an address is never a tag.
 */
export function findTags(body: string): FoundTag[] {
  const found: FoundTag[] = [];
  const distinct = new Set<string>();
  let offset = 0;
  for (const part of splitLinks(body)) {
    if (part.type === "text") {
      for (const match of part.text.matchAll(HASHTAG)) {
        const tag = tagOf(match[1]);
        if (!tag) continue;
        if (!distinct.has(tag)) {
          if (distinct.size === TAGS_PER_PEEP) continue;
          distinct.add(tag);
        }
        const start = offset + match.index;
        found.push({
          start,
          end: start + match[0].length,
          text: match[0],
          tag,
        });
      }
    }
    offset += part.text.length;
  }
  return found;
}

/** The distinct folded tags a peep files itself under, in order of first appearance, at most TAGS_PER_PEEP. */
export function peepTags(body: string): string[] {
  return [...new Set(findTags(body).map((t) => t.tag))];
}

/** The path of a tag's page, with the tag as typed (the page folds it). */
export const tagPath = (shown: string) =>
  `/tags/${encodeURIComponent(shown.replace(/^#/, ""))}`;

/**
 * A tag from a URL's path segment, whether the router has decoded it or not: the tag as shown and as looked up, or
 * null for anything that could not be a tag (too long, junk, not percent-decodable), before any other work.
 */
export function parseTagParam(
  raw: string,
): { shown: string; tag: string } | null {
  // 100 code points of up to 4 bytes, each byte 3 characters once percent-encoded.
  if (raw.length > TAG_MAX * 12) return null;
  let shown = raw;
  if (raw.includes("%")) {
    try {
      shown = decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  shown = shown.replace(/^#/, "");
  if (!TAG_WORD.test(shown)) return null;
  const tag = tagOf(shown);
  return tag ? { shown, tag } : null;
}
