// npm run bench: builds Chitter, starts it in production mode on the configured PostgreSQL (DATABASE_URL, created
// and migrated when missing; the embedded database if none), seeds when empty, and measures each scenario for a fixed
// time after a warm-up: once as served (kept pages from the page cache) and once with the cache off (rendered on every
// request). Beside them it measures three references in the same run: a bare node:http + pg server for the public
// stream (bench/ceiling.mjs), a bare Next.js page of 50 plain rows and server action (bench/reference-next) and node:http with Chitter's
// own session check and home-timeline query (bench/reference-following.mts), and prints Chitter's figures as ratios of
// them. Prints requests a second, p50, p99, errors and the app's peak memory; writes bench/results/<date>-web<N>.json.
// Settings: BENCH_SECONDS (10), BENCH_CONNECTIONS (10), BENCH_USERS/BENCH_PEEPS/BENCH_FOLLOWS (100000/1000000/100),
// BENCH_PORT (3300: the app; the references take the next three).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { tsImport } from 'tsx/esm/api';
import { measureLive } from './live.mjs';
import { loadTool, measure } from './load.mjs';

// Under package.json's engines.node floor, stop with the server's one-line message rather than midway through.
(await tsImport('../server/check-node.ts', import.meta.url)).assertSupportedNode();
const { seedUsername } = await tsImport('../db/seed-names.ts', import.meta.url);

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);
const LARGE = { users: Number(process.env.BENCH_USERS || 100_000), peeps: Number(process.env.BENCH_PEEPS || 1_000_000), follows: Number(process.env.BENCH_FOLLOWS || 100) };
const SMALL = { users: 1_000, peeps: 10_000, follows: Math.min(LARGE.follows, 100) };
const APP_PORT = Number(process.env.BENCH_PORT || 3300);
const CEILING_PORT = APP_PORT + 1;
const REFERENCE_NEXT_PORT = APP_PORT + 2;
const REFERENCE_FOLLOWING_PORT = APP_PORT + 3;
// The seed's most used tag after #chitter (db/queries/seed.ts SEED_TAGS): on one peep in a hundred.
const BENCH_TAG = 'coffee';
const SEED_PASSWORD = 'chitter-seed-password';
const POSTERS = Number(process.env.BENCH_POSTERS || 300);
// People who post during the warm-up only, so the measured posters start with their whole allowance.
const WARMUP_POSTERS = 100;
const databaseUrl = process.env.DATABASE_URL || null;
const authSecret = process.env.AUTH_SECRET || randomBytes(48).toString('base64url');

let peakTotal = 0; // all app processes together, across the whole run

const log = (...args) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

function databaseFor(suffix) {
  if (!databaseUrl) return { env: { DATABASE_URL: '', DATA_DIR: `.data/bench${suffix}` }, url: null };
  const url = new URL(databaseUrl);
  if (suffix) url.pathname = `${url.pathname}${suffix.replace(/[^a-z0-9_]/gi, '_')}`;
  return { env: { DATABASE_URL: url.toString() }, url: url.toString() };
}

/** Runs `work(admin, name)` on the server `url` names, connected to its `postgres` database, about `name`'s database. */
async function withAdmin(url, work) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = postgres(target.toString(), { max: 1, onnotice: () => {} });
  try {
    return await work(admin, `"${name.replace(/"/g, '""')}"`, name);
  } catch (err) {
    throw new Error(`Cannot create or check database "${name}" at ${target.host} (${err.message}). Check DATABASE_URL.`);
  } finally {
    await admin.end();
  }
}

/** Creates the database `url` names when it does not exist yet (a fresh machine); the migration comes next. */
async function ensureDatabase(url) {
  await withAdmin(url, async (admin, quoted, name) => {
    const [found] = await admin`select 1 from pg_database where datname = ${name}`;
    if (found) return;
    log(`creating database ${name}`);
    await admin.unsafe(`create database ${quoted}`);
  });
}

