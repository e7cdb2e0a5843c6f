import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module used by the server
import { contentSecurityPolicy, createNonceStamper, prepareForNonces } from '@/scripts/nonce-stamp.mjs';

const page = [
  '<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/chunks/a.css"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js"/>',
  '<linked>text</linked><script src="/_next/static/chunks/a.js" async=""></script>',
  '<script src="https://evil.test/x.js"></script>',
  '</head><body><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
  '<script>alert("injected")</script>',
  '<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({})</script>',
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script>self.__next_f.push([1,"x"])</script>',
  '<script>$RC("B:0","S:0")</script>',
  '<scripts>not a tag</scripts></body></html>',
].join('');

const stampedIn = (chunks: string[]) => {
  const stamper = createNonceStamper('N0NCE');
  return chunks.map((c) => stamper.push(c)).join('') + stamper.end();
};

describe('nonce stamping', () => {
  const expected = page
    .replace('<link rel="preload"', '<link nonce="N0NCE" rel="preload"')
    .replace('<script src="/_next/', '<script nonce="N0NCE" src="/_next/')
    .replace('<script id="_R_"', '<script nonce="N0NCE" id="_R_"')
    .replace('<script>(self.__next_f', '<script nonce="N0NCE">(self.__next_f')
    .replace('<script>self.__next_f', '<script nonce="N0NCE">self.__next_f')
    .replace('<script>$RC', '<script nonce="N0NCE">$RC');

  it('stamps Next’s and React’s own scripts and nothing else', () => {
    expect(stampedIn([page])).toBe(expected);
    expect(expected).toContain('<script>alert("injected")</script>');
    expect(expected).toContain('<script src="https://evil.test/x.js">');
  });

  it('gives the same result however the page is cut into chunks', () => {
    for (const size of [1, 2, 5, 7, 13, 48, 100]) {
      const chunks = page.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      expect(stampedIn(chunks)).toBe(expected);
    }
  });

  it('prepares a cached page once so that joining its parts with a nonce stamps it the same way', () => {
    expect(prepareForNonces(page).join('N0NCE')).toBe(expected);
  });

  it('builds a strict policy around the nonce', () => {
    const policy = contentSecurityPolicy('N0NCE');
    expect(policy).toContain("script-src 'self' 'nonce-N0NCE' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe');
  });
});
