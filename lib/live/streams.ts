import 'server-only';
import type { ServerResponse } from 'node:http';
import { authorOf, followeesAmong, followersAmong, hiddenAmong, hiddenPeepsAmong, hidersAmong, liveEventsAfter, type LiveEvent, type LiveMessage } from '@/db/queries/live';
import { liveSessionsAmong } from '@/db/queries/sessions';
import { onLiveMessage, onStopping } from '@/server/context';
import { errorText, log } from '@/lib/log';

/** What an open page shows, and so which changes it hears of. */
export type LiveScope = { kind: 'everyone'; viewerId: number | null } | { kind: 'following'; viewerId: number } | { kind: 'profile'; userId: number } | { kind: 'peep'; peepId: number };

export const LIVE_LIMITS = { perSession: 5, perAddress: 20 } as const;
// A gap longer than this is not replayed: the page is told to reload instead.
export const REPLAY_MAX = 300;
// Ids are taken before commit, so a change can become visible after one with a higher id; a reconnecting page is
// replayed this many events before the one it last saw too, and skips what it already shows.
const REPLAY_OVERLAP = 20;
// A browser that stops reading is let go, never held in memory: at once when this much is waiting for it (the text
// waiting is the same strings every stream was given), and at a heartbeat when it is still this far behind. A burst
// (a thousand changes in one transaction) can put a page that reads well behind for a moment.
const UNREAD_LIMIT_BYTES = 1024 * 1024;
const BEHIND_AT_HEARTBEAT_BYTES = 64 * 1024;
const HEARTBEAT_MS = 25_000;
// "Someone came online" makes every open page fetch the panel again, so it is passed on at most this often.
const PRESENCE_EVERY_MS = 5_000;

type Stream = { scope: LiveScope; sessionId: string | null; address: string; send: (text: string) => void; heartbeat: () => void; cut: () => void };

const streams = new Set<Stream>();
let started: { heartbeat: NodeJS.Timeout; unsubscribe: () => void } | null = null;
let presence: { lastSent: number; pending: NodeJS.Timeout | null } = { lastSent: 0, pending: null };

function start() {
  if (started) return;
  const unsubscribe = onLiveMessage((payload) => {
    let message: LiveMessage;
    try {
      message = JSON.parse(payload) as LiveMessage;
    } catch {
      return;
    }
    dispatch(message).catch((err: unknown) => log.error({ error: errorText(err) }, 'A live change could not be delivered'));
  });
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.heartbeat();
    // Also catches a session that expired, or ended while this instance was not listening.
    cutEndedSessions().catch((err: unknown) => log.warn({ error: errorText(err) }, 'Could not check the live streams’ sessions'));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  started = { heartbeat, unsubscribe };
  onStopping(() => {
    // Cut, not ended: a proxy that saw a stream end cleanly could keep its connection for another request just as
    // this instance closes it, and a POST sent down it would be lost. Browsers reconnect either way.
    for (const stream of streams) stream.cut();
  });
}

function count(pick: (s: Stream) => boolean): number {
  let n = 0;
  for (const stream of streams) if (pick(stream)) n++;
  return n;
}

/**
 * Who among the viewers of open streams an event concerns: `followers` follow its actor (not muting them); `hiders`
 * hide the actor (mute or block them, or are blocked by them), so their Everyone tab is not told of the actor's peeps;
 * `repostHiders` hide the author of the peep a repost is of, so their Following tab is not told of the repost.
 */
type Audience = { followers: Set<number>; hiders: Set<number>; repostHiders: Set<number> };
const NOBODY: Audience = { followers: new Set(), hiders: new Set(), repostHiders: new Set() };

