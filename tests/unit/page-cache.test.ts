import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module used by the server
import { createPageCache } from '@/scripts/page-cache.mjs';

const request = (over: Record<string, unknown> = {}) => ({ method: 'GET', url: '/', headers: {}, ...over });
const html = '<html><script src="/_next/static/a.js"></script></html>';

describe('the public-stream page cache', () => {
  it('shares only a logged-out, plain GET of /', () => {
    const cache = createPageCache();
    expect(cache.cacheable(request())).toBe(true);
    expect(cache.cacheable(request({ method: 'HEAD' }))).toBe(true);
    expect(cache.cacheable(request({ url: '/?before=abc' }))).toBe(false);
    expect(cache.cacheable(request({ url: '/following' }))).toBe(false);
    expect(cache.cacheable(request({ method: 'POST' }))).toBe(false);
    expect(cache.cacheable(request({ headers: { cookie: 'theme=dark; authjs.session-token=abc' } }))).toBe(false);
    expect(cache.cacheable(request({ headers: { cookie: '__Secure-authjs.session-token.0=abc' } }))).toBe(false);
    expect(cache.cacheable(request({ headers: { cookie: 'theme=dark' } }))).toBe(true);
    expect(cache.cacheable(request({ headers: { rsc: '1' } }))).toBe(false);
  });

  it('keeps a whole 200 and serves it until it expires', async () => {
    const cache = createPageCache({ ttlMs: 50 });
    cache.begin().store(200, { 'content-type': 'text/html', 'set-cookie': undefined }, html);
    expect(cache.fresh()?.parts.join('N')).toBe('<html><script nonce="N" src="/_next/static/a.js"></script></html>');
    await new Promise((r) => setTimeout(r, 60));
    expect(cache.fresh()).toBeNull();
  });

  it('never keeps an error, a response that sets a cookie, or an abandoned one', () => {
    const cache = createPageCache();
    cache.begin().store(500, {}, html);
    cache.begin().store(200, { 'set-cookie': ['a=b'] }, html);
    cache.begin().store(0, {}, '');
    expect(cache.fresh()).toBeNull();
  });

  it('drops a page rendered while a write landed, so a stale render is never stored', () => {
    const cache = createPageCache();
    const rendering = cache.begin();
    cache.invalidate();
    rendering.store(200, {}, html);
    expect(cache.fresh()).toBeNull();
  });

  it('empties when another instance reports a new stream version, but not on the first report or a repeat', () => {
    const cache = createPageCache();
    cache.observeVersion('7');
    cache.begin().store(200, {}, html);
    cache.observeVersion('7');
    expect(cache.fresh()).not.toBeNull();
    cache.observeVersion('8');
    expect(cache.fresh()).toBeNull();
  });

  it('lets a burst of misses wait for the one render under way', async () => {
    const cache = createPageCache();
    const rendering = cache.begin();
    const waiting = cache.pending();
    expect(waiting).toBeInstanceOf(Promise);
    setTimeout(() => rendering.store(200, {}, html), 10);
    await waiting;
    expect(cache.fresh()).not.toBeNull();
    expect(cache.pending()).toBeNull();
  });
});
