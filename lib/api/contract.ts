import type { z } from 'zod';
import type { WriteKind } from '@/lib/rate-limit';

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Whether an endpoint needs a token (`required`), reads one if sent (`optional`: e.g. to hide muted people), or none. */
export type ApiAuth = 'required' | 'optional' | 'none';

export type ApiResponse = {
  description: string;
  schema?: z.ZodType;
  /** Response headers it sets, by name (Link, RateLimit-Limit, …), for the document. */
  headers?: string[];
  /** The media type of the body when it is not JSON (the stream's `text/event-stream`). */
  contentType?: string;
};

/**
 * What one endpoint takes and answers, as zod schemas: the route handler parses with them, and the OpenAPI document
 * is built from them, so the two cannot disagree. `path` is OpenAPI's form, under /api/v1 (`/peeps/{id}`).
 */
export type Contract = {
  method: ApiMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: ApiAuth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Request headers it reads (Idempotency-Key, Last-Event-ID), keyed in lower case; failing them is a 400. */
  headers?: z.ZodObject;
  /** The write limit counted before the handler runs; endpoints whose write counts itself (posting) leave it out. */
  rateLimit?: WriteKind;
  /** True when the handler counts a limit of its own (sign-up, log-in, posting, streams), so it can answer 429 too. */
  selfLimited?: boolean;
  /** The answers it gives on success (errors are added to the document for every endpoint by what it takes). */
  responses: Record<number, ApiResponse>;
};

export const API_PREFIX = '/api/v1';

/** Each contract as written, with its literal types kept for the handler's input. */
export function contract<const C extends Contract>(c: C): C {
  return c;
}
