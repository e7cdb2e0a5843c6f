import net from 'node:net';
import { Duplex } from 'node:stream';
import type { Options, Sql } from 'postgres';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker';
import { DatabaseUnavailableError } from './errors';
import { log } from '@/lib/log';

// db/index.ts's PostgreSQL client, kept apart because of what it takes to make postgres.js 3.4 behave in an outage.

const CONNECT_TIMEOUT_S = 5;
// After a connection failure, every query fails at once for this long before one connection tries again.
const BREAKER_COOLDOWN_MS = 1000;
// Past the server's statement timeout, a request still unanswered means the link or the server is gone.
const ANSWER_GRACE_MS = 1000;

export type PostgresPool<D> = {
  /** The current pool's client; it changes when the pool is replaced. */
  current(): D;
  /** True while the database is known to be down: fail at once instead of queueing. */
  isDown(): boolean;
  /** Connections open, and those with a request sent and no answer yet (when busy reaches max, queries wait). */
  connections(): { open: number; busy: number; max: number };
  close(): Promise<void>;
};

/**
 * A postgres.js pool that bounds every wait in an outage, as pools with a connect timeout, a bounded wait for a
 * connection and a socket timeout do (HikariCP, node-postgres, libpq's tcp_user_timeout):
 * - connecting takes at most CONNECT_TIMEOUT_S;
 * - once a connection has failed, queries fail at once (a circuit breaker) until one probe connection gets through;
 *   postgres.js's own reconnect backoff (growing to 20 s) is off, since it held queries long after recovery;
 * - a request left unanswered past the statement timeout ends its connection (the server would have cancelled it);
 * - the pool is replaced when the database comes back, and whenever a connection is found unable to send: postgres.js
 *   3.4.9 leaves a connection whose socket died inside a transaction stalling on every later connect
 *   (porsager/postgres#1208, #1215; unreleased fixes).
 */
export async function openPostgresPool<D>({ url, max, statementTimeoutMs, wrap }: { url: string; max: number; statementTimeoutMs: number; wrap: (client: Sql) => D }): Promise<PostgresPool<D>> {
  const { default: postgres } = await import('postgres');
  const breaker = createCircuitBreaker({ cooldownMs: BREAKER_COOLDOWN_MS, probeMs: CONNECT_TIMEOUT_S * 1000 });
  const draining = new Set<Promise<void>>();
  let generation = 0;
  let client: Sql;
  let db: D;

  const sockets = guardedSockets({
    breaker,
    answerWithinMs: statementTimeoutMs + ANSWER_GRACE_MS,
    onRecovered: () => replace('the database answers again'),
    onUnusable: (of) => of === generation && replace('a connection could not send (porsager/postgres#1208)'),
  });

  function connect() {
    const of = ++generation;
    // `socket` is a documented option (postgres.js README, "Custom socket") that its type definitions leave out.
    const options: Options<Record<string, never>> & { socket: (target: SocketTarget) => net.Socket | Duplex } = {
      max,
      connect_timeout: CONNECT_TIMEOUT_S,
      idle_timeout: 60,
      backoff: () => 0,
      socket: (target) => sockets.open(target, of),
      onnotice: () => {},
      connection: { statement_timeout: statementTimeoutMs, application_name: 'chitter' },
    };
    client = postgres(url, options);
    db = wrap(client);
  }

  function replace(reason: string) {
    const old = client;
    connect();
    log.warn({ reason }, 'Replacing the database pool');
    // Queries already running on the old pool finish; its broken connections are dropped.
    const ending = old.end({ timeout: 5 }).catch(() => {});
    draining.add(ending);
    void ending.finally(() => draining.delete(ending));
  }

  connect();
  return {
    current: () => db,
    isDown: () => breaker.isOpen(),
    connections: () => ({ ...sockets.counts(), max }),
    async close() {
      sockets.stop();
      await Promise.all([client.end({ timeout: 5 }), ...draining]);
    },
  };
}

type SocketTarget = { host: string[]; port: number[]; path?: string | false };

/**
 * Sockets for postgres.js that report to the breaker (refused, reset, timed out, or closed before the server said a
 * word: down; any answer: up) and end a request left unanswered for `answerWithinMs`. One host only. Under TLS only
 * the handshake's first byte is visible here, so the unanswered-request check cannot see later requests.
 */
function guardedSockets({ breaker, answerWithinMs, onRecovered, onUnusable }: { breaker: CircuitBreaker; answerWithinMs: number; onRecovered: () => void; onUnusable: (generation: number) => void }) {
  type Watched = { socket: net.Socket; heard: boolean; unusable: boolean; answeredUpTo: number; waitingSince: number };
  const live = new Set<Watched>();
  const timer = setInterval(() => {
    const now = Date.now();
    for (const w of live) {
      if (w.socket.bytesWritten <= w.answeredUpTo) continue;
      w.waitingSince ||= now;
      if (now - w.waitingSince > answerWithinMs) {
        w.socket.destroy(Object.assign(new Error(`the database left a request unanswered for ${answerWithinMs} ms`), { code: 'ETIMEDOUT' }));
      }
    }
  }, 250).unref();

  function open({ host, port, path }: SocketTarget, generation: number): net.Socket | Duplex {
    if (!breaker.tryConnect()) return failingSocket(new DatabaseUnavailableError('the database was unreachable a moment ago; not trying again yet'));
    const socket = path ? net.connect(path) : net.connect(port[0], host[0]);
    // postgres.js names the TLS server (SNI) and its errors after these.
    Object.assign(socket, { host: host[0], port: port[0] });
    const w: Watched = { socket, heard: false, unusable: false, answeredUpTo: 0, waitingSince: 0 };
    live.add(w);
    socket.on('connect', () => {
      // postgres.js writes its start-up message before the connection is even made. A connection that has sent
      // nothing a turn later never will: it would sit out the connect timeout on every use.
      setImmediate(() => {
        if (socket.bytesWritten > 0 || socket.destroyed) return;
        w.unusable = true;
        socket.destroy(new DatabaseUnavailableError('a pooled connection could not send; replacing the pool'));
        onUnusable(generation);
      });
    });
    socket.on('data', () => {
      w.heard = true;
      w.answeredUpTo = socket.bytesWritten;
      w.waitingSince = 0;
      if (breaker.succeeded()) onRecovered();
    });
    socket.on('error', () => w.unusable || breaker.failed());
    // Closed before the server said a word: refused by a proxy in front of it, or postgres.js's connect timeout.
    // (postgres.js's cancel requests would look the same; Chitter sends none.)
    socket.on('close', () => {
      live.delete(w);
      if (!w.heard && !w.unusable) breaker.failed();
    });
    return socket;
  }

  function counts() {
    let busy = 0;
    for (const w of live) if (w.socket.bytesWritten > w.answeredUpTo) busy++;
    return { open: live.size, busy };
  }

  return { open, counts, stop: () => clearInterval(timer) };
}

/**
 * A stand-in socket that fails like a refused connection. It must not throw (postgres.js would lose the connection
 * slot), and it fails only once postgres.js has written its start-up message to it: a write still pending when the
 * socket closes is what leaves a postgres.js connection unable to send again. One that never writes (already in that
 * state) fails a turn after its write would have come.
 */
function failingSocket(err: Error): Duplex {
  const socket = new Duplex({
    read() {},
    write(_chunk, _encoding, done) {
      done();
      fail();
    },
  });
  const fail = () => process.nextTick(() => socket.destroy(err));
  setImmediate(() => setImmediate(fail));
  return socket;
}
