import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPageCache, isCacheable, type RenderedPage } from '@/server/page-cache';

const request = (over: Partial<IncomingMessage> = {}) => ({ method: 'GET', url: '/', headers: {}, ...over }) as IncomingMessage;

/** A stand-in for Next's render of `/`: a page whose scripts carry the nonce it was given, in order of calls. */
function renderer(over: Partial<RenderedPage> = {}) {
  const calls: { nonce: string; finish: (page?: Partial<RenderedPage>) => void }[] = [];
  const render = (nonce: string) =>
    new Promise<RenderedPage>((resolve) => {
      const n = calls.length + 1;
      calls.push({
        nonce,
        finish: (page = {}) =>
          resolve({
            status: 200,
            headers: { 'content-type': 'text/html; charset=utf-8', link: `</a.css>; rel=preload; nonce="${nonce}"` },
            body: `<html><script nonce="${nonce}">render ${n}</script></html>`,
            sawSession: false,
            ...over,
            ...page,
          }),
      });
    });
  return { render, calls };
}

const bodyOf = (served: Awaited<ReturnType<ReturnType<typeof createPageCache>['serve']>>, nonce = 'N') =>
  served.source === 'own' ? null : served.page.parts.join(nonce);

afterEach(() => {
  vi.useRealTimers();
});

describe('which requests the page cache answers', () => {
  it('shares only a plain, logged-out GET or HEAD of /', () => {
    expect(isCacheable(request())).toBe(true);
    expect(isCacheable(request({ method: 'HEAD' }))).toBe(true);
    expect(isCacheable(request({ url: '/?before=abc' }))).toBe(false);
    expect(isCacheable(request({ url: '/following' }))).toBe(false);
    expect(isCacheable(request({ method: 'POST' }))).toBe(false);
    expect(isCacheable(request({ headers: { cookie: 'theme=dark' } }))).toBe(true);
    expect(isCacheable(request({ headers: { rsc: '1' } }))).toBe(false);
    expect(isCacheable(request({ headers: { 'next-action': 'abc' } }))).toBe(false);
  });

  it('sends every spelling of a session cookie that Auth.js reads to a render of its own', () => {
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
      expect(isCacheable(request({ headers: { cookie } })), cookie).toBe(false);
    }
  });
});

describe('the public-stream page cache', () => {
  it('renders once for a burst of misses and gives each response its own nonce in body and headers', async () => {
    const { render, calls } = renderer();
    const cache = createPageCache({ render });
    const burst = [cache.serve(), cache.serve(), cache.serve()];
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    calls[0].finish();
    const served = await Promise.all(burst);
    expect(served.map((s) => s.source)).toEqual(['miss', 'miss', 'miss']);
    expect(bodyOf(served[0], 'fresh1')).toBe('<html><script nonce="fresh1">render 1</script></html>');
    expect(bodyOf(served[1], 'fresh2')).toBe('<html><script nonce="fresh2">render 1</script></html>');
    const hit = await cache.serve();
    expect(hit.source).toBe('hit');
    if (hit.source !== 'own') expect(hit.page.headers.link.join('X')).toBe('</a.css>; rel=preload; nonce="X"');
  });

  it('renders with a long random sentinel as the nonce, never one a client could have chosen', async () => {
    const { render, calls } = renderer();
    const served = [createPageCache({ render }).serve(), createPageCache({ render }).serve()];
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
    const first = cache.serve();
    await Promise.resolve();
    calls[0].finish();
    await first;
    vi.advanceTimersByTime(9_999);
    expect((await cache.serve()).source).toBe('hit');
    vi.advanceTimersByTime(2);
    const again = cache.serve();
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
    ] satisfies Partial<RenderedPage>[]) {
      const { render, calls } = renderer(bad);
      const cache = createPageCache({ render });
      const first = cache.serve();
      await Promise.resolve();
      calls[0].finish();
      expect((await first).source, JSON.stringify(bad)).toBe('uncached');
      const second = cache.serve();
      await Promise.resolve();
      expect(calls, JSON.stringify(bad)).toHaveLength(2);
      calls[1].finish();
      await second;
    }
  });

  it('does not store a page rendered while a write landed, and a request after the write waits for a new render', async () => {
    const { render, calls } = renderer();
    const cache = createPageCache({ render });
    const before = cache.serve();
    await Promise.resolve();
    cache.invalidate();
    const after = cache.serve();
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[0].finish();
    expect((await before).source).toBe('uncached');
    calls[1].finish();
    const served = await after;
    expect(served.source).toBe('miss');
    expect(bodyOf(served)).toContain('render 2');
    expect((await cache.serve()).source).toBe('hit');
  });

  it('waits a bounded time for a slow render, then serves the previous copy, or tells the request to render alone', async () => {
    vi.useFakeTimers();
    const { render, calls } = renderer();
    const cache = createPageCache({ render, waitMs: 1_000 });
    const noCopyYet = cache.serve();
    await Promise.resolve();
    vi.advanceTimersByTime(1_000);
    expect(await noCopyYet).toEqual({ source: 'own' });
    calls[0].finish();
    await vi.runAllTimersAsync();

    cache.invalidate();
    const slow = cache.serve();
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
    void cache.serve();
    await vi.advanceTimersByTimeAsync(15_001);
    const next = cache.serve();
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[1].finish();
    expect((await next).source).toBe('miss');
  });

  it('empties when another instance reports a new stream version, but not on the first report or a repeat', async () => {
    const { render, calls } = renderer();
    const cache = createPageCache({ render });
    cache.observeVersion('7');
    const first = cache.serve();
    await Promise.resolve();
    calls[0].finish();
    await first;
    cache.observeVersion('7');
    expect((await cache.serve()).source).toBe('hit');
    cache.observeVersion('8');
    const after = cache.serve();
    await Promise.resolve();
    expect(calls).toHaveLength(2);
    calls[1].finish();
    expect((await after).source).toBe('miss');
  });
});
