import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runMigrations } from '@/db/migrate';
import { startAppServer, type AppServer } from '../support/app-server';
import { composeFields, postForm, signUp } from '../support/no-js-forms';

// An upgrade as an operator runs it: an instance of the previous release serving on its own schema while this
// release's `npm run db:migrate` applies the newer migrations under load.
//
// The previous release is the real one, taken from git history: the last commit whose migrations end at
// OLD_RELEASE_NEWEST (the parent of the oldest commit that added the next migration). Its tree is extracted to a
// temporary folder, its dependencies installed from its own package-lock.json and its app built there, and its own
// server runs from that folder on a database migrated through its own migrations only. Then this checkout's
// `npm run db:migrate` runs while that instance keeps reading, posting with mentions and signing people up; nothing
// may fail, and the instance must still post on the new schema afterwards. CI clones the whole history; a shallow
// clone cannot find the release and says so.
const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
/** The index of the newest migration the previous release has: move it forward when a release ships. */
const OLD_RELEASE_NEWEST = 17;
const AUTH_SECRET = randomBytes(48).toString('base64url');
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const database = `chitter_upgrade_${process.pid}_${Date.now()}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${database}`;
const databaseUrl = url.toString();
const oldRoot = mkdtempSync(path.join(os.tmpdir(), 'chitter-old-release-'));
let db: postgres.Sql;
let app: AppServer;

/** Runs `command` in `cwd` and resolves with its exit code and everything it printed. */
function run(command: string, args: string[], { cwd, env = process.env }: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** Like `run`, but throws with the output unless the command succeeds; resolves with its output. */
async function mustRun(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  const { code, output } = await run(command, args, options);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${code}:\n${output.slice(-8000)}`);
  return output.trim();
}

/** The commit of the previous release: the first parent of the oldest commit that added migration OLD_RELEASE_NEWEST + 1. */
async function previousRelease(): Promise<string> {
  if ((await mustRun('git', ['rev-parse', '--is-shallow-repository'], { cwd: ROOT })) === 'true') {
    throw new Error('This clone is shallow, so the previous release to upgrade from is not in it: run `git fetch --unshallow` (or clone without --depth) first.');
  }
  const next = String(OLD_RELEASE_NEWEST + 1).padStart(4, '0');
  const adding = (await mustRun('git', ['log', '--diff-filter=A', '--format=%H', '--', `db/migrations/${next}_*.sql`], { cwd: ROOT })).split('\n').filter(Boolean);
  if (adding.length === 0) throw new Error(`No commit adds a migration ${next}: is OLD_RELEASE_NEWEST (${OLD_RELEASE_NEWEST}) the previous release's newest migration?`);
  const release = await mustRun('git', ['rev-parse', `${adding.at(-1)}^1`], { cwd: ROOT });
  const journal = JSON.parse(await mustRun('git', ['show', `${release}:db/migrations/meta/_journal.json`], { cwd: ROOT })) as { entries: { idx: number }[] };
  if (journal.entries.at(-1)?.idx !== OLD_RELEASE_NEWEST) throw new Error(`The previous release ${release}'s migrations end at ${journal.entries.at(-1)?.idx}, not ${OLD_RELEASE_NEWEST}`);
  return release;
}

/** Extracts the previous release into `oldRoot`, installs its dependencies and builds its app. */
async function buildPreviousRelease(): Promise<void> {
  const release = await previousRelease();
  const archive = path.join(oldRoot, '.release.tar');
  await mustRun('git', ['archive', '--format=tar', '-o', archive, release], { cwd: ROOT });
  await mustRun('tar', ['-x', '-f', archive, '-C', oldRoot], { cwd: ROOT });
  rmSync(archive);
  // Its own lock file: reusing this checkout's node_modules would run it with this release's dependencies.
  await mustRun('npm', ['ci', '--no-audit', '--no-fund'], { cwd: oldRoot });
  // Built as `npm run build` builds, not with Vitest's NODE_ENV=test.
  await mustRun('npx', ['next', 'build'], { cwd: oldRoot, env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } });
}

function dbMigrate(): Promise<{ code: number | null; output: string }> {
  return run('npm', ['run', '--silent', 'db:migrate'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET } });
}

const newer = readMigrationFiles({ migrationsFolder: path.join(ROOT, 'db/migrations') }).slice(OLD_RELEASE_NEWEST + 1);