/** Whether a stream of `scope` is told of `event`, given who among the streams' viewers follow or hide its actor. */
function hears(scope: LiveScope, event: LiveMessage, { followers, hiders, repostHiders }: Audience): boolean {
  if (event.kind === 'presence') return scope.kind === 'everyone' || scope.kind === 'following';
  if (event.kind === 'pages' || event.kind === 'ended' || event.kind === 'follow' || event.kind === 'unfollow') return false;
  // Which peep is gone says nothing private, and every page may be showing it.
  if (event.kind === 'delete') return true;
  switch (scope.kind) {
    case 'everyone':
      return event.kind === 'peep' && !(scope.viewerId !== null && hiders.has(scope.viewerId));
    case 'following':
      return (
        (event.kind === 'peep' || (event.kind === 'repost' && !repostHiders.has(scope.viewerId))) &&
        (event.actorId === scope.viewerId || followers.has(scope.viewerId))
      );
    case 'profile':
      return (event.kind === 'peep' || event.kind === 'repost') && event.actorId === scope.userId;
    case 'peep':
      return (event.kind === 'repost' || event.kind === 'unrepost' || event.kind === 'like' || event.kind === 'unlike') && event.peepId === scope.peepId;
  }
}

function format(event: LiveMessage): string {
  if (!('id' in event)) return `event: ${event.kind}\ndata: {}\n\n`;
  return `id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify({ peepId: event.peepId, actorId: event.actorId, at: event.at })}\n\n`;
}

function sendPresence(): void {
  presence = { lastSent: Date.now(), pending: null };
  const text = format({ kind: 'presence' });
  for (const stream of streams) if (hears(stream.scope, { kind: 'presence' }, NOBODY)) stream.send(text);
}

/**
 * Cuts every stream opened with a session that has since ended (logged out, ended from the sessions page, expired):
 * what it would be told next is no longer theirs to hear. The browser reconnects as whoever its cookie now says.
 */
async function cutEndedSessions(): Promise<void> {
  const opened = [...streams].filter((s) => s.sessionId !== null);
  if (opened.length === 0) return;
  const live = await liveSessionsAmong({ sessionIds: [...new Set(opened.map((s) => s.sessionId!))] });
  for (const stream of opened) if (!live.has(stream.sessionId!)) stream.cut();
}

async function dispatch(event: LiveMessage): Promise<void> {
  if (streams.size === 0) return;
  if (event.kind === 'ended') return cutEndedSessions();
  if (event.kind === 'presence') {
    const wait = presence.lastSent + PRESENCE_EVERY_MS - Date.now();
    if (wait <= 0) sendPresence();
    else presence.pending ??= setTimeout(sendPresence, wait).unref();
    return;
  }
  const audience: Audience = { followers: new Set(), hiders: new Set(), repostHiders: new Set() };
  if ((event.kind === 'peep' || event.kind === 'repost') && event.actorId !== null) {
    const following = new Set<number>();
    const everyone = new Set<number>();
    for (const { scope } of streams) {
      if (scope.kind === 'following' && scope.viewerId !== event.actorId) following.add(scope.viewerId);
      if (event.kind === 'peep' && scope.kind === 'everyone' && scope.viewerId !== null && scope.viewerId !== event.actorId) everyone.add(scope.viewerId);
    }
    const author = event.kind === 'repost' && event.peepId !== null && following.size > 0 ? await authorOf({ peepId: event.peepId }) : null;
    [audience.followers, audience.hiders, audience.repostHiders] = await Promise.all([
      followersAmong({ followeeId: event.actorId, candidates: [...following] }),
      hidersAmong({ personId: event.actorId, candidates: [...everyone] }),
      author === null ? new Set<number>() : hidersAmong({ personId: author, candidates: [...following] }),
    ]);
  }
  const text = format(event);
  for (const stream of streams) if (hears(stream.scope, event, audience)) stream.send(text);
}