async function recreateDatabase(url) {
  await withAdmin(url, async (admin, quoted) => {
    await admin.unsafe(`drop database if exists ${quoted} with (force)`);
    await admin.unsafe(`create database ${quoted}`);
  });
}

// Every process this starts runs on the Node that runs it: its own children through process.execPath, and npm (and
// the tsx scripts it runs), which start with `env node`, through this Node's folder first on PATH.
const PATH = [path.dirname(process.execPath), process.env.PATH].filter(Boolean).join(path.delimiter);

function npmRun(args, env) {
  const result = spawnSync('npm', ['run', ...args], { stdio: 'inherit', env: { ...process.env, ...env, PATH, AUTH_SECRET: authSecret } });
  if (result.status !== 0) throw new Error(`npm run ${args.join(' ')} failed`);
}

async function peepCount(env) {
  if (env.DATABASE_URL) {
    const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    const [row] = await sql`select (select count(*) from peeps)::int as peeps, (select count(*) from users)::int as users`;
    await sql.end();
    return row;
  }
  return null;
}

async function hasConversations(env) {
  const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const [row] = await sql`select exists (select 1 from likes) or exists (select 1 from peep_tags) as found`;
  await sql.end();
  return row.found;
}

/** Whether the page answers at all: one another branch builds may not exist here yet, and then it is skipped. */
async function answers(name, { url, headers }) {
  const res = await fetch(url, { headers, redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== 404) return true;
  log(`skipping "${name}": ${new URL(url).pathname} answers 404 (that page is not built in this release)`);
  return false;
}

async function startApp(env) {
  // Started as `npm start` starts it, with the same heap cap. `env` may turn the page cache off (PAGE_CACHE_TTL_MS=0).
  const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'server/main.ts'], {
    // Behind a "proxy" so the posters below can log in from addresses of their own (25 log-ins per address).
    env: { ...process.env, ...env, AUTH_SECRET: authSecret, PORT: String(APP_PORT), HOST: '127.0.0.1', NODE_ENV: 'production', APP_URL: `http://127.0.0.1:${APP_PORT}`, TRUST_PROXY: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', () => {});
  child.stderr.on('data', (d) => process.stderr.write(d));
  await waitFor(`http://127.0.0.1:${APP_PORT}/login`);
  return child;
}

async function waitFor(url, timeoutMs = 180_000, anyAnswer = false) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.ok || anyAnswer) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

async function stop(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

function rssBytes(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Peak resident memory of the largest app process (the server, or each of its cluster workers), every 100 ms. */
async function withPeakMemory(pid, work) {
  let peak = 0;
  const sample = () => {
    let sum = 0;
    for (const p of [pid, ...childPids(pid)]) {
      const rss = rssBytes(p);
      peak = Math.max(peak, rss);
      sum += rss;
    }
    peakTotal = Math.max(peakTotal, sum);
  };
  const timer = setInterval(sample, 100);
  sample();
  try {
    return { result: await work(), peakBytes: peak };
  } finally {
    clearInterval(timer);
    sample();
  }
}

/** Runs `args` as a server on `port`, measures `scenarios` ([name, url, headers]) against it, then stops it. */
async function measureReference(args, port, env, scenarios) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port), PATH }, stdio: ['ignore', 'ignore', 'inherit'] });
  const rows = [];
  try {
    await waitFor(`http://127.0.0.1:${port}/`, 60_000, true);
    for (const [name, url, headers = {}, prepare] of scenarios) {
      log(name);
      // A scenario may need something from the running server first (a form's fields to post).
      const extra = prepare ? await prepare() : {};
      rows.push(row(name, await measure({ url, headers, seconds: SECONDS, connections: CONNECTIONS, ...extra }), 0));
    }
  } finally {
    await stop(child);
  }
  return rows;
}

/** A form's hidden fields, as a browser without JavaScript would post them. */
function hiddenFields(html, formMarker) {
  const start = html.indexOf(formMarker);
  const form = html.slice(html.lastIndexOf('<form', start), html.indexOf('</form>', start));
  const fields = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) fields[m[1]] = (m[2] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return fields;
}