beforeAll(async () => {
  // Installing and building the previous release takes a few minutes on a small machine.
  await buildPreviousRelease();
  await admin.unsafe(`create database ${database}`);
  db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  // Its own migrations (which its server would also apply as it starts), so the database is exactly its schema.
  await runMigrations({ databaseUrl, migrationsFolder: path.join(oldRoot, 'db/migrations') });
  app = await startAppServer({ root: oldRoot, env: { DATABASE_URL: databaseUrl, AUTH_SECRET, WORKER: 'off' } });
}, 15 * 60_000);

afterAll(async () => {
  await app?.stop();
  await db?.end();
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
  rmSync(oldRoot, { recursive: true, force: true });
});

it('applies the newer migrations while an older instance serves reads, posts and sign-ups, with no failed request', async () => {
  expect(newer.length).toBeGreaterThan(0);
  const people = await Promise.all(['upgrade_a', 'upgrade_b', 'upgrade_c'].map(async (username) => {
    const cookie = await signUp(app.url, { username });
    return { username, cookie, fields: await composeFields(app.url, cookie) };
  }));
  const readiness = async () => (await fetch(`${app.url}/readyz`)).status;
  const newestTrigger = async () => (await db<{ trigger: string | null }[]>`select tgname as trigger from pg_trigger where tgname = 'likes_count'`)[0]?.trigger ?? null;
  // The previous release is ready once its own newest migration is applied, which it is from the start, and newer
  // migrations do not take that back: its /readyz stays 200 before, during and after the upgrade.
  expect(await readiness()).toBe(200);
  expect(await newestTrigger()).toBeNull();

  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let posted = 0;
  let signedUp = 0;
  let running = true;
  const note = (what: string, status: number) => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 500) failures.push(`${what} answered ${status}`);
  };
  const request = async (what: string, send: () => Promise<Response>) => {
    try {
      const res = await send();
      await res.arrayBuffer();
      note(what, res.status);
      return res.status;
    } catch (err) {
      failures.push(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
      return 0;
    }
  };
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // Posting stays within the 30 peeps per 5 minutes a person may post, and sign-ups within 25 per address.
  const posters = people.map(async (person, i) => {
    for (let n = 0; running && n < 25; n++) {
      const mention = people[(i + 1) % people.length].username;
      const status = await request('a post', () => postForm(`${app.url}/following`, { ...person.fields, body: `upgrade peep ${n} for @${mention}` }, { cookie: person.cookie }));
      if (status === 303) posted++;
      else failures.push(`a post answered ${status}`);
      await pause(300);
    }
  });
  const readers = people.map(async (person) => {
    const paths = ['/', '/following', `/u/${person.username}`, '/search?q=up', '/search?q=upgrade&tab=peeps'];
    for (let n = 0; running; n++) {
      await request(`GET ${paths[n % paths.length]}`, () => fetch(`${app.url}${paths[n % paths.length]}`, { headers: { cookie: person.cookie }, redirect: 'manual' }));
    }
  });
  const signUps = (async () => {
    for (let n = 0; running && n < 10; n++) {
      try {
        await signUp(app.url, { username: `upgrade_new${n}` });
        signedUp++;
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
      await pause(700);
    }
  })();

  await pause(1500);
  const migrated = await dbMigrate();
  expect(migrated.code, migrated.output).toBe(0);
  const ready = await readiness();
  await pause(1500);
  running = false;
  await Promise.all([...posters, ...readers, signUps]);

  // The old instance's own account of what failed: its error lines and 5xx answers.
  const serverErrors = app.output().split('\n').filter((line) => /"level":(50|60)|"status":5\d\d/.test(line)).join('\n').slice(-8000);
  expect(failures, serverErrors).toEqual([]);
  expect(ready).toBe(200);
  expect(posted).toBeGreaterThan(10);
  expect(signedUp).toBeGreaterThan(3);
  expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
  const [{ peeps }] = await db<{ peeps: number }[]>`select count(*)::int as peeps from peeps where body like 'upgrade peep %'`;
  expect(peeps).toBe(posted);
  const applied = await db<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`;
  expect(applied.map((m) => m.hash)).toEqual(expect.arrayContaining(newer.map((m) => m.hash)));
  expect(await newestTrigger()).toBe('likes_count');
  // And the previous release keeps working on the new schema.
  const after = await postForm(`${app.url}/following`, { ...people[0].fields, body: 'after the upgrade' }, { cookie: people[0].cookie });
  expect(after.status).toBe(303);
}, 120_000);
