import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { API_PREFIX, type Contract } from './contract';
import { CONTRACTS } from './contracts';
import { errorShape } from './contracts/shapes';

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

export type OpenApiDocument = {
  openapi: string;
  info: Json;
  servers: { url: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; securitySchemes: Json; headers: Record<string, Header> };
};

export type Header = { description: string; schema: Json };
export type Parameter = { name: string; in: 'path' | 'query' | 'header'; required: boolean; description?: string; schema: Json };
export type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  'x-auth': Contract['auth'];
  parameters?: Parameter[];
  requestBody?: { required: true; content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; headers?: Record<string, { $ref: string }>; content?: Record<string, { schema: Json }> }>;
};

const TAGS: Record<string, string> = {
  Account: 'Signing up, logging in for a token, and revoking it.',
  Stream: 'Live events, as Server-Sent Events.',
  Meta: 'This document.',
};

const HEADERS: Record<string, Header> = {
  Link: { description: 'The next (older) page: `<…?before=CURSOR>; rel="next"`, absent on the last page.', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } },
  'RateLimit-Limit': { description: 'Requests of this kind allowed in the window with the least left.', schema: { type: 'integer', minimum: 0 } },
  'RateLimit-Remaining': { description: 'Requests left in that window.', schema: { type: 'integer', minimum: 0 } },
  'RateLimit-Reset': { description: 'Seconds until that window resets.', schema: { type: 'integer', minimum: 0 } },
  Location: { description: 'Where the thing asked for is now: the same request under a renamed handle.', schema: { type: 'string' } },
  'WWW-Authenticate': { description: '`Bearer`, with `error="invalid_token"` when the token sent is not live.', schema: { type: 'string' } },
};
const RATE_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

/** Each error status the endpoint wrapper can answer, and when: what a contract takes implies which it can get. */
function errorsOf(c: Contract): Record<number, { description: string; headers?: string[] }> {
  const errors: Record<number, { description: string; headers?: string[] }> = {};
  if (c.query || c.headers || c.body) errors[400] = { description: c.body ? 'The body is not valid JSON, or a query parameter or header is not valid.' : 'A query parameter or header is not valid.' };
  if (c.auth !== 'none') errors[401] = { description: c.auth === 'required' ? 'No token, or one that is not live.' : 'The token sent is not live (send none to read anonymously).', headers: ['WWW-Authenticate'] };
  if (c.params) errors[404] = { description: 'Nothing at this address.' };
  if (c.body) {
    errors[413] = { description: 'The body is over 64 KB.' };
    errors[415] = { description: 'The body is not `application/json`.' };
    errors[422] = { description: 'Some fields are not valid: `fields` says which and why.' };
  }
  if (c.rateLimit || c.selfLimited) errors[429] = { description: 'Too many requests of this kind: wait `Retry-After` seconds.', headers: ['Retry-After', ...(c.rateLimit ? RATE_HEADERS : [])] };
  errors[503] = { description: 'The database is out of reach for a moment.', headers: ['Retry-After'] };
  return errors;
}

