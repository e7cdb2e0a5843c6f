import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { env } from '@/lib/env';
import { DatabaseUnavailableError } from './errors';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Stops listening; resolves once the listening connection is closed. */
export type Unlisten = () => Promise<void>;
type Listen = (channel: string, onMessage: (payload: string) => void, onListening: () => void) => Promise<Unlisten>;

type Connections = { open: number; busy: number; max: number };
type Handle = {
  readonly db: Db;
  kind: 'postgres' | 'embedded';
  close: () => Promise<void>;
  listen: Listen;
  isDown?: () => boolean;
  connections: () => Connections;
  dumpDataDir?: () => Promise<Blob>;
};

// Kept on globalThis so dev reloads and test files share one client instead of opening another pool.
const holder = globalThis as unknown as { __chitterDb?: Promise<Handle> };

/**
 * The one database client, opened on first use: never at import, so `next build` needs no database. While the
 * database is known to be down it rejects at once with a DatabaseUnavailableError (a 503) instead of waiting.
 */
export function getDb(): Promise<Db> {
  holder.__chitterDb ??= openDb().catch((err) => {
    holder.__chitterDb = undefined;
    throw err;
  });
  return holder.__chitterDb.then((h) => {
    if (h.isDown?.()) throw new DatabaseUnavailableError('the database was unreachable a moment ago; not trying again yet');
    return h.db;
  });
}

export async function databaseKind(): Promise<Handle['kind']> {
  await getDb();
  return (await holder.__chitterDb!).kind;
}

/**
 * Receives NOTIFYs on `channel` over one connection of its own (not one of the pool's), reconnecting by itself after a
 * drop; `onListening` runs each time it (re)starts listening, since what was sent in between is not delivered.
 */
export async function listen(channel: string, onMessage: (payload: string) => void, onListening: () => void): Promise<Unlisten> {
  await getDb();
  return (await holder.__chitterDb!).listen(channel, onMessage, onListening);
}

/** This process's database connections, for the metrics; none before the first query. */
export async function databaseConnections(): Promise<Connections> {
  const handle = holder.__chitterDb;
  return handle ? (await handle).connections() : { open: 0, busy: 0, max: 0 };
}

export async function closeDb(): Promise<void> {
  const handle = holder.__chitterDb;
  holder.__chitterDb = undefined;
  if (handle) await (await handle).close();
}

async function openDb(): Promise<Handle> {
  const settings = env();
  const url = settings.DATABASE_URL;
  if (url) {
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { openPostgresPool } = await import('./postgres-pool');
    const pool = await openPostgresPool({
      url,
      max: settings.DATABASE_POOL_MAX,
      statementTimeoutMs: settings.DATABASE_STATEMENT_TIMEOUT_MS,
      wrap: (client) => drizzle(client, { schema }) as unknown as Db,
    });
    return {
      get db() {
        return pool.current();
      },
      kind: 'postgres',
      close: pool.close,
      async listen(channel, onMessage, onListening) {
        const { default: postgres } = await import('postgres');
        const client = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: 'chitter-listen' } });
        await client.listen(channel, onMessage, onListening);
        return () => client.end({ timeout: 1 });
      },
      isDown: pool.isDown,
      connections: pool.connections,
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dataDir = embeddedDataDir() ?? 'memory://';
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: await embeddedExtensions() });
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    kind: 'embedded',
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir('gzip'),
    // One in-process database that runs one query at a time.
    connections: () => ({ open: 1, busy: 0, max: 1 }),
    async listen(channel, onMessage, onListening) {
      const stop = await client.listen(channel, onMessage);
      onListening();
      return stop;
    },
  };
}

/**
 * The PostgreSQL extensions the migrations create, which PGlite loads only when asked: pg_trgm, whose operator class
 * the search's spelling index uses (writing a person needs it as much as searching does).
 */
async function embeddedExtensions() {
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return { pg_trgm };
}

/** The embedded database's folder, or null when DATABASE_URL names a PostgreSQL or DATA_DIR is `memory://`. Opens nothing. */
export function embeddedDataDir(): string | null {
  const settings = env();
  if (settings.DATABASE_URL || settings.DATA_DIR === 'memory://') return null;
  return path.resolve(settings.DATA_DIR, 'pglite');
}

/**
 * The embedded database's whole data folder as a gzipped tar, taken through PGlite itself so it is consistent while
 * this process has it open.
 */
export async function dumpEmbeddedDatabase(): Promise<Blob> {
  await getDb();
  const handle = await holder.__chitterDb!;
  if (!handle.dumpDataDir) throw new Error('the database is not the embedded one');
  return handle.dumpDataDir();
}

/**
 * Makes `dataDir` (which must not exist yet) a data folder from a `dumpEmbeddedDatabase` archive. PGlite starts on it
 * and stops again, so an archive it cannot open fails here, before anything else is touched.
 */
export async function loadEmbeddedDatabase({ dataDir, archive }: { dataDir: string; archive: Blob }): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create(dataDir, { loadDataDir: archive, extensions: await embeddedExtensions() });
  await client.close();
}

/**
 * A statement built once per client and run again with new values (a Drizzle prepared query), for the few that run on
 * every request: building the SQL again each time was a tenth of a post's CPU. A new client (after the database came
 * back) gets its own.
 */
export function preparedStatement<T>(build: (db: Db) => T): () => Promise<T> {
  const built = new WeakMap<Db, T>();
  return async () => {
    const db = await getDb();
    let statement = built.get(db);
    if (!statement) built.set(db, (statement = build(db)));
    return statement;
  };
}

/** Rows of a raw `db.execute`, whichever driver ran it (postgres.js returns an array, PGlite an object with rows). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
