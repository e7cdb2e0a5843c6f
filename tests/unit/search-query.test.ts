import { describe, expect, it } from 'vitest';
import { logInIdentifier } from '@/auth/log-in-identifier';
import { decodePeopleCursor, encodePeopleCursor, hasSearchableWord, parseSearchQuery, parseSearchTab, SEARCH_MAX } from '@/lib/search-query';

describe('the search box', () => {
  it('takes what it allows, 100 characters, and says the same number when there are more', () => {
    expect(SEARCH_MAX).toBe(100);
    expect(parseSearchQuery('x'.repeat(100))).toEqual({ ok: true, query: 'x'.repeat(100) });
    expect(parseSearchQuery('x'.repeat(101))).toEqual({ ok: false, message: 'Search for at most 100 characters.' });
    // Refused before any other work, however it is padded.
    expect(parseSearchQuery(' '.repeat(100_000) + 'x')).toEqual({ ok: false, message: 'Search for at most 100 characters.' });
    expect(parseSearchQuery(`  ${'x'.repeat(100)}  `)).toEqual({ ok: true, query: 'x'.repeat(100) });
  });

  it('drops one leading @ and the spaces around it; nothing, or only @, is no search and no error', () => {
    expect(parseSearchQuery(' @bob_b ')).toEqual({ ok: true, query: 'bob_b' });
    expect(parseSearchQuery('Alice Liddell')).toEqual({ ok: true, query: 'Alice Liddell' });
    for (const raw of [undefined, '', '   ', '@', ' @ ', ['a', 'b']]) expect(parseSearchQuery(raw)).toEqual({ ok: false, message: null });
    expect(parseSearchQuery('a\u0000b')).toMatchObject({ ok: false });
  });

  it('reads the tab, people unless it says peeps, and knows text that has no word', () => {
    expect(parseSearchTab('peeps')).toBe('peeps');
    for (const raw of [undefined, 'people', 'PEEPS', ['peeps']]) expect(parseSearchTab(raw)).toBe('people');
    expect(hasSearchableWord('%_-"')).toBe(false);
    expect(hasSearchableWord('ü')).toBe(true);
    expect(hasSearchableWord('42')).toBe(true);
  });
});

describe('the people search cursor', () => {
  it('round-trips, names included, and refuses anything it did not make', () => {
    for (const cursor of [
      { rank: 0, miss: 0, name: '', handle: 'sam' },
      { rank: 1, miss: 0, name: '', handle: 'sam_1' },
      { rank: 2, miss: 0, name: 'zoë o’brien 👩‍💻', handle: 'zoe' },
      { rank: 3, miss: 417, name: '', handle: 'a' },
    ] as const) {
      expect(decodePeopleCursor(encodePeopleCursor(cursor))).toEqual(cursor);
    }
    const made = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const raw of ['', 'not base64!', 'x'.repeat(601), made([-1, 0, '', 'sam']), made([4, 0, '', 'sam']), made([1, -1, '', 'sam']), made([1, 1.5, '', 'sam']), made([2, 0, 'x'.repeat(201), 'sam']), made([1, 0, '', 'Sam']), made([1, 0, '', 'no spaces']), made({ rank: 1 }), made([1, 0, ''])]) {
      expect(decodePeopleCursor(raw), raw).toBeNull();
    }
  });
});

describe('the log-in box', () => {
  it('reads "@handle" as the handle and leaves an address alone', () => {
    expect(logInIdentifier('@bob_b')).toBe('bob_b');
    expect(logInIdentifier('  @bob_b ')).toBe('bob_b');
    expect(logInIdentifier('bob_b')).toBe('bob_b');
    expect(logInIdentifier('bob@example.com')).toBe('bob@example.com');
    expect(logInIdentifier('@bob@example.com')).toBe('@bob@example.com');
    expect(logInIdentifier('@')).toBe('@');
  });
});
