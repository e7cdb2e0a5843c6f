import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_PREFIX, contract } from '@/lib/api/contract';
import { pageOf, pageQuery, peepShape, personShape } from '@/lib/api/contracts/shapes';
import { CONTRACTS } from '@/lib/api/contracts';
import { buildOpenApi, openApiDocument } from '@/lib/api/openapi';
import { SOCKET_PATHS } from '@/server/http';

const API_DIR = path.resolve(import.meta.dirname, '../../app/api/v1');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Every route file under app/api/v1 but the catch-all, as its OpenAPI-style path and the methods it exports. */
function routeFiles(): { path: string; methods: string[] }[] {
  const found: { path: string; methods: string[] }[] = [];
  for (const entry of readdirSync(API_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== 'route.ts') continue;
    const dir = path.relative(API_DIR, entry.parentPath);
    if (dir.includes('[...')) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    const methods = METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b`).test(text));
    found.push({ path: `/${dir.split(path.sep).map((part) => part.replace(/^\[(\w+)\]$/, '{$1}')).join('/')}`, methods });
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(openApiDocument()));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every contract once, and each path parameter it names', () => {
    const doc = openApiDocument();
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })));
    expect(operations.map((o) => o.key).sort()).toEqual(CONTRACTS.map((c) => `${c.method} ${c.path}`).sort());
    expect(new Set(operations.map((o) => o.op.operationId)).size).toBe(operations.length);
    for (const { key, op } of operations) {
      const named = [...key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(op.parameters?.filter((p) => p.in === 'path').map((p) => p.name).sort() ?? [], key).toEqual(named);
    }
  });

  it('names shared shapes as components and points at them', () => {
    const doc = openApiDocument();
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Error', 'IssuedToken', 'Me']));
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g)];
    for (const [, kind, name] of refs) expect((doc.components as Record<string, Record<string, unknown>>)[kind]?.[name], `${kind}/${name}`).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain('#/$defs/');
  });

  it('lists the errors an endpoint can answer from what it takes', () => {
    const doc = buildOpenApi(CONTRACTS);
    const logIn = doc.paths['/login'].post;
    expect(Object.keys(logIn.responses)).toEqual(['201', '400', '413', '415', '422', '429', '503']);
    expect(logIn.responses['429'].headers).toHaveProperty('Retry-After');
    expect(logIn.security).toEqual([]);
    const me = doc.paths['/me'].get;
    expect(Object.keys(me.responses)).toEqual(['200', '401', '503']);
    expect(me.security).toEqual([{ bearer: [] }]);
    const stream = doc.paths['/stream'].get;
    expect(stream.responses['200'].content).toHaveProperty('text/event-stream');
    expect(stream.parameters?.map((p) => `${p.in} ${p.name}`)).toEqual(['query timeline', 'header Last-Event-ID']);
  });
});

describe('the document of endpoints still to come', () => {
  // The other areas' contracts arrive at merge; these use every part of a contract the way they will.
  const reading = contract({
    method: 'GET',
    path: '/users/{username}/followers',
    operationId: 'listFollowersExample',
    summary: 'Followers',
    tag: 'People',
    auth: 'optional',
    params: z.object({ username: z.string().max(30) }),
    query: pageQuery,
    responses: { 200: { description: 'A page.', schema: pageOf(personShape, 'PersonPageExample'), headers: ['Link'] } },
  });
  const writing = contract({
    method: 'POST',
    path: '/peeps/{id}/repost',
    operationId: 'repostExample',
    summary: 'Repost',
    tag: 'Peeps',
    auth: 'required',
    params: z.object({ id: z.coerce.number().int().min(1) }),
    headers: z.object({ 'idempotency-key': z.uuid().optional() }),
    body: z.object({ note: z.string().max(10).optional() }),
    rateLimit: 'interaction',
    responses: { 200: { description: 'The peep.', schema: peepShape }, 403: { description: 'Blocked.' } },
  });
  const doc = buildOpenApi([...CONTRACTS, reading, writing]);

  it('is still valid, with pages, path parameters, headers and limits', async () => {
    expect((await new Validator().validate(structuredClone(doc))).errors ?? []).toEqual([]);
    const followers = doc.paths['/users/{username}/followers'].get;
    expect(followers.parameters?.map((p) => `${p.in} ${p.name} ${p.required}`)).toEqual(['path username true', 'query before false', 'query limit false']);
    expect(followers.responses['200'].headers).toHaveProperty('Link');
    expect(Object.keys(followers.responses)).toEqual(['200', '400', '401', '404', '503']);
    const repost = doc.paths['/peeps/{id}/repost'].post;
    expect(Object.keys(repost.responses)).toEqual(['200', '400', '401', '403', '404', '413', '415', '422', '429', '503']);
    expect(repost.responses['200'].headers).toHaveProperty('RateLimit-Remaining');
    expect(repost.responses['403'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(repost.parameters?.find((p) => p.in === 'header')?.name).toBe('Idempotency-Key');
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Peep', 'Author', 'Person', 'PersonPageExample']));
  });
});

describe('the contracts and the route files', () => {
  it('have a route exporting the method of every contract, or the server answering it on the socket', () => {
    const routes = new Map(routeFiles().map((r) => [r.path, r.methods]));
    for (const c of CONTRACTS) {
      if (SOCKET_PATHS.includes(`${API_PREFIX}${c.path}`)) continue;
      expect(routes.get(c.path) ?? [], `${c.method} ${c.path}`).toContain(c.method);
    }
    expect(CONTRACTS.some((c) => SOCKET_PATHS.includes(`${API_PREFIX}${c.path}`))).toBe(true);
  });

  it('have a contract for every method a route exports', () => {
    const contracted = new Set(CONTRACTS.map((c) => `${c.method} ${c.path}`));
    const routes = routeFiles();
    expect(routes.length).toBeGreaterThan(0);
    for (const r of routes) for (const m of r.methods) expect(contracted, `${m} ${r.path}`).toContain(`${m} ${r.path}`);
  });
});
