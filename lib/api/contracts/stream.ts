import { z } from 'zod';
import { HANDLE_CHARS } from '@/lib/validation';
import { contract } from '../contract';

/** Which timeline a stream follows: everyone's, the token owner's home (people they follow), or one person's. */
export const streamTimeline = z
  .string()
  .regex(new RegExp(`^(public|home|user:${HANDLE_CHARS})$`), 'Name a timeline: public, home or user:HANDLE.')
  .meta({ description: '`public`, `home` (needs a token) or `user:HANDLE`.' });

export const lastEventId = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const streamContracts = {
  stream: contract({
    method: 'GET',
    path: '/stream',
    operationId: 'streamTimeline',
    summary: 'Live events of a timeline',
    description:
      'Server-Sent Events, the same the web’s pages hear: `peep`, `repost`, `delete`, `like`, `unlike`, `notification` (the token owner’s), `presence` (someone came online) and `reload` (too much was missed: fetch the timeline again). Each has an `id:` and `data: {"peepId", "actorId", "at"}`; fetch the peep by its id. Send the last id seen as `Last-Event-ID` when reconnecting and what was missed is replayed. The stream closes when its token is revoked. At most 5 streams per token and 20 per address.',
    tag: 'Stream',
    auth: 'optional',
    selfLimited: true,
    query: z.object({ timeline: streamTimeline }),
    headers: z.object({ 'last-event-id': lastEventId.optional().meta({ description: 'The last event id received, to replay what came after it.' }) }),
    responses: {
      200: { description: 'An endless stream of events, with a comment line every 25 seconds.', contentType: 'text/event-stream', schema: z.string() },
    },
  }),
  openApi: contract({
    method: 'GET',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This API’s OpenAPI 3.1 document',
    description: 'Built from the same zod schemas the endpoints parse with. A readable version is at /api/docs.',
    tag: 'Meta',
    auth: 'none',
    responses: { 200: { description: 'The document.', schema: z.record(z.string(), z.unknown()) } },
  }),
};