/** Builds the OpenAPI 3.1 document of `contracts` from their zod schemas, named shapes (`.meta({ id })`) as components. */
export function buildOpenApi(contracts: readonly Contract[]): OpenApiDocument {
  const schemas: Record<string, Json> = {};

  /** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), its named parts moved to components. */
  function schemaOf(schema: z.ZodType, io: Io): Json {
    const converted = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      // What is answered may grow fields; a client that refused unknown ones would break on the next release.
      override: ({ jsonSchema }) => {
        if (io === 'output' && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      },
    }) as Json;
    const { $defs = {}, ...root } = converted as Json & { $defs?: Record<string, Json> };
    // OpenAPI 3.1's own dialect is 2020-12; a `$schema` on every part says nothing.
    delete root.$schema;
    const names = new Map<string, string>();
    for (const [id, def] of Object.entries($defs)) {
      // A named shape read as input can differ from the same shape answered (defaults, coercion): kept apart then.
      const name = schemas[id] === undefined || isDeepStrictEqual(schemas[id], relink(def, names)) || io === 'output' ? id : `${id}Input`;
      names.set(id, name);
    }
    for (const [id, def] of Object.entries($defs)) schemas[names.get(id)!] = relink(def, names);
    return relink(root, names);
  }

  function parametersOf(where: Parameter['in'], object: z.ZodObject | undefined): Parameter[] {
    if (!object) return [];
    const { properties = {}, required = [] } = schemaOf(object, 'input') as { properties?: Record<string, Json>; required?: string[] };
    return Object.entries(properties).map(([name, { description, ...schema }]) => ({
      name: where === 'header' ? headerName(name) : name,
      in: where,
      required: where === 'path' || required.includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema,
    }));
  }

  function responseOf(description: string, schema: Json | null, contentType: string, headers: string[] = []) {
    return {
      description,
      ...(headers.length ? { headers: Object.fromEntries(headers.map((h) => [h, { $ref: `#/components/headers/${h}` }])) } : {}),
      ...(schema ? { content: { [contentType]: { schema } } } : {}),
    };
  }

  const paths: OpenApiDocument['paths'] = {};
  const tags: string[] = [];
  for (const c of contracts) {
    if (!tags.includes(c.tag)) tags.push(c.tag);
    const errorRef = schemaOf(errorShape, 'output');
    const responses: Operation['responses'] = {};
    for (const [status, r] of Object.entries(c.responses)) {
      const isError = Number(status) >= 400;
      const headers = [...(r.headers ?? []), ...(!isError && c.rateLimit ? RATE_HEADERS : [])];
      const schema = r.schema ? schemaOf(r.schema, 'output') : isError ? errorRef : null;
      responses[status] = responseOf(r.description, schema, r.contentType ?? 'application/json', headers);
    }
    for (const [status, e] of Object.entries(errorsOf(c))) responses[status] ??= responseOf(e.description, errorRef, 'application/json', e.headers);
    const parameters = [...parametersOf('path', c.params), ...parametersOf('query', c.query), ...parametersOf('header', c.headers)];
    const operation: Operation = {
      operationId: c.operationId,
      summary: c.summary,
      ...(c.description ? { description: c.description } : {}),
      tags: [c.tag],
      security: c.auth === 'required' ? [{ bearer: [] }] : c.auth === 'optional' ? [{ bearer: [] }, {}] : [],
      'x-auth': c.auth,
      ...(parameters.length ? { parameters } : {}),
      ...(c.body ? { requestBody: { required: true as const, content: { 'application/json': { schema: schemaOf(c.body, 'input') } } } } : {}),
      responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b))),
    };
    (paths[c.path] ??= {})[c.method.toLowerCase()] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Chitter API',
      version: '1',
      description: 'Everything the web app does, as JSON. Send a personal access token as `Authorization: Bearer <token>`; the API reads no cookies.',
    },
    servers: [{ url: API_PREFIX }],
    tags: tags.map((name) => ({ name, ...(TAGS[name] ? { description: TAGS[name] } : {}) })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal access token (`chitter_…`) from POST /login, POST /signup or Settings → API tokens.' },
      },
      headers: HEADERS,
    },
  };
}

/** `last-event-id` → `Last-Event-ID`, as the document shows it. */
function headerName(name: string): string {
  return name
    .split('-')
    .map((part) => (part === 'id' ? 'ID' : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('-');
}

/** The schema with its `#/$defs/X` references pointed at the components they became. */
function relink(schema: Json, names: Map<string, string>): Json {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/') ? `#/components/schemas/${names.get(value.slice(8)) ?? value.slice(8)}` : value,
  ) as Json;
}

let built: OpenApiDocument | null = null;

/** The document of every endpoint, built once per process: the contracts cannot change while it runs. */
export function openApiDocument(): OpenApiDocument {
  return (built ??= buildOpenApi(CONTRACTS));
}
