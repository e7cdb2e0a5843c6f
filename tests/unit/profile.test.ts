import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Avatar } from '@/app/_components/avatar';
import { PeepBody } from '@/app/_components/peep-body';
import { splitLinks } from '@/lib/linkify';
import { bioSchema, profileSchema } from '@/lib/profile';
import { bodyLimitOf, LARGER_BODIES, MAX_BODY_BYTES } from '@/server/http';

describe('a bio', () => {
  it('holds up to 160 characters as people count them, trimmed, and says so past that', () => {
    expect(bioSchema.parse('  Hello\r\nthere  ')).toBe('Hello\nthere');
    expect(bioSchema.safeParse('a'.repeat(160)).success).toBe(true);
    expect(bioSchema.safeParse('a'.repeat(161)).error?.issues[0].message).toBe('Bios are at most 160 characters');
    // A family emoji is eleven code units and one character.
    expect(bioSchema.safeParse('👩‍👩‍👧‍👦'.repeat(160)).success).toBe(true);
    expect(bioSchema.safeParse('👩‍👩‍👧‍👦'.repeat(161)).success).toBe(false);
    expect(bioSchema.parse('')).toBe('');
  });

  it('is refused unread past its raw bound, and so is a name past 50 characters or an empty one', () => {
    expect(bioSchema.safeParse('x'.repeat(100_000)).error?.issues).toHaveLength(1);
    const bad = profileSchema.safeParse({ name: '   ', bio: 'ok' });
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['name', 'Enter your name']]);
    expect(profileSchema.safeParse({ name: 'n'.repeat(51), bio: '' }).error?.issues[0].message).toBe('Names are at most 50 characters');
    expect(profileSchema.parse({ name: '  Ann Lee ', bio: '' })).toEqual({ name: 'Ann Lee', bio: '' });
  });

  it('links web addresses only, shortened, and @mentions of people on Chitter, never as HTML', () => {
    const parts = splitLinks('see https://www.example.com/a/really/long/path/to/somewhere and mailto:a@b.c or javascript:alert(1)');
    expect(parts.filter((p) => p.type === 'link')).toEqual([
      { type: 'link', text: 'https://www.example.com/a/really/long/path/to/somewhere', href: 'https://www.example.com/a/really/long/path/to/somewhere', label: 'example.com/a/really/long/path/…' },
    ]);
    const html = renderToStaticMarkup(
      createElement(PeepBody, { body: 'Hi @ann and @nobody <b>x</b> example.org', mentionedAs: { ann: 'Ann' }, links: true, className: 'bio' }),
    );
    expect(html).toBe(
      '<p class="bio" dir="auto">Hi <a href="/u/Ann" class="mention">@ann</a> and @nobody &lt;b&gt;x&lt;/b&gt; ' +
        '<a href="http://example.org" rel="nofollow noopener ugc" class="external" title="http://example.org">example.org</a></p>',
    );
  });
});

describe('an avatar', () => {
  it('is the picture at a fixed size, with a 2x source, lazily below the fold; initials when there is none', () => {
    const img = renderToStaticMarkup(createElement(Avatar, { name: 'Ann Lee', username: 'ann', version: 42, lazy: true }));
    expect(img).toContain('src="/avatars/42/48.webp"');
    expect(img).toContain('srcSet="/avatars/42/48.webp 1x, /avatars/42/96.webp 2x"');
    expect(img).toMatch(/width="44" height="44" alt="" loading="lazy"/);
    const large = renderToStaticMarkup(createElement(Avatar, { name: 'Ann Lee', username: 'ann', version: 42, size: 'large', alt: 'Your picture' }));
    expect(large).toContain('srcSet="/avatars/42/96.webp 1x, /avatars/42/400.webp 2x"');
    expect(large).toMatch(/width="72" height="72" alt="Your picture"/);
    expect(large).not.toContain('loading=');
    expect(renderToStaticMarkup(createElement(Avatar, { name: 'Ann Lee', username: 'ann', version: null }))).toMatch(/^<span class="avatar medium hue-\d+" aria-hidden="true">AL<\/span>$/);
  });
});

describe('request bodies', () => {
  it('are bounded at 64 KB everywhere but the profile page, which takes a 2 MB picture, and Next agrees', () => {
    expect(bodyLimitOf('/following').bytes).toBe(MAX_BODY_BYTES);
    expect(bodyLimitOf('/settings').bytes).toBe(MAX_BODY_BYTES);
    expect(bodyLimitOf('/settings/profile/x').bytes).toBe(MAX_BODY_BYTES);
    expect(bodyLimitOf('/settings/profile?saved=1').bytes).toBeGreaterThan(2 * 1024 * 1024);
    const largest = Math.max(...Object.values(LARGER_BODIES).map((l) => l.bytes));
    expect(readFileSync('next.config.mjs', 'utf8')).toContain(`bodySizeLimit: '${largest / 1024}kb'`);
  });
});
