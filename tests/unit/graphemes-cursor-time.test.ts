import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeIdCursor, encodeCursor } from '@/lib/cursor';
import { countGraphemes } from '@/lib/graphemes';
import { formatFullTime, formatRelativeTime } from '@/lib/time';

describe('countGraphemes', () => {
  it.each([
    ['', 0],
    ['hello', 5],
    ['é', 1],
    ['e\u0301', 1],
    ['👍🏽', 1],
    ['👨‍👩‍👧‍👦', 1],
    ['🇬🇧🇫🇷', 2],
    ['a\nb', 3],
  ])('%j has %i characters', (text, count) => {
    expect(countGraphemes(text)).toBe(count);
  });
});

describe('keyset cursors', () => {
  it('round-trips the time to the millisecond and the id', () => {
    const cursor = { createdAt: new Date('2026-11-20T10:11:12.345Z'), kind: 1 as const, id: 987654 };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it.each(['', 'abc', '!!!', 'x'.repeat(100), Buffer.from('1:0:0').toString('base64url'), Buffer.from('1:2:5').toString('base64url'), Buffer.from('1:0:-5').toString('base64url'), Buffer.from("1:0:1' or 1=1").toString('base64url'), Buffer.from('99999999999999999:0:1').toString('base64url')])(
    'refuses the made-up cursor %j',
    (raw) => {
      expect(decodeCursor(raw)).toBeNull();
    },
  );

  it('reads an id cursor (notifications) as the id, and nothing else', () => {
    expect(decodeIdCursor('12345')).toBe(12345);
    for (const raw of ['', '0', '012', '-3', '1.5', '1e3', '12345678901234567', ' 12']) expect(decodeIdCursor(raw)).toBeNull();
  });
});

describe('relative times', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  it.each([
    ['2026-11-21T11:59:30Z', 'now'],
    ['2026-11-21T11:57:00Z', '3m'],
    ['2026-11-21T10:00:00Z', '2h'],
    ['2026-11-20T09:00:00Z', 'Nov 20'],
    ['2025-11-20T09:00:00Z', 'Nov 20, 2025'],
  ])('%s is shown as %s', (iso, text) => {
    expect(formatRelativeTime(new Date(iso), now, 'UTC')).toBe(text);
  });

  it('gives the full date and time for the tooltip', () => {
    expect(formatFullTime(new Date('2026-11-20T14:03:00Z'), 'UTC')).toBe('Nov 20, 2026, 2:03 PM UTC');
  });
});
