import 'server-only';
import { z } from 'zod';
import { readBearer } from '@/auth/api-token';
import type { CurrentUser } from '@/auth/current-user';
import { isDatabaseUnavailable } from '@/db/errors';
import { clientIpFrom } from '@/lib/client-ip';
import { errorText, log } from '@/lib/log';
import { takeWriteAttemptWithState, type LimitState } from '@/lib/rate-limit';
import { fieldErrorsOf } from '@/lib/validation';
import { API_PREFIX, type Contract } from './contract';

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'invalid'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'
  // Answered before a handler runs (server/http.ts) or by a lookup, never thrown as an ApiError.
  | 'moved'
  | 'method_not_allowed'
  | 'length_required';

/** A refusal a handler throws; the endpoint answers it as `{ error: { code, message, fields } }` with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

export type ApiInput<C extends Contract> = {
  user: C['auth'] extends 'required' ? CurrentUser : CurrentUser | null;
  /** The session row of the token, for work that must name it (logging it out). */
  sessionId: C['auth'] extends 'required' ? string : string | null;
  params: Parsed<C['params']>;
  query: Parsed<C['query']>;
  body: Parsed<C['body']>;
  /** The contract's request headers, parsed (lower-case names). */
  headers: Parsed<C['headers']>;
  request: Request;
  /** The address rate limits count against. */
  ip: string;
  /** Where the token's owner stands against the contract's `rateLimit`, when it has one. */
  limit: LimitState | null;
};

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const NO_STORE = { 'cache-control': 'no-store' };
const UNAVAILABLE = 'Chitter can’t reach its database just now; try again in a few seconds.';

/** A JSON answer; `limit` adds the RateLimit-* headers. */
export function json(status: number, data: unknown, { headers = {}, limit = null }: { headers?: Record<string, string>; limit?: LimitState | null } = {}): Response {
  return Response.json(data, { status, headers: { ...NO_STORE, ...limitHeaders(limit), ...headers } });
}

/** No content, for an undo or a revocation. */
export function noContent(limit: LimitState | null = null): Response {
  return new Response(null, { status: 204, headers: { ...NO_STORE, ...limitHeaders(limit) } });
}

/** A keyset page with Mastodon's `Link` header to the next one: the same address with `before` set to `next`. */
export function pageResponse(request: Request, page: { items: unknown[]; next: string | null }): Response {
  const headers: Record<string, string> = {};
  if (page.next) {
    const url = new URL(request.url);
    url.searchParams.set('before', page.next);
    headers.link = `<${url.pathname}${url.search}>; rel="next"`;
  }
  return json(200, page, { headers });
}

function limitHeaders(limit: LimitState | null): Record<string, string> {
  if (!limit) return {};
  return { 'ratelimit-limit': String(limit.limit), 'ratelimit-remaining': String(limit.remaining), 'ratelimit-reset': String(limit.resetSeconds) };
}

export function errorResponse(err: ApiError): Response {
  const error = { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) };
  return json(err.status, { error }, { headers: err.headers });
}

/** A 429 for `retryAfterSeconds`, with the limit's headers when known. */
export function rateLimited(retryAfterSeconds: number, message: string, limit: LimitState | null = null): ApiError {
  return new ApiError(429, 'rate_limited', message, undefined, { 'retry-after': String(retryAfterSeconds), ...limitHeaders(limit) });
}

export const notFound = (message: string) => new ApiError(404, 'not_found', message);

/**
 * The route handler for a contract: the token checked (never a cookie, so no request can ride a browser's session),
 * the path, query and JSON body parsed by the contract's schemas, the write counted against its limit, and every
 * refusal answered as JSON with its status; anything unexpected is logged and answered 500 without its details.
 */
export function endpoint<const C extends Contract>(c: C, run: (input: ApiInput<C>) => Promise<Response>): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      const bearer = await readBearer(request.headers.get('authorization'));
      if (bearer.kind === 'invalid') throw new ApiError(401, 'unauthorized', 'That token is not valid: it was revoked, expired or mistyped. Log in again.', undefined, { 'www-authenticate': 'Bearer error="invalid_token"' });
      if (c.auth === 'required' && bearer.kind !== 'user') throw new ApiError(401, 'unauthorized', 'Send a token: Authorization: Bearer <token>.', undefined, { 'www-authenticate': 'Bearer' });
      const user = bearer.kind === 'user' && c.auth !== 'none' ? bearer.user : null;
      const sessionId = bearer.kind === 'user' && c.auth !== 'none' ? bearer.sessionId : null;

      const params = c.params ? c.params.safeParse(await context.params) : null;
      if (params && !params.success) throw notFound('There is nothing at this address.');
      // Repeats are refused on every endpoint, whether or not it reads a query.
      const queryValues = queryObject(new URL(request.url).searchParams);
      const query = c.query ? c.query.safeParse(queryValues) : null;
      if (query && !query.success) throw new ApiError(400, 'bad_request', 'The query is not valid.', fieldErrorsOf(query.error));
      const headers = c.headers ? c.headers.safeParse(Object.fromEntries(request.headers)) : null;
      if (headers && !headers.success) throw new ApiError(400, 'bad_request', 'A header is not valid.', fieldErrorsOf(headers.error));
      const body = c.body ? c.body.safeParse(await readJson(request)) : null;
      if (body && !body.success) throw new ApiError(422, 'invalid', 'Some fields are not valid.', fieldErrorsOf(body.error));

      let limit: LimitState | null = null;
      if (c.rateLimit && user) {
        const taken = await takeWriteAttemptWithState(c.rateLimit, user.id);
        limit = taken.state;
        if (taken.verdict.limited) throw rateLimited(taken.verdict.retryAfterSeconds, 'That’s a lot of requests in a short time; wait before sending more.', limit);
      }
      return await run({
        user,
        sessionId,
        params: params?.data,
        query: query?.data,
        body: body?.data,
        headers: headers?.data,
        request,
        ip: clientIpFrom(request.headers),
        limit,
      } as ApiInput<C>);
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(err);
      if (isDatabaseUnavailable(err)) return errorResponse(new ApiError(503, 'unavailable', UNAVAILABLE, undefined, { 'retry-after': '5' }));
      log.error({ error: errorText(err), route: `${c.method} ${API_PREFIX}${c.path}` }, 'An API request failed');
      return errorResponse(new ApiError(500, 'internal', 'Something went wrong on Chitter’s side; it has been logged.'));
    }
  };
}

/** Each query parameter once: a repeated one is refused rather than silently picking one. */
function queryObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of params) {
    if (Object.hasOwn(out, name)) throw new ApiError(400, 'bad_request', `Send “${name}” once.`);
    out[name] = value;
  }
  return out;
}

// The server refuses bodies over 64 KB before they arrive here (server/http.ts); this bounds what is parsed anyway.
const MAX_JSON_BYTES = 64 * 1024;

async function readJson(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.');
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new ApiError(413, 'payload_too_large', 'That body is too large.');
  if (text.trim() === '') throw new ApiError(400, 'bad_request', 'Send a JSON body.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'bad_request', 'The body is not valid JSON.');
  }
}

