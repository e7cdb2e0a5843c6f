import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { nameSchema, peepSchema, signUpSchema } from '@/lib/validation';

describe('text that could make a name pass for someone else’s', () => {
  it.each([
    ['a right-to-left override', 'Sam \u202eyrrab'],
    ['a left-to-right embedding', 'Sam\u202a Morgan'],
    ['a bidi isolate', 'Sam\u2067 Morgan\u2069'],
    ['a right-to-left mark', 'Sam\u200f'],
    ['an Arabic letter mark', 'Sam\u061c'],
    ['a zero-width space', 'Sa\u200bm'],
    ['a zero-width joiner alone in a name', 'Sa\u200dm'],
    ['a word joiner', 'Sa\u2060m'],
    ['a byte order mark', 'Sa\ufeffm'],
    ['a zero-width non-joiner after a space', 'Sam \u200cMorgan'],
    ['a tag character', 'Sam\udb40\udc41'],
    ['a control character', 'Sam\u0007'],
  ])('refuses a name with %s', (_what, name) => {
    const result = nameSchema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('Names cannot contain invisible, direction-changing or control characters');
  });

  it('keeps names in any script, with accents and emoji', () => {
    for (const name of ['Zoë Østergaard', 'محمد', 'שרה כהן', '山田 太郎', 'Ana 🇵🇹', 'Family 👩\u200d👩\u200d👧', 'می\u200cخواهم']) expect(nameSchema.parse(name)).toBe(name);
  });

  it('keeps a peep as typed, direction marks and all (it is rendered isolated)', () => {
    expect(peepSchema.parse({ body: 'hi \u202eolleh' }).body).toBe('hi \u202eolleh');
  });
});

describe('bounded input', () => {
  it('refuses a 300,000-character peep with the length message before counting its characters', () => {
    const started = performance.now();
    const result = peepSchema.safeParse({ body: 'é'.repeat(300_000) });
    expect(performance.now() - started).toBeLessThan(100);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['Peeps are at most 280 characters']);
  });

  it('refuses long raw fields at sign-up with the field’s own message', () => {
    const result = signUpSchema.safeParse({ email: `${'a'.repeat(400)}@x.io`, password: 'p'.repeat(257), name: ' '.repeat(300), username: 'u'.repeat(100) });
    const messages = Object.fromEntries(result.error!.issues.toReversed().map((i) => [i.path[0], i.message]));
    expect(messages).toEqual({
      email: 'Email addresses are at most 254 characters',
      password: 'Passwords are at most 256 characters',
      name: 'Names are at most 50 characters',
      username: 'Usernames are at most 30 characters',
    });
  });
});

describe('page cursors', () => {
  it('accepts a cursor for a time already past and refuses one far in the future or before Chitter', () => {
    const past = new Date(Date.now() - 60_000);
    expect(decodeCursor(encodeCursor({ createdAt: past, kind: 0, id: 7 }))).toEqual({ createdAt: past, kind: 0, id: 7 });
    expect(decodeCursor(encodeCursor({ createdAt: new Date('9999-12-31T00:00:00Z'), kind: 0, id: 7 }))).toBeNull();
    expect(decodeCursor(Buffer.from('999999999999999:0:7').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('0:0:7').toString('base64url'))).toBeNull();
  });
});
