const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const HUES = 12;

/** The first letter of the first and last words of a name, as people write initials: "Alice Liddell" is "AL". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (word?: string) => (word ? (segmenter.segment(word)[Symbol.iterator]().next().value?.segment ?? '') : '');
  return (first(words[0]) + (words.length > 1 ? first(words.at(-1)) : '')).toLocaleUpperCase();
}

/** One of twelve colours, always the same for a handle (a string hash; the CSP allows no inline styles). */
export function hueOf(username: string): number {
  let hash = 0;
  for (const char of username.toLowerCase()) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % HUES;
}

/**
 * A person's initials on a colour of their own, until pictures can be uploaded. Decorative: the name is always beside
 * it. Fixed in size by its class, so nothing moves as a page renders.
 */
export function Avatar({ name, username, size = 'medium' }: { name: string; username: string; size?: 'small' | 'medium' | 'large' }) {
  return (
    <span className={`avatar ${size} hue-${hueOf(username)}`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
