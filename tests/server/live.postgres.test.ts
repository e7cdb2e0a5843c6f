import { randomBytes } from 'node:crypto';
import net from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { openStream } from '../support/event-stream';
import { composeFields, hiddenFields, postForm, signUp } from '../support/no-js-forms';

// Two instances of the built app on one PostgreSQL database, with open live streams (Server-Sent Events) held on one
// while writes go through the other, as a load balancer would spread them.
const ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const database = `chitter_live_${process.pid}_${Date.now()}`;
let db: postgres.Sql;
let a: AppServer;
let b: AppServer;
let sam: string;
let kim: string;
let cat: string;
const samName = `sam${process.pid}`;

async function post(app: AppServer, cookie: string, body: string) {
  const res = await postForm(`${app.url}/following`, { ...(await composeFields(app.url, cookie)), body }, { cookie });
  expect(res.status).toBe(303);
}

beforeAll(async () => {
  await admin.unsafe(`create database ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const env = { DATABASE_URL: url.toString(), AUTH_SECRET: randomBytes(48).toString('base64url'), WORKER: 'off' };
  db = postgres(url.toString(), { max: 1, onnotice: () => {} });
  a = await startAppServer({ env });
  b = await startAppServer({ env });
  sam = await signUp(a.url, { username: samName });
  kim = await signUp(a.url, { username: `kim${process.pid}` });
  cat = await signUp(a.url, { username: `cat${process.pid}` });
  // Kim follows Sam; Cat follows nobody.
  const profile = await (await fetch(`${a.url}/u/${samName}`, { headers: { cookie: kim } })).text();
  expect((await postForm(`${a.url}/u/${samName}`, hiddenFields(profile, 'name="username"'), { cookie: kim })).status).toBe(303);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), db?.end()]);
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
});

describe('live streams across instances', () => {
  it('deliver a peep posted through one instance to a stream held by the other', async () => {
    const everyone = await openStream(`${b.url}/api/live?stream=everyone`);
    expect(everyone.res.headers.get('content-type')).toContain('text/event-stream');
    await post(a, sam, `live across instances ${Date.now()}`);
    const arrived = await everyone.waitFor((r) => r.event === 'peep');
    expect(arrived.id).toMatch(/^\d+$/);
    expect(arrived.data.peepId).toEqual(expect.any(Number));
    await everyone.close();
  });

  it('tell a Following stream only of people its viewer follows', async () => {
    const kims = await openStream(`${b.url}/api/live?stream=following`, { cookie: kim });
    const cats = await openStream(`${b.url}/api/live?stream=following`, { cookie: cat });
    const catsEveryone = await openStream(`${b.url}/api/live?stream=everyone`, { cookie: cat });
    await post(a, sam, `for followers ${Date.now()}`);
    const forKim = await kims.waitFor((r) => r.event === 'peep');
    // Cat's public stream hears of the same peep, so by then Cat's Following stream would have too.
    await catsEveryone.waitFor((r) => r.event === 'peep' && r.data.peepId === forKim.data.peepId);
    await new Promise((r) => setTimeout(r, 200));
    expect(cats.received.filter((r) => r.event === 'peep')).toEqual([]);
    await Promise.all([kims.close(), cats.close(), catsEveryone.close()]);
  });

  it('tell a person’s own open pages, whatever they show, of a notification for them, and nobody else’s', async () => {
    // Sam's page shows a profile, which hears of no one's peeps but their owner's: the notification reaches it anyway.
    const sams = await openStream(`${b.url}/api/live?stream=u:kim${process.pid}`, { cookie: sam });
    const kims = await openStream(`${b.url}/api/live?stream=everyone`, { cookie: kim });
    await post(a, kim, `hello @${samName} ${Date.now()}`);
    const heard = await sams.waitFor((r) => r.event === 'notification');
    expect(heard.data.actorId).toEqual(expect.any(Number));
    // Kim's stream heard her own peep, committed with the notification, so it would have heard that by now too.
    await kims.waitFor((r) => r.event === 'peep');
    await new Promise((r) => setTimeout(r, 200));
    expect(kims.received.filter((r) => r.event === 'notification')).toEqual([]);
    // What the page then reads: Kim's follow (before all these tests) and her mention.
    expect(await (await fetch(`${a.url}/api/notifications/unread`, { headers: { cookie: sam } })).json()).toEqual({ count: 2 });
    await Promise.all([sams.close(), kims.close()]);
  });

  it('replay what a reconnecting browser missed, from its Last-Event-ID', async () => {
    const first = await openStream(`${b.url}/api/live?stream=u:${samName}`);
    await post(a, sam, `before the gap ${Date.now()}`);
    const seen = await first.waitFor((r) => r.event === 'peep');
    await first.close();
    await post(a, sam, `in the gap, one ${Date.now()}`);
    await post(a, sam, `in the gap, two ${Date.now()}`);
    const again = await openStream(`${a.url}/api/live?stream=u:${samName}`, { 'last-event-id': seen.id! });
    const replayed = async () => {
      await again.waitFor(() => again.received.filter((r) => r.event === 'peep' && Number(r.id) > Number(seen.id)).length === 2);
      return again.received.filter((r) => r.event === 'peep' && Number(r.id) > Number(seen.id));
    };
    const missed = await replayed();
    expect(new Set(missed.map((r) => r.data.peepId)).size).toBe(2);
    await again.close();
  });

  it('refuse a sixth stream for one session with a 429, a Following stream without a session with a 401, and what is not a GET', async () => {
    const open = await Promise.all(Array.from({ length: 5 }, () => openStream(`${b.url}/api/live?stream=everyone`, { cookie: cat })));
    expect(open.every((s) => s.res.status === 200)).toBe(true);
    const sixth = await fetch(`${b.url}/api/live?stream=everyone`, { headers: { cookie: cat } });
    expect(sixth.status).toBe(429);
    expect(((await sixth.json()) as { error: { message: string } }).error.message).toContain('At most 5');
    await Promise.all(open.map((s) => s.close()));
    expect((await fetch(`${b.url}/api/live?stream=following`)).status).toBe(401);
    expect((await fetch(`${b.url}/api/live?stream=nonsense`)).status).toBe(400);
    const head = await fetch(`${b.url}/api/live?stream=everyone`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
    expect((await fetch(`${b.url}/api/live?stream=everyone`, { method: 'POST' })).status).toBe(405);
  });

  it('let go of a page that stops reading, while the pages that read get everything', async () => {
    const reading = await openStream(`${b.url}/api/live?stream=everyone`);
    const { port } = new URL(b.url);
    const stalled = net.connect(Number(port), '127.0.0.1');
    stalled.write(`GET /api/live?stream=everyone HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    let stalledText = '';
    const ended = new Promise<void>((resolve) => stalled.on('close', () => resolve()));
    stalled.setEncoding('utf8').on('data', (chunk: string) => (stalledText += chunk));
    for (let i = 0; i < 100 && !stalledText.includes('retry:'); i++) await new Promise((r) => setTimeout(r, 20));
    stalled.pause();
    // Deletions reach every open page. These are sent on the live channel as the triggers send theirs, 5,000 a
    // transaction, each once the reading page has the last: about 11 MB in all, far past what the stalled page's
    // socket and the server's limit hold.
    const count = 150_000;
    const batch = 5_000;
    for (let from = 1; from <= count; from += batch) {
      await db`select pg_notify('chitter_live', json_build_object('id', g, 'kind', 'delete', 'peepId', g, 'actorId', null, 'subjectId', null, 'at', 0)::text)
        from generate_series(${from}::int, ${from + batch - 1}::int) g`;
      await reading.waitFor((r) => r.event === 'delete' && r.data.peepId === from + batch - 1, 10_000);
    }
    // The stalled page was let go: reading what its socket held, it finds the stream ended short.
    stalled.resume();
    const held = new Promise<void>((_, reject) => setTimeout(() => reject(new Error('the stalled stream is still open')), 10_000).unref());
    await Promise.race([ended, held]);
    const stalledEvents = stalledText.split('event: delete').length - 1;
    expect(stalledText).toContain('200 OK');
    expect(stalledEvents).toBeLessThan(count);
    await reading.close();
  });
});
