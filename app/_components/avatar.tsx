import { avatarUrl } from '@/lib/avatar-url';

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

const PIXELS = { small: 32, medium: 44, large: 72 } as const;

type Props = {
  name: string;
  username: string;
  /** The person's picture (its version), or null for none: then their initials. */
  version?: number | null;
  size?: 'small' | 'medium' | 'large';
  /** For a picture that stands without the name beside it; elsewhere it is decorative. */
  alt?: string;
  /** For pictures below the first screenful. */
  lazy?: boolean;
};

/**
 * A person's picture, or their initials on a colour of their own, fixed in size by its class and attributes so
 * nothing moves while it loads. Its alt text is empty wherever the name is written beside it (every list, peep and
 * profile): naming the person again would only make a screen reader say it twice.
 */
export function Avatar({ name, username, version = null, size = 'medium', alt = '', lazy = false }: Props) {
  const hue = `avatar ${size} hue-${hueOf(username)}`;
  if (version === null) {
    return (
      <span className={hue} role={alt ? 'img' : undefined} aria-label={alt || undefined} aria-hidden={alt ? undefined : true}>
        {initialsOf(name)}
      </span>
    );
  }
  // Lists and peeps show 32–44 px, profiles 72 px: one stored size for each density.
  const [one, two] = size === 'large' ? ([96, 400] as const) : ([48, 96] as const);
  const px = PIXELS[size];
  return (
    // eslint-disable-next-line @next/next/no-img-element -- the picture is already sized and re-encoded by the upload, and served from cache forever
    <img
      className={hue}
      src={avatarUrl(version, one)}
      srcSet={`${avatarUrl(version, one)} 1x, ${avatarUrl(version, two)} 2x`}
      width={px}
      height={px}
      alt={alt}
      loading={lazy ? 'lazy' : undefined}
      decoding="async"
    />
  );
}
