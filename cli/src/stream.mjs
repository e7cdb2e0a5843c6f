// @ts-check
import { setTimeout as sleep } from 'node:timers/promises';
import { createParser } from 'eventsource-parser';
import { apiFailure, apiUrl } from './api.mjs';
import { CliError } from './errors.mjs';

// The server writes a comment every 25 s; this long without a byte means the connection died without closing.
const SILENT_MS = 75_000;
const MAX_DELAY_MS = 30_000;

/**
 * Reads GET /api/v1/stream?timeline=… for as long as `signal` allows, reconnecting after a drop with Last-Event-ID (so
 * the server replays what was missed) and a doubling wait. Refusals that another try would not change (401, 403, 404,
 * 400) end it with their CliError.
 * @param {{ server: string, token?: string }} session
 * @param {string} timeline public, home or user:HANDLE
 * @param {{
 *   onEvent: (event: { type: string, id?: string, data: any }) => void,
 *   onOpen?: () => void,
 *   onDrop?: (why: string, delayMs: number) => void,
 *   signal?: AbortSignal,
 * }} handlers
 */
export async function followStream(session, timeline, { onEvent, onOpen, onDrop, signal }) {
  /** @type {string | undefined} */
  let lastEventId;
  let baseDelay = 1000;
  let delay = baseDelay;
  while (!signal?.aborted) {
    const attempt = new AbortController();
    const abort = () => attempt.abort();
    signal?.addEventListener('abort', abort, { once: true });
    /** @type {NodeJS.Timeout | undefined} */
    let silence;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => attempt.abort(new Error('the connection went silent')), SILENT_MS);
    };
    let why = 'the connection closed';
    try {
      heard();
      const res = await fetch(apiUrl(session.server, `/stream?timeline=${encodeURIComponent(timeline)}`), {
        headers: {
          accept: 'text/event-stream',
          ...(session.token && { authorization: `Bearer ${session.token}` }),
          ...(lastEventId && { 'last-event-id': lastEventId }),
        },
        signal: attempt.signal,
      });
      if (!res.ok) {
        const failure = apiFailure(res, await res.text(), Boolean(session.token));
        if (res.status < 500 && res.status !== 429) throw failure;
        const wait = Number(res.headers.get('retry-after'));
        if (Number.isFinite(wait) && wait > 0) delay = Math.max(delay, wait * 1000);
        why = failure.message;
      } else if (res.body) {
        onOpen?.();
        const opened = Date.now();
        const parser = createParser({
          onEvent: (message) => {
            if (message.id) lastEventId = message.id;
            delay = baseDelay;
            let data = null;
            try {
              data = message.data ? JSON.parse(message.data) : null;
            } catch {}
            onEvent({ type: message.event ?? 'message', id: message.id, data });
          },
          onRetry: (ms) => {
            baseDelay = Math.min(Math.max(ms, 500), MAX_DELAY_MS);
          },
        });
        for await (const chunk of res.body.pipeThrough(new TextDecoderStream())) {
          heard();
          parser.feed(chunk);
        }
        // A stream that stayed up a while was a good one: start the waits over.
        if (Date.now() - opened > 10_000) delay = baseDelay;
      }
    } catch (e) {
      if (e instanceof CliError) throw e;
      if (signal?.aborted) break;
      const err = /** @type {Error & { cause?: { code?: string } }} */ (e);
      why = attempt.signal.aborted && attempt.signal.reason instanceof Error ? attempt.signal.reason.message : `the connection dropped (${err?.cause?.code ?? err?.message ?? e})`;
    } finally {
      clearTimeout(silence);
      signal?.removeEventListener('abort', abort);
    }
    if (signal?.aborted) break;
    onDrop?.(why, delay);
    await sleep(delay, undefined, { signal }).catch(() => {});
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}
