import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheRequest, createPageCache, sessionCookies, type PageOwner, type RenderedPage } from '@/server/page-cache';

const request = (over: Partial<IncomingMessage> = {}) => ({ method: 'GET', url: '/', headers: {}, ...over }) as IncomingMessage;

const ANYONE: PageOwner = { kind: 'anonymous' };
const person = (id: number, pageVersion = '1'): PageOwner => ({ kind: 'person', id, pageVersion, cookie: `authjs.session-token=${id}` });

/**
 * A stand-in for Next's render: a page whose scripts carry the nonce it was given, rendered for whoever the owner
 * is (a person's render sees their session, as the app's would), in order of calls.
 */
function renderer(over: Partial<RenderedPage> = {}) {
  const calls: { url: string; owner: PageOwner; nonce: string; finish: (page?: Partial<RenderedPage>) => void }[] = [];
  const render = (url: string, owner: PageOwner, nonce: string) =>
    new Promise<RenderedPage>((resolve) => {
      const n = calls.length + 1;
      calls.push({
        url,
        owner,
        nonce,
        finish: (page = {}) =>
          resolve({
            status: 200,
            headers: { 'content-type': 'text/html; charset=utf-8', link: `</a.css>; rel=preload; nonce="${nonce}"` },
            body: `<html><script nonce="${nonce}">render ${n} of ${url} for ${owner.kind === 'person' ? owner.id : 'anyone'}</script></html>`,
            sawSession: owner.kind === 'person',
            viewerId: owner.kind === 'person' ? owner.id : undefined,
            ...over,
            ...page,
          }),
      });
    });
  return { render, calls };
}

const bodyOf = (served: Awaited<ReturnType<ReturnType<typeof createPageCache>['serve']>>, nonce = 'N') =>
  served.source === 'own' ? null : served.page.parts.map(String).join(nonce);

