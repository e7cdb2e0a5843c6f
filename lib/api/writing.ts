import 'server-only';
import { z } from 'zod';
import { findPeep } from '@/db/queries/timelines';
import type { Refusal } from '@/lib/interactions';
import { publishPeep, publishReply, peepLimitMessage, REPLY_REFUSED } from '@/lib/publish-peep';
import type { LimitState } from '@/lib/rate-limit';
import type { postPeepBody } from './contracts/writing';
import { ApiError, json, noContent, notFound, rateLimited } from './endpoint';
import { presentPeep } from './present';

/** A refusal of lib/interactions as the API answers it: no such peep or person is a 404, a block a 403. */
export function refuseIf(refusal: Refusal | null): void {
  if (refusal?.refused === 'missing') throw notFound(refusal.message);
  if (refusal) throw new ApiError(403, 'forbidden', refusal.message);
}

/** The peep as the person sees it now, after a write on it. */
export async function peepAnswer(status: number, { peepId, userId, limit, notice }: { peepId: number; userId: number; limit: LimitState | null; notice?: string }): Promise<Response> {
  const peep = await findPeep({ id: peepId, viewerId: userId });
  // Deleted by its author between the write and this read.
  if (!peep) throw notFound('This peep has been deleted.');
  return json(status, { ...presentPeep(peep), ...(notice ? { notice } : {}) }, { limit });
}

/** The web has its own toggles' answers; the API's are these: the peep for a peep's, nothing for a person's. */
export async function afterPeepWrite(refusal: Refusal | null, input: { peepId: number; userId: number; limit: LimitState | null }): Promise<Response> {
  refuseIf(refusal);
  return peepAnswer(200, input);
}

export function afterWrite(refusal: Refusal | null, limit: LimitState | null): Response {
  refuseIf(refusal);
  return noContent(limit);
}

/**
 * POST /peeps, with the compose form's rules: the Idempotency-Key header (parsed by the contract) is the form's client
 * key, so a repeat answers the first peep (200) and writes nothing.
 */
export async function postPeep({ userId, body, clientKey }: { userId: number; body: z.infer<typeof postPeepBody>; clientKey: string | undefined }): Promise<Response> {
  const peep = { authorId: userId, body: body.body, clientKey };
  const published = body.replyToId ? await publishReply({ ...peep, replyToId: body.replyToId }) : await publishPeep(peep);
  if (published.limited) throw rateLimited(published.retryAfterSeconds, peepLimitMessage(published.retryAfterSeconds), published.limit);
  if ('refused' in published) {
    const [status, message] = REPLY_REFUSED[published.refused];
    throw new ApiError(status, status === 404 ? 'not_found' : 'forbidden', message);
  }
  return peepAnswer(published.repeated ? 200 : 201, { peepId: published.id, userId, limit: published.limit, notice: published.mailNotice });
}
