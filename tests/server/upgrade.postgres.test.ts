import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runMigrations } from '@/db/migrate';
import { startAppServer, type AppServer } from '../support/app-server';
import { composeFields, postForm, signUp } from '../support/no-js-forms';

// An upgrade as an operator runs it: an instance serving on the schema of an older release (through
// 0011_mutes_and_blocks) while `npm run db:migrate` applies the rest under load.
//
// This code stands in for that older release. It runs on 0011's schema (0012 only adds the triggers that end follows
// on a block and refuse follows between blocked people, which nothing here does), but its start would apply 0012
// itself, so it is recorded as applied while it starts and the record is taken back before the upgrade: the instance
// then serves exactly as an old one would, and its /readyz says its release's migrations are missing. Creating a
// trigger on follows locks the table for a moment, while the instance keeps posting and reading timelines from it.
// (Each release moves this forward: the code cannot stand in for a release whose schema lacks a table it reads.)
const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const OLD_RELEASE_NEWEST = 11;
const AUTH_SECRET = randomBytes(48).toString('base64url');
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const database = `chitter_upgrade_${process.pid}_${Date.now()}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${database}`;
const databaseUrl = url.toString();
const oldMigrations = mkdtempSync(path.join(os.tmpdir(), 'chitter-old-migrations-'));
let db: postgres.Sql;
let app: AppServer;

/** The migrations folder as the older release had it: the same files, its journal ending at `newest`. */
function olderMigrationsFolder(newest: number): string {
  const journal = JSON.parse(readFileSync(path.join(ROOT, 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((entry) => entry.idx <= newest);
  mkdirSync(path.join(oldMigrations, 'meta'));
  writeFileSync(path.join(oldMigrations, 'meta/_journal.json'), JSON.stringify(journal));
  for (const { tag } of journal.entries) copyFileSync(path.join(ROOT, 'db/migrations', `${tag}.sql`), path.join(oldMigrations, `${tag}.sql`));
  return oldMigrations;
}

function dbMigrate(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'db:migrate'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

const newer = readMigrationFiles({ migrationsFolder: path.join(ROOT, 'db/migrations') }).slice(OLD_RELEASE_NEWEST + 1);

beforeAll(async () => {
  await admin.unsafe(`create database ${database}`);
  db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await runMigrations({ databaseUrl, migrationsFolder: olderMigrationsFolder(OLD_RELEASE_NEWEST) });
  for (const m of newer) await db`insert into drizzle.__drizzle_migrations (hash, created_at) values (${m.hash}, ${m.folderMillis})`;
  app = await startAppServer({ env: { DATABASE_URL: databaseUrl, AUTH_SECRET, WORKER: 'off' } });
  await db`delete from drizzle.__drizzle_migrations where hash in ${db(newer.map((m) => m.hash))}`;
});

afterAll(async () => {
  await app?.stop();
  await db?.end();
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
  rmSync(oldMigrations, { recursive: true, force: true });
});

it('applies the newer migrations while an older instance serves reads, posts and sign-ups, with no failed request', async () => {
  expect(newer.length).toBeGreaterThan(0);
  const people = await Promise.all(['upgrade_a', 'upgrade_b', 'upgrade_c'].map(async (username) => {
    const cookie = await signUp(app.url, { username });
    return { username, cookie, fields: await composeFields(app.url, cookie) };
  }));
  const readiness = async () => (await fetch(`${app.url}/readyz`)).status;
  const newestTrigger = async () => (await db<{ trigger: string | null }[]>`select tgname as trigger from pg_trigger where tgname = 'follows_not_blocked'`)[0]?.trigger ?? null;
  expect(await readiness()).toBe(503);
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
  let ready = 0;
  for (const deadline = Date.now() + 10_000; Date.now() < deadline && ready !== 200; await pause(200)) ready = await readiness();
  await pause(1500);
  running = false;
  await Promise.all([...posters, ...readers, signUps]);

  expect(failures).toEqual([]);
  expect(ready).toBe(200);
  expect(posted).toBeGreaterThan(10);
  expect(signedUp).toBeGreaterThan(3);
  expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
  const [{ peeps }] = await db<{ peeps: number }[]>`select count(*)::int as peeps from peeps where body like 'upgrade peep %'`;
  expect(peeps).toBe(posted);
  const applied = await db<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`;
  expect(applied.map((m) => m.hash)).toEqual(expect.arrayContaining(newer.map((m) => m.hash)));
  expect(await newestTrigger()).toBe('follows_not_blocked');
  // And the instance keeps working on the new schema.
  const after = await postForm(`${app.url}/following`, { ...people[0].fields, body: 'after the upgrade' }, { cookie: people[0].cookie });
  expect(after.status).toBe(303);
}, 120_000);