/** Renders `owner`'s page once with `bad` mixed in, and checks it was served but not kept: the next request renders. */
async function expectNotKept(owner: PageOwner, bad: Partial<RenderedPage>) {
  const { render, calls } = renderer(bad);
  const cache = createPageCache({ render });
  const first = cache.serve('/', owner);
  await Promise.resolve();
  calls[0].finish();
  expect((await first).source, JSON.stringify(bad)).toBe('uncached');
  const second = cache.serve('/', owner);
  await Promise.resolve();
  expect(calls, JSON.stringify(bad)).toHaveLength(2);
  calls[1].finish();
  await second;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('which requests the page cache answers', () => {
  const isCacheable = (req: IncomingMessage) => cacheRequest(req) !== null;

  it('keeps the pages people read, as a browser loads them, and renders everything else for its sender', () => {
    for (const url of ['/', '/?before=abc', '/following', '/following?before=abc', '/following?after=abc', '/u/sam_1?after=abc', '/search?q=sam', '/search?q=sam&tab=peeps&before=abc', '/search?q=sam&after=abc', '/u/sam_1', '/u/sam_1/followers', '/@sam_1', '/p/42', '/tags/coffee', '/tags/caf%C3%A9?before=abc']) {
      expect(isCacheable(request({ url })), url).toBe(true);
    }
    for (const url of ['/settings', '/login', '/signup', '/verify/abc', '/api/handles?q=a', '/u/sam_1?theme=dark', '/?before=a&before=b', '/u/s%61m', '/p/abc', '/tags/a/b', '/tags/', `/search?q=${'a'.repeat(400)}`]) {
      expect(isCacheable(request({ url })), url).toBe(false);
    }
    expect(isCacheable(request({ method: 'HEAD' }))).toBe(true);
    expect(isCacheable(request({ method: 'POST' }))).toBe(false);
    expect(isCacheable(request({ headers: { cookie: 'theme=dark' } }))).toBe(true);
    expect(isCacheable(request({ headers: { rsc: '1' } }))).toBe(false);
    expect(isCacheable(request({ headers: { 'next-action': 'abc' } }))).toBe(false);
    expect(isCacheable(request({ headers: { authorization: 'Bearer abc' } }))).toBe(false);
  });

  it('sends every spelling of a session cookie that Auth.js reads to be checked, and takes only those cookies along', () => {
    for (const cookie of [
      'authjs.session-token=abc',
      'theme=dark;authjs.session-token=abc',
      'theme=dark;   authjs.session-token=abc',
      '__Secure-authjs.session-token=abc',
      'authjs.session-token.0=abc; authjs.session-token.1=def',
      '__Secure-authjs.session-token.0=abc',
      'authjs.session-tokenx=abc',
      'AUTHJS.SESSION-TOKEN=abc',
    ]) {
      expect(cacheRequest(request({ headers: { cookie } }))?.session, cookie).toBe(true);
    }
    expect(cacheRequest(request({ headers: { cookie: 'theme=dark' } }))?.session).toBe(false);
    expect(sessionCookies('theme=dark; authjs.session-token.0=abc;x=1; authjs.session-token.1=def')).toBe('authjs.session-token.0=abc; authjs.session-token.1=def');
  });
});

describe('pages kept for each person', () => {
  it('keeps each person their own copy of a page, apart from everyone else’s', async () => {
    const { render, calls } = renderer();
    const cache = createPageCache({ render });
    const served = [cache.serve('/following', person(1)), cache.serve('/following', person(2)), cache.serve('/following', ANYONE)];
    await Promise.resolve();
    expect(calls).toHaveLength(3);
    for (const call of calls) call.finish();
    expect((await Promise.all(served)).map((s) => bodyOf(s))).toEqual([
      '<html><script nonce="N">render 1 of /following for 1</script></html>',
      '<html><script nonce="N">render 2 of /following for 2</script></html>',
      '<html><script nonce="N">render 3 of /following for anyone</script></html>',
    ]);
    expect(bodyOf(await cache.serve('/following', person(2)))).toContain('for 2');
    expect(bodyOf(await cache.serve('/following', person(1)))).toContain('for 1');
    expect(calls).toHaveLength(3);
  });

  it('never keeps for a person a page the app rendered for someone else or for nobody, nor for nobody one that saw a person', async () => {
    for (const [owner, bad] of [
      [person(1), { viewerId: 2 }],
      [person(1), { viewerId: undefined }],
      [ANYONE, { viewerId: 3 }],
    ] as const) {
      await expectNotKept(owner, bad);
    }
  });

  it('renders anew once the page version a person’s request reads has moved on, as after a write on another instance', async () => {
    const { render, calls } = renderer();
    const cache = createPageCache({ render });
    const first = cache.serve('/following', person(1, '7'));
    await Promise.resolve();
    calls[0].finish();
    await first;
    expect((await cache.serve('/following', person(1, '7'))).source).toBe('hit');
    const after = cache.serve('/following', person(1, '8'));
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[1].finish();
    expect(bodyOf(await after)).toContain('render 2');
  });

  it('drops one person’s pages after their own like, keeping everyone else’s, and does not keep a render it overtook', async () => {
    const { render, calls } = renderer();
    const cache = createPageCache({ render });
    const first = [cache.serve('/p/5', person(1)), cache.serve('/p/5', person(2)), cache.serve('/p/5', ANYONE)];
    await Promise.resolve();
    for (const call of calls) call.finish();
    await Promise.all(first);
    // Person 1 asks again while their like lands: that render is theirs to see, not to keep.
    const racing = cache.serve('/', person(1));
    await Promise.resolve();
    cache.invalidatePerson(1);
    calls[3].finish();
    expect((await racing).source).toBe('uncached');
    expect((await cache.serve('/p/5', person(2))).source).toBe('hit');
    expect((await cache.serve('/p/5', ANYONE)).source).toBe('hit');
    const again = cache.serve('/p/5', person(1));
    await Promise.resolve();
    expect(calls).toHaveLength(5);
    calls[4].finish();
    expect((await again).source).toBe('miss');
    expect((await cache.serve('/p/5', person(1))).source).toBe('hit');
  });

  it('makes a person wait for their own slow render rather than show them an older copy', async () => {
    vi.useFakeTimers();
    const { render, calls } = renderer();
    const cache = createPageCache({ render, waitMs: 1_000 });
    const first = cache.serve('/following', person(1));
    await Promise.resolve();
    calls[0].finish();
    await first;
    cache.invalidate();
    let settled = false;
    const slow = cache.serve('/following', person(1)).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(settled).toBe(false);
    calls[1].finish();
    expect(bodyOf(await slow)).toContain('render 2');
  });

  it('holds no more than its byte budget, letting the least recently served pages go first', async () => {
    const { render, calls } = renderer();
    const pageBytes = (n: number) => `<html><script nonce="X">render ${n} of /p/1 for anyone</script></html>`.length - 1;
    const cache = createPageCache({ render, maxBytes: 2 * pageBytes(1) + 5 });
    for (const url of ['/p/1', '/p/2', '/p/3']) {
      const served = cache.serve(url, ANYONE);
      await Promise.resolve();
      calls.at(-1)!.finish();
      await served;
      if (url === '/p/2') expect((await cache.serve('/p/1', ANYONE)).source).toBe('hit');
    }
    expect(cache.size().pages).toBe(2);
    expect((await cache.serve('/p/1', ANYONE)).source).toBe('hit');
    expect((await cache.serve('/p/3', ANYONE)).source).toBe('hit');
    const gone = cache.serve('/p/2', ANYONE);
    await Promise.resolve();
    expect(calls).toHaveLength(4);
    calls[3].finish();
    await gone;
  });
});

describe('the page cache, logged out', () => {
  it('renders once for a burst of misses and gives each response its own nonce in body and headers', async () => {
    const { render, calls } = renderer();
    const cache = createPageCache({ render });
    const burst = [cache.serve('/', ANYONE), cache.serve('/', ANYONE), cache.serve('/', ANYONE)];
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    calls[0].finish();
    const served = await Promise.all(burst);
    expect(served.map((s) => s.source)).toEqual(['miss', 'miss', 'miss']);
    expect(bodyOf(served[0], 'fresh1')).toBe('<html><script nonce="fresh1">render 1 of / for anyone</script></html>');
    expect(bodyOf(served[1], 'fresh2')).toBe('<html><script nonce="fresh2">render 1 of / for anyone</script></html>');
    const hit = await cache.serve('/', ANYONE);
    expect(hit.source).toBe('hit');
    if (hit.source !== 'own') expect(hit.page.headers.link.join('X')).toBe('</a.css>; rel=preload; nonce="X"');
  });

  it('renders with a long random sentinel as the nonce, never one a client could have chosen', async () => {
    const { render, calls } = renderer();
    const served = [createPageCache({ render }).serve('/', ANYONE), createPageCache({ render }).serve('/', ANYONE)];
    await Promise.resolve();
    expect(calls[0].nonce).toMatch(/^chitter[A-Za-z0-9_-]{43}$/);
    expect(calls[1].nonce).not.toBe(calls[0].nonce);
    for (const call of calls) call.finish();
    await Promise.all(served);
  });

  it('keeps a page for its lifetime, then renders again', async () => {
    vi.useFakeTimers();
    const { render, calls } = renderer();
    const cache = createPageCache({ render, ttlMs: 10_000 });
    const first = cache.serve('/', ANYONE);
    await Promise.resolve();
    calls[0].finish();
    await first;
    vi.advanceTimersByTime(9_999);
    expect((await cache.serve('/', ANYONE)).source).toBe('hit');
    vi.advanceTimersByTime(2);
    const again = cache.serve('/', ANYONE);
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[1].finish();
    expect(bodyOf(await again)).toContain('render 2');
  });

  it('never keeps an error, an empty or cut-off page, one that sets a cookie, or one that saw a session', async () => {
    for (const bad of [
      { status: 503 },
      { body: '' },
      { body: '<html><script>cut off' },
      { headers: { 'content-type': 'text/html', 'set-cookie': ['a=b'] } },
      { headers: { 'content-type': 'application/json' } },
      { sawSession: true },
      { viewerId: 5 },
    ] satisfies Partial<RenderedPage>[]) {
      await expectNotKept(ANYONE, bad);
    }
  });

  it('does not store a page rendered while a write landed, and a request after the write waits for a new render', async () => {
    const { render, calls } = renderer();
    const cache = createPageCache({ render });
    const before = cache.serve('/', ANYONE);
    await Promise.resolve();
    cache.invalidate();
    const after = cache.serve('/', ANYONE);
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[0].finish();
    expect((await before).source).toBe('uncached');
    calls[1].finish();
    const served = await after;
    expect(served.source).toBe('miss');
    expect(bodyOf(served)).toContain('render 2');
    expect((await cache.serve('/', ANYONE)).source).toBe('hit');
  });

  it('waits a bounded time for a slow render, then serves the previous copy, or tells the request to render alone', async () => {
    vi.useFakeTimers();
    const { render, calls } = renderer();
    const cache = createPageCache({ render, waitMs: 1_000 });
    const noCopyYet = cache.serve('/', ANYONE);
    await Promise.resolve();
    vi.advanceTimersByTime(1_000);
    expect(await noCopyYet).toEqual({ source: 'own' });
    calls[0].finish();
    await vi.runAllTimersAsync();

    cache.invalidate();
    const slow = cache.serve('/', ANYONE);
    await Promise.resolve();
    vi.advanceTimersByTime(1_000);
    const served = await slow;
    expect(served.source).toBe('stale');
    expect(bodyOf(served)).toContain('render 1');
  });

  it('gives up on a render that never finishes, so the next request starts another', async () => {
    vi.useFakeTimers();
    const { render, calls } = renderer();
    const cache = createPageCache({ render, waitMs: 1_000, renderTimeoutMs: 15_000 });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    void cache.serve('/', ANYONE);
    await vi.advanceTimersByTimeAsync(15_001);
    const next = cache.serve('/', ANYONE);
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[1].finish();
    expect((await next).source).toBe('miss');
  });
});
