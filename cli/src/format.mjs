// @ts-check
import { styleText } from 'node:util';

/**
 * How to print: colours and relative times for a terminal, plain text and ISO times for a pipe (styleText itself
 * leaves colours out for a pipe, NO_COLOR and TERM=dumb).
 * @typedef {{ tty: boolean, now?: Date }} Style
 */

/** @param {Parameters<typeof styleText>[0]} format @param {string} text */
const paint = (format, text) => styleText(format, text, { stream: process.stdout });

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });
/** @type {[Intl.RelativeTimeFormatUnit, number][]} */
const UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** @param {string} iso @param {Style} style */
export function formatTime(iso, style) {
  if (!style.tty) return iso;
  const seconds = Math.round((Date.parse(iso) - (style.now ?? new Date()).getTime()) / 1000);
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  return Math.abs(seconds) < 10 ? 'just now' : relative.format(seconds, 'second');
}

/** @param {{ username: string, name: string }} who @param {Style} style */
export function formatWho(who, style) {
  return style.tty ? `${paint('bold', who.name)} ${paint('cyan', `@${who.username}`)}` : `@${who.username} (${who.name})`;
}

/** @param {number} n @param {string} one @param {string} many */
const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/**
 * A peep as a few lines: who and when, what it answers, its text, its counts.
 * @param {any} peep the API's Peep
 * @param {Style} style
 * @param {{ repostedBy?: { username: string, name: string } | null, at?: string }} [item] set for a repost in a timeline
 */
export function formatPeep(peep, style, item = {}) {
  const lines = [];
  if (item.repostedBy) lines.push(`${style.tty ? paint('green', '↻') : 'repost by'} ${formatWho(item.repostedBy, style)} · ${formatTime(item.at ?? peep.createdAt, style)}`);
  const id = style.tty ? paint('dim', `#${peep.id}`) : `#${peep.id}`;
  lines.push(`${formatWho(peep.author, style)} · ${formatTime(peep.createdAt, style)} · ${id}`);
  if (peep.replyTo) lines.push(dim(`replying to ${peep.replyTo.username ? `@${peep.replyTo.username}` : 'a deleted peep'}`, style));
  lines.push(...String(peep.body).split('\n').map((l) => `  ${l}`));
  const counts = [count(peep.replyCount, 'reply', 'replies'), count(peep.repostCount, 'repost', 'reposts'), count(peep.likeCount, 'like', 'likes')];
  if (peep.reposted) counts.push('you reposted');
  if (peep.liked) counts.push('you liked');
  lines.push(dim(counts.join(' · '), style));
  return lines.join('\n');
}

/** @param {any} item the API's TimelineItem @param {Style} style */
export function formatItem(item, style) {
  return formatPeep(item.peep, style, item.type === 'repost' ? { repostedBy: item.repostedBy, at: item.at } : {});
}

/** @param {any} person the API's Person @param {Style} style */
export function formatPerson(person, style) {
  const followers = count(person.followerCount, 'follower', 'followers');
  return `${formatWho(person, style)} · ${followers}${person.followedByYou ? ` · ${style.tty ? paint('green', 'following') : 'following'}` : ''}`;
}

/** @param {string} text @param {Style} style */
export function dim(text, style) {
  return style.tty ? paint('dim', text) : text;
}

/** @param {string} text */
export function success(text) {
  return paint('green', text);
}

/** @param {string} text */
export function warn(text) {
  return styleText('yellow', text, { stream: process.stderr });
}

/** @param {string} text */
export function failure(text) {
  return styleText('red', text, { stream: process.stderr });
}