function multipart(fields) {
  const boundary = `----chitterbench${randomBytes(8).toString('hex')}`;
  const body = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

async function logIn(base, username, address = '127.0.0.1') {
  const page = await (await fetch(`${base}/login`)).text();
  const { body, type } = multipart({ ...hiddenFields(page, 'name="identifier"'), identifier: username, password: SEED_PASSWORD });
  const res = await fetch(`${base}/login`, { method: 'POST', body, headers: { 'content-type': type, origin: base, 'x-forwarded-for': address }, redirect: 'manual' });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).filter((c) => c.includes('session-token')).join('; ');
  if (!cookie) throw new Error(`could not log in as ${username} (status ${res.status})`);
  return cookie;
}

async function benchUser(env) {
  const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const [row] = await sql`select u.username, (select count(*) from follows f where f.follower_id = u.id)::int as follows
    from users u where u.email like '%@seed.chitter.test' order by u.id limit 1`;
  const [famous] = await sql`select u.username from users u order by (select count(*) from follows f where f.followee_id = u.id) desc limit 1`;
  // The seed gives one peep exactly 200 replies; no other comes near.
  const [thread] = await sql`select id, reply_count from peeps order by reply_count desc limit 1`;
  const posters = await sql`select username from users where email like '%@seed.chitter.test' order by id offset 1 limit ${POSTERS + WARMUP_POSTERS}`;
  await sql.end();
  return { ...row, famous: famous.username, thread: thread && thread.reply_count > 0 ? { id: Number(thread.id), replies: thread.reply_count } : null, posters: posters.map((p) => p.username) };
}

/** The public stream is compared across two databases, so it is measured twice and averaged to damp noise. */
async function measureTwice(opts) {
  const a = await measure(opts);
  const b = await measure({ ...opts, warmup: 0 });
  return { rps: (a.rps + b.rps) / 2, p50: Math.max(a.p50, b.p50), p99: Math.max(a.p99, b.p99), errors: a.errors + b.errors, requests: a.requests + b.requests };
}

function row(name, r, peakBytes) {
  return { scenario: name, rps: Math.round(r.rps), p50: r.p50, p99: r.p99, errors: r.errors, requests: r.requests, peakMb: Math.round(peakBytes / 1048576) };
}

