// npm run bench:outage -- [refuse|blackhole]: what people notice when the database goes away for a while.
// Starts Chitter (WEB_CONCURRENCY=2) on a fresh database behind a cuttable loopback TCP proxy, signs up 10 people,
// and has each post peeps through the compose box's server action (as a browser without JavaScript posts it) for
// OUTAGE_RUN_SECONDS (30), while two more read /following; the proxy is cut OUTAGE_CUT_AT seconds (10) in for
// OUTAGE_CUT_SECONDS (5). Prints every response by kind, the slowest, and whether any confirmed peep was lost.
// Needs PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); only loopback traffic.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import postgres from 'postgres';
import { startAppServer } from '../tests/support/app-server';
import { composeFields, composeText, postForm, signUp } from '../tests/support/no-js-forms';
import { startTcpProxy, type CutMode } from '../tests/support/tcp-proxy';

const mode = (process.argv[2] ?? 'refuse') as CutMode;
const RUN_S = Number(process.env.OUTAGE_RUN_SECONDS || 30);
const CUT_AT_S = Number(process.env.OUTAGE_CUT_AT || 10);
const CUT_S = Number(process.env.OUTAGE_CUT_SECONDS || 5);
const POSTERS = 10;
const READERS = 2;
const HUNG_MS = 15_000;
const admin = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

type Outcome = { kind: string; ms: number; at: number; body?: string };

const dbName = `chitter_outage_${Date.now()}`;
const adminSql = postgres(admin, { max: 1, onnotice: () => {} });
await adminSql.unsafe(`create database ${dbName}`);
const direct = new URL(admin);
direct.pathname = `/${dbName}`;
const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
const app = await startAppServer({
  env: { DATABASE_URL: proxy.urlFor(direct.toString()), AUTH_SECRET: randomBytes(48).toString('base64url'), WEB_CONCURRENCY: '2', WORKER: 'off' },
});
const base = app.url;
const run = randomBytes(3).toString('hex');
const t0 = Date.now();
const since = () => (Date.now() - t0) / 1000;

try {
  const people = await Promise.all(Array.from({ length: POSTERS + READERS }, (_, i) => signUp(base, { username: `out${run}${i}` })));
  const fields = await Promise.all(people.slice(0, POSTERS).map((cookie) => composeFields(base, cookie)));
  console.log(`Chitter at ${base}, ${POSTERS} posters and ${READERS} readers, ${mode} cut at ${CUT_AT_S} s for ${CUT_S} s of ${RUN_S} s`);

  const start = Date.now();
  const end = start + RUN_S * 1000;
  const at = () => (Date.now() - start) / 1000;
  const posts: Outcome[] = [];
  const reads: Outcome[] = [];

  const outage = (async () => {
    await sleep(CUT_AT_S * 1000);
    await proxy.cut(mode);
    console.log(`cut at ${at().toFixed(1)} s`);
    await sleep(CUT_S * 1000);
    await proxy.restore();
    console.log(`restored at ${at().toFixed(1)} s`);
  })();

  const poster = async (i: number) => {
    for (let n = 0; Date.now() < end; n++) {
      const body = `outage ${run} ${i}-${n}`;
      const began = Date.now();
      const started = at();
      let kind: string;
      try {
        const res = await postForm(`${base}/following`, { ...fields[i], body }, { cookie: people[i], timeoutMs: 60_000 });
        const html = await res.text();
        kind = classifyPost(res, html, body);
      } catch (err) {
        kind = `no answer (${err instanceof Error ? err.name : err})`;
      }
      posts.push({ kind, ms: Date.now() - began, at: started, body });
    }
  };
  const reader = async (i: number) => {
    while (Date.now() < end) {
      const began = Date.now();
      const started = at();
      let kind: string;
      try {
        const res = await fetch(`${base}/following`, { headers: { cookie: people[POSTERS + i] }, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
        kind = classifyPage(res, await res.text());
      } catch (err) {
        kind = `no answer (${err instanceof Error ? err.name : err})`;
      }
      reads.push({ kind, ms: Date.now() - began, at: started });
      await sleep(100);
    }
  };
  await Promise.all([outage, ...Array.from({ length: POSTERS }, (_, i) => poster(i)), ...Array.from({ length: READERS }, (_, i) => reader(i))]);

  const sql = postgres(direct.toString(), { max: 1, onnotice: () => {} });
  const saved = new Set((await sql<{ body: string }[]>`select body from peeps where body like ${`outage ${run} %`}`).map((r) => r.body));
  await sql.end();
  const confirmed = posts.filter((p) => p.kind === 'confirmed');
  const lost = confirmed.filter((p) => !saved.has(p.body!)).length;
  const savedUnconfirmed = posts.filter((p) => p.kind !== 'confirmed' && saved.has(p.body!)).length;

  report('posts', posts);
  console.log(`  confirmed ${confirmed.length}, lost ${lost}; saved although not confirmed: ${savedUnconfirmed}`);
  report('page views of /following', reads);
  const cutFrom = CUT_AT_S;
  const cutTo = CUT_AT_S + CUT_S;
  const during = [...posts, ...reads].filter((o) => o.at + o.ms / 1000 >= cutFrom && o.at <= cutTo);
  console.log(`requests overlapping the outage: ${during.length}, slowest ${Math.max(0, ...during.map((o) => o.ms))} ms, p99 ${percentile(during.map((o) => o.ms), 0.99)} ms`);
  writeFileSync(`/tmp/chitter-outage-${mode}.json`, JSON.stringify({ posts, reads }, null, 1));
} finally {
  await app.stop();
  writeFileSync(`/tmp/chitter-outage-${mode}.log`, app.output());
  await proxy.close();
  await adminSql.unsafe(`drop database if exists ${dbName} with (force)`);
  await adminSql.end();
}
console.log(`done in ${since().toFixed(0)} s`);

function classifyPost(res: Response, html: string, body: string): string {
  const location = res.headers.get('location') ?? '';
  if (res.status >= 300 && res.status < 400) return /\/login/.test(location) ? 'redirect to /login' : 'confirmed';
  if (html.includes('Log in to peep')) return `'Log in to peep' (${res.status})`;
  if (res.status === 503) return composeText(html) === body ? '503, text kept' : '503, text lost';
  return `other ${res.status}`;
}

function classifyPage(res: Response, html: string): string {
  const location = res.headers.get('location') ?? '';
  if (res.status >= 300 && res.status < 400) return /\/login/.test(location) ? 'redirect to /login' : `redirect ${location}`;
  if (res.status === 503) return html.includes('reach our database') ? '503, friendly' : '503, other';
  return String(res.status);
}

function report(title: string, outcomes: Outcome[]) {
  const kinds = new Map<string, number>();
  for (const o of outcomes) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
  const hung = outcomes.filter((o) => o.ms > HUNG_MS).length;
  console.log(`${title}: ${outcomes.length}; over ${HUNG_MS / 1000} s: ${hung}; slowest ${Math.max(0, ...outcomes.map((o) => o.ms))} ms`);
  for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${kind}: ${n}`);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