/** What a page missed since `afterId`, as its stream would have told it, or `reload` past REPLAY_MAX. */
async function replay(scope: LiveScope, afterId: number): Promise<string[] | 'reload'> {
  const events = await liveEventsAfter({ afterId: Math.max(0, afterId - REPLAY_OVERLAP), limit: REPLAY_OVERLAP + REPLAY_MAX + 1 });
  if (events.length > REPLAY_OVERLAP + REPLAY_MAX) return 'reload';
  const actors = [...new Set(events.filter((e) => (e.kind === 'peep' || e.kind === 'repost') && e.actorId !== null).map((e) => e.actorId!))];
  const viewerId = scope.kind === 'following' || scope.kind === 'everyone' ? scope.viewerId : null;
  const reposted = [...new Set(events.filter((e) => e.kind === 'repost' && e.peepId !== null).map((e) => e.peepId!))];
  const [followed, hidden, hiddenPeeps] = await Promise.all([
    scope.kind === 'following' ? followeesAmong({ followerId: scope.viewerId, candidates: actors }) : new Set<number>(),
    scope.kind === 'everyone' && scope.viewerId !== null ? hiddenAmong({ viewerId: scope.viewerId, candidates: actors }) : new Set<number>(),
    scope.kind === 'following' ? hiddenPeepsAmong({ viewerId: scope.viewerId, peepIds: reposted }) : new Set<number>(),
  ]);
  // Asked the other way round here (whom this viewer follows or hides), so `hears` gets the viewer as the audience.
  const heard = (e: LiveEvent) => {
    const concerns = (set: Set<number>, id: number | null) => (viewerId !== null && id !== null && set.has(id) ? new Set([viewerId]) : new Set<number>());
    return hears(scope, e, { followers: concerns(followed, e.actorId), hiders: concerns(hidden, e.actorId), repostHiders: concerns(hiddenPeeps, e.peepId) });
  };
  return events.filter(heard).map(format);
}

export type OpenStream = { ok: true } | { ok: false; status: 429; message: string };

/**
 * Answers `res` with a Server-Sent Events stream of the changes `scope` shows, starting after event `afterId` (a
 * reconnecting browser's Last-Event-ID, or the newest event when the page was rendered), written straight to the
 * socket: an open page costs a few kilobytes. At most LIVE_LIMITS streams per session and per address on this
 * instance.
 */
export async function openLiveStream(res: ServerResponse, { scope, sessionId, address, afterId }: { scope: LiveScope; sessionId: string | null; address: string; afterId: number | null }): Promise<OpenStream> {
  if (sessionId && count((s) => s.sessionId === sessionId) >= LIVE_LIMITS.perSession) {
    return { ok: false, status: 429, message: `At most ${LIVE_LIMITS.perSession} Chitter pages can update live at once; close one and reload.` };
  }
  if (count((s) => s.address === address) >= LIVE_LIMITS.perAddress) {
    return { ok: false, status: 429, message: 'Too many live pages from this address; close some and reload.' };
  }
  start();
  const missed = afterId === null ? [] : await replay(scope, afterId);
  if (res.destroyed) return { ok: true };
  let open = true;
  const stream: Stream = {
    scope,
    sessionId,
    address,
    send(text) {
      if (!open) return;
      res.write(text);
      if (res.writableLength > UNREAD_LIMIT_BYTES) res.destroy();
    },
    heartbeat() {
      if (res.writableLength > BEHIND_AT_HEARTBEAT_BYTES) res.destroy();
      else stream.send(': still here\n\n');
    },
    cut() {
      if (open) res.destroy();
    },
  };
  res.on('close', () => {
    open = false;
    streams.delete(stream);
  });
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
  // A reconnecting browser waits 2 s before trying again.
  stream.send('retry: 2000\n\n');
  if (missed === 'reload') stream.send('event: reload\ndata: {}\n\n');
  else for (const text of missed) stream.send(text);
  if (open) streams.add(stream);
  return { ok: true };
}

/** Open streams on this instance, for tests and the bench. */
export function openStreamCount(): number {
  return streams.size;
}