async function main() {
  const started = Date.now();
  if (!databaseUrl) log('DATABASE_URL is not set: measuring on the embedded database (PGlite runs one query at a time; numbers are not comparable to PostgreSQL).');
  log(`load generator: ${loadTool}, ${CONNECTIONS} connections, ${SECONDS} s per scenario after a 3 s warm-up`);
  log(`app processes: ${databaseUrl ? Number(process.env.WEB_CONCURRENCY || 1) : 1} (WEB_CONCURRENCY)`);
  log('building…');
  const built = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (built.status !== 0) throw new Error('next build failed');

  const results = [];
  let overallPeak = 0;

  // 1. The public stream at 10,000 peeps, in a database of its own.
  const small = databaseFor('_10k');
  if (small.url) await recreateDatabase(small.url);
  else rmSync(small.env.DATA_DIR, { recursive: true, force: true });
  log(`seeding the small database (${JSON.stringify(SMALL)})`);
  npmRun(['db:seed', '--', '--users', String(SMALL.users), '--peeps', String(SMALL.peeps), '--follows', String(SMALL.follows)], small.env);
  let app = await startApp(small.env);
  const smallPublic = await withPeakMemory(app.pid, () => measureTwice({ url: `http://127.0.0.1:${APP_PORT}/`, seconds: SECONDS, connections: CONNECTIONS }));
  overallPeak = Math.max(overallPeak, smallPublic.peakBytes);
  results.push(row('public stream, logged out, 10k peeps', smallPublic.result, smallPublic.peakBytes));
  await stop(app);

  // 2. Everything at full size, on the configured database.
  const large = databaseFor('');
  // A new database has no tables until it is migrated; the seed migrates, but the count comes first.
  if (large.env.DATABASE_URL) {
    await ensureDatabase(large.env.DATABASE_URL);
    npmRun(['db:migrate'], large.env);
  }
  const before = large.env.DATABASE_URL ? await peepCount(large.env) : null;
  if (!before || before.users === 0) {
    log(`seeding the large database (${JSON.stringify(LARGE)})`);
    npmRun(['db:seed', '--', '--users', String(LARGE.users), '--peeps', String(LARGE.peeps), '--follows', String(LARGE.follows)], large.env);
  } else if (!(await hasConversations(large.env))) {
    // Seeded by a release before replies, likes and tags: add them to what is there rather than seed it all again.
    log('the large database has no replies, likes or tags yet: adding them');
    npmRun(['db:seed', '--', '--conversations-only'], large.env);
  }
  const sizes = large.env.DATABASE_URL ? await peepCount(large.env) : null;
  log(`large database: ${JSON.stringify(sizes)}`);
  app = await startApp(large.env);
  const base = `http://127.0.0.1:${APP_PORT}`;
  // The embedded database belongs to the running app, so its people are named by the seed's own pattern.
  const who = large.env.DATABASE_URL
    ? await benchUser(large.env)
    : { username: seedUsername(1), follows: LARGE.follows, famous: seedUsername(1), thread: null, posters: Array.from({ length: POSTERS + WARMUP_POSTERS }, (_, i) => seedUsername(i + 2)) };
  const cookie = await logIn(base, who.username);
  log(`logged in as @${who.username}, who follows ${who.follows}`);

  const threadPages = who.thread
    ? [
        [`thread page, ${who.thread.replies} replies, logged out`, { url: `${base}/p/${who.thread.id}` }],
        [`thread page, ${who.thread.replies} replies, logged in`, { url: `${base}/p/${who.thread.id}`, headers: { cookie } }],
      ]
    : [];
  if (!who.thread) log('skipping the thread page: no peep has replies (the embedded database, or seeded without them)');
  const candidates = [
    ['Following tab, logged in', { url: `${base}/following`, headers: { cookie } }],
    ['profile page, logged in', { url: `${base}/u/${who.famous}`, headers: { cookie } }],
    ['search, logged out', { url: `${base}/search?q=sam` }],
    ...threadPages,
    [`tag page #${BENCH_TAG}, logged out, ${sizes ? `${Math.round(sizes.peeps / 1e5) / 10}M` : 'all'} peeps`, { url: `${base}/tags/${BENCH_TAG}` }],
  ];
  const pages = [];
  for (const [name, opts] of candidates) if (await answers(name, opts)) pages.push([name, opts]);
  const measureOn = async (child, name, opts) => {
    log(name);
    const run = name.startsWith('public stream') ? measureTwice : measure;
    const { result, peakBytes } = await withPeakMemory(child.pid, () => run({ ...opts, seconds: SECONDS, connections: CONNECTIONS }));
    overallPeak = Math.max(overallPeak, peakBytes);
    results.push(row(name, result, peakBytes));
  };
  await measureOn(app, 'public stream, logged out, 1M peeps', { url: `${base}/` });
  for (const [name, opts] of pages) await measureOn(app, name, opts);

  // A person may post 30 peeps in 5 minutes, so the load is spread over many people, as real posting is. The first
  // few post only during the warm-up (the posting path is cold in a process that has only served pages).
  const everyone = who.posters ?? [who.username];
  log(`posting peeps through the server action, as ${Math.max(1, everyone.length - WARMUP_POSTERS)} people after a warm-up`);
  const sessions = [];
  for (const [i, username] of everyone.entries()) sessions.push(await logIn(base, username, `10.9.${Math.floor(i / 200)}.${i % 200}`));
  const warmers = sessions.length > WARMUP_POSTERS ? sessions.slice(0, WARMUP_POSTERS) : sessions;
  const posters = sessions.length > WARMUP_POSTERS ? sessions.slice(WARMUP_POSTERS) : sessions;
  const composePage = await (await fetch(`${base}/following`, { headers: { cookie } })).text();
  // Without the compose form's key: one body sent again and again with one key would be a repeat after each poster's
  // first post, answered without writing. Without a key, as from a form of an older release, each post is a new peep.
  const fields = { ...hiddenFields(composePage, 'name="body"'), body: 'Benchmarking Chitter, one peep at a time.' };
  delete fields.clientKey;
  const { body, type } = multipart(fields);
  // With the Origin header every browser sends with a form post.
  const postLoad = (values, seconds) => measure({ url: `${base}/following`, method: 'POST', headers: { 'content-type': type, origin: base }, rotate: { header: 'cookie', values }, body, seconds, warmup: 0, connections: CONNECTIONS });
  await postLoad(warmers, 3);
  const countBefore = await peepCount(large.env);
  const posting = await withPeakMemory(app.pid, () => postLoad(posters, SECONDS));
  const countAfter = await peepCount(large.env);
  overallPeak = Math.max(overallPeak, posting.peakBytes);
  const postRow = row('posting peeps (server action)', posting.result, posting.peakBytes);
  if (countBefore && countAfter) postRow.saved = countAfter.peeps - countBefore.peeps;
  results.push(postRow);

  // Live: 1,000 open pages hear of every peep posted at 20 a second (WEB_CONCURRENCY spreads them over the processes).
  log('live updates: 1,000 open streams, 20 peeps a second');
  const live = await withPeakMemory(app.pid, () =>
    measureLive({
      base,
      post: async (n) => {
        const res = await fetch(`${base}/following`, { method: 'POST', body, headers: { 'content-type': type, origin: base, cookie: posters[n % posters.length] }, redirect: 'manual' });
        await res.arrayBuffer();
        return res.status === 303;
      },
      seconds: SECONDS,
    }),
  );
  overallPeak = Math.max(overallPeak, live.peakBytes);
  log(`live: ${JSON.stringify(live.result)}, app peak ${Math.round(live.peakBytes / 1048576)} MB`);
  await stop(app);

  // 3. The same pages with the page cache off: what rendering one costs, as after every write.
  app = await startApp({ ...large.env, PAGE_CACHE_TTL_MS: '0' });
  for (const [name, opts] of pages) await measureOn(app, `${name}, rendered (cache off)`, opts);
  await stop(app);

  // 4. The references, against the same large database.
  let ceilingRps = null;
  if (large.env.DATABASE_URL) {
    const [ceiling] = await measureReference(['bench/ceiling.mjs'], CEILING_PORT, { DATABASE_URL: large.env.DATABASE_URL }, [
      ['reference: node:http + pg, public-stream query', `http://127.0.0.1:${CEILING_PORT}/`],
    ]);
    results.push(ceiling);
    ceilingRps = ceiling.rps;
    results.push(
      ...(await measureReference(['--require', './scripts/no-server-only.cjs', '--import', 'tsx', 'bench/reference-following.mts'], REFERENCE_FOLLOWING_PORT, { ...large.env, AUTH_SECRET: authSecret }, [
        ['reference: node:http + Chitter’s session check and home query', `http://127.0.0.1:${REFERENCE_FOLLOWING_PORT}/`, { cookie }],
      ])),
    );
  }
  log('building the bare Next.js reference');
  const next = ['node_modules/next/dist/bin/next'];
  if (spawnSync(process.execPath, [...next, 'build', 'bench/reference-next'], { stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } }).status !== 0) throw new Error('building bench/reference-next failed');
  results.push(
    ...(await measureReference([...next, 'start', 'bench/reference-next', '-H', '127.0.0.1', '-p', String(REFERENCE_NEXT_PORT)], REFERENCE_NEXT_PORT, { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }, [
      ['reference: bare Next.js page, 50 plain rows', `http://127.0.0.1:${REFERENCE_NEXT_PORT}/`],
      ['reference: bare Next.js server action (form post, redirect)', `http://127.0.0.1:${REFERENCE_NEXT_PORT}/post`, {}, async () => {
        const base = `http://127.0.0.1:${REFERENCE_NEXT_PORT}`;
        const page = await (await fetch(`${base}/post`)).text();
        const { body, type } = multipart({ ...hiddenFields(page, 'name="body"'), body: 'Benchmarking Chitter, one peep at a time.' });
        return { method: 'POST', body, headers: { 'content-type': type, origin: base } };
      }],
    ])),
  );

  const rps = (prefix) => results.find((r) => r.scenario.startsWith(prefix))?.rps ?? null;
  const ratio = (a, b) => (a && b ? +(a / b).toFixed(2) : null);
  const publicLarge = results.find((r) => r.scenario.startsWith('public stream, logged out, 1M'));
  const publicSmall = results[0];
  const bareNext = rps('reference: bare Next.js');
  const bareFollowing = rps('reference: node:http + Chitter');
  const summary = {
    ceilingRatio: ratio(publicLarge.rps, ceilingRps),
    growthRatio: ratio(publicLarge.rps, publicSmall.rps),
    // Each logged-in page as served and as rendered, against the bare framework and against no framework at all.
    ratios: Object.fromEntries(
      pages.flatMap(([name]) => [
        [`${name} / bare Next.js`, ratio(rps(`${name}`), bareNext)],
        [`${name} / node:http + same queries`, ratio(rps(`${name}`), bareFollowing)],
        [`${name}, rendered / bare Next.js`, ratio(rps(`${name}, rendered`), bareNext)],
        [`${name}, rendered / node:http + same queries`, ratio(rps(`${name}, rendered`), bareFollowing)],
      ]),
    ),
    'posting / bare Next.js server action': ratio(postRow.rps, rps('reference: bare Next.js server action')),
    peakMemoryMb: Math.round(overallPeak / 1048576),
    peakMemoryAllProcessesMb: Math.round(peakTotal / 1048576),
    live: { ...live.result, peakMb: Math.round(live.peakBytes / 1048576) },
    postsSaved: postRow.saved ?? null,
    postsAccepted: postRow.requests - postRow.errors,
  };

  const table = [
    '| scenario | req/s | p50 ms | p99 ms | errors | app peak MB |',
    '|---|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.scenario} | ${r.rps.toLocaleString('en-US')} | ${r.p50?.toFixed(1) ?? '–'} | ${r.p99?.toFixed(1) ?? '–'} | ${r.errors} | ${r.peakMb || '–'} |`),
  ].join('\n');
  console.log(`\n${table}\n`);
  console.log(`public stream / node:http + pg reference: ${summary.ceilingRatio ?? 'n/a (no PostgreSQL)'}`);
  for (const [name, value] of Object.entries(summary.ratios)) console.log(`${name}: ${value ?? 'n/a'}`);
  console.log(`public stream at 1M / at 10k peeps: ${summary.growthRatio}`);
  console.log(`posting / bare Next.js server action: ${summary['posting / bare Next.js server action'] ?? 'n/a'}`);
  console.log(`posting: ${summary.postsAccepted} accepted, ${summary.postsSaved ?? 'n/a'} saved`);
  const { live: l } = summary;
  console.log(`live: ${l.streams} streams, ${l.posted} peeps, delivery from commit p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms, ${l.missed} missed, app peak ${l.peakMb} MB`);
  console.log(`app peak memory across the run: ${summary.peakMemoryMb} MB per process, ${summary.peakMemoryAllProcessesMb} MB all processes together`);

  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  const record = { date: new Date().toISOString(), database: databaseUrl ? 'postgresql' : 'embedded', webConcurrency: databaseUrl ? Number(process.env.WEB_CONCURRENCY || 1) : 1, loadTool, seconds: SECONDS, connections: CONNECTIONS, sizes, machine, results, summary, tookSeconds: Math.round((Date.now() - started) / 1000) };
  mkdirSync('bench/results', { recursive: true });
  const file = path.join('bench/results', `${record.date.slice(0, 10)}-web${record.webConcurrency}.json`);
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  log(`results written to ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
