import { LinkifyIt } from 'linkify-it';

export type TextPart = { type: 'text'; text: string } | { type: 'link'; text: string; href: string; label: string };

// Web addresses only: with or without their http(s):// (a bare "example.com" is found by its top-level domain).
// mailto:, ftp: and protocol-relative "//" links are left as text, and so are email addresses and bare IP addresses.
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false }).add('ftp:', null).add('mailto:', null).add('//', null);

const LABEL_MAX = 32;

/** An address as people read it: no scheme, no "www.", no lone trailing slash, and cut short with an ellipsis. */
export function shortLabel(href: string): string {
  const bare = href.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/$/, '');
  return bare.length > LABEL_MAX ? `${bare.slice(0, LABEL_MAX - 1)}…` : bare;
}

function isWebAddress(href: string): boolean {
  try {
    const { protocol } = new URL(href);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Splits text into plain text and web links (http and https only), in order, for a renderer to make elements of:
 * the text is never treated as HTML.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of linkify.match(text) ?? []) {
    if (!isWebAddress(match.url)) continue;
    if (match.index > last) parts.push({ type: 'text', text: text.slice(last, match.index) });
    parts.push({ type: 'link', text: match.raw, href: match.url, label: shortLabel(match.url) });
    last = match.lastIndex;
  }
  if (last < text.length) parts.push({ type: 'text', text: text.slice(last) });
  return parts;
}
