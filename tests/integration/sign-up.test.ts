import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { registerUser } from '@/lib/sign-up';
import { makeUser } from '../support/factories';

const input = { email: 'Sam@Example.com', password: 'a long passphrase', name: 'Sam Morgan', username: 'SJMog' };

async function countUsers() {
  const db = await getDb();
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return n;
}

describe('signing up', () => {
  it('creates the account with the username and email as typed and the password hashed with argon2id', async () => {
    const result = await registerUser(input);
    expect(result.ok).toBe(true);
    const db = await getDb();
    const [row] = await db.select().from(users);
    expect(row).toMatchObject({ username: 'SJMog', email: 'Sam@Example.com', name: 'Sam Morgan' });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(input.password);
  });

  it('refuses a username taken in another case, and an email taken in another case', async () => {
    await registerUser(input);
    expect(await registerUser({ ...input, email: 'other@example.com', username: 'sjmog' })).toEqual({ ok: false, fieldErrors: { username: 'That username is taken' } });
    expect(await registerUser({ ...input, email: 'sam@EXAMPLE.com', username: 'someone' })).toEqual({ ok: false, fieldErrors: { email: 'That email is already registered' } });
    expect(await countUsers()).toBe(1);
  });

  it('lets exactly one of many simultaneous sign-ups for one username through; the rest get the field error', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => registerUser({ ...input, email: `racer${i}@example.com`, username: i % 2 ? 'RaceWinner' : 'racewinner' })),
    );
    expect(attempts.filter((a) => a.ok)).toHaveLength(1);
    for (const a of attempts.filter((a) => !a.ok)) expect(a).toEqual({ ok: false, fieldErrors: { username: 'That username is taken' } });
    expect(await countUsers()).toBe(1);
  });

  it('lets exactly one of simultaneous sign-ups for one email through', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => registerUser({ ...input, email: i % 2 ? 'same@example.com' : 'SAME@example.com', username: `racer${i}` })),
    );
    expect(attempts.filter((a) => a.ok)).toHaveLength(1);
    expect(attempts.filter((a) => !a.ok).every((a) => !a.ok && a.fieldErrors.email === 'That email is already registered')).toBe(true);
    expect(await countUsers()).toBe(1);
  });

  it('has the database refuse duplicates and malformed usernames even when the app is bypassed', async () => {
    const user = await makeUser({ username: 'dbcheck' });
    const db = await getDb();
    await expect(db.insert(users).values({ email: 'x@example.com', username: 'DBCHECK', name: 'x', passwordHash: 'x' })).rejects.toThrow();
    await expect(db.insert(users).values({ email: 'y@example.com', username: 'bad name', name: 'y', passwordHash: 'y' })).rejects.toThrow();
    await expect(db.insert(users).values({ email: 'z@example.com', username: 'a'.repeat(31), name: 'z', passwordHash: 'z' })).rejects.toThrow();
    expect(await countUsers()).toBe(1);
    expect(user.username).toBe('dbcheck');
  });
});
