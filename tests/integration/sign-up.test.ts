import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { verifyPassword } from '@/auth/password';
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
    const db = await getDb();
    const [row] = await db.select().from(users);
    expect(result).toEqual({ ok: true, user: { id: row.id, username: 'SJMog', name: 'Sam Morgan' } });
    expect(row).toMatchObject({ username: 'SJMog', email: 'Sam@Example.com', name: 'Sam Morgan' });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(input.password);
    expect(await verifyPassword(row.passwordHash, input.password)).toBe(true);
    expect(await verifyPassword(row.passwordHash, 'a long passphrasE')).toBe(false);
  });

  it('refuses a username taken in another case, but signs up an address already used exactly like a new one', async () => {
    const first = await registerUser(input);
    expect(await registerUser({ ...input, email: 'other@example.com', username: 'sjmog' })).toEqual({ ok: false, fieldErrors: { username: 'That username is taken' } });
    const again = await registerUser({ ...input, email: 'sam@EXAMPLE.com', username: 'someone' });
    expect(again).toEqual({ ok: true, user: { id: expect.any(Number), username: 'someone', name: 'Sam Morgan' } });
    expect(first.ok && again.ok && again.user.id).not.toBe(first.ok && first.user.id);
    expect(await countUsers()).toBe(2);
  });

  it('lets exactly one of many simultaneous sign-ups for one username through; the rest get the field error', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => registerUser({ ...input, email: `racer${i}@example.com`, username: i % 2 ? 'RaceWinner' : 'racewinner' })),
    );
    expect(attempts.filter((a) => a.ok)).toHaveLength(1);
    for (const a of attempts.filter((a) => !a.ok)) expect(a).toEqual({ ok: false, fieldErrors: { username: 'That username is taken' } });
    expect(await countUsers()).toBe(1);
  });

  it('lets every one of simultaneous sign-ups with one unproven address through, each answered the same', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => registerUser({ ...input, email: i % 2 ? 'same@example.com' : 'SAME@example.com', username: `racer${i}` })),
    );
    expect(attempts.every((a) => a.ok)).toBe(true);
    expect(await countUsers()).toBe(6);
  });

  it('has the database refuse duplicates and malformed usernames even when the app is bypassed', async () => {
    const user = await makeUser({ username: 'dbcheck' });
    const db = await getDb();
    await expect(db.insert(users).values({ email: 'x@example.com', username: 'DBCHECK', name: 'x', passwordHash: 'x' })).rejects.toThrow();
    await expect(db.insert(users).values({ email: 'y@example.com', username: 'bad name', name: 'y', passwordHash: 'y' })).rejects.toThrow();
    await expect(db.insert(users).values({ email: 'z@example.com', username: 'a'.repeat(31), name: 'z', passwordHash: 'z' })).rejects.toThrow();
    // Only the account signed up through the app is there, as it was stored.
    expect(await db.select({ id: users.id, username: users.username }).from(users)).toEqual([{ id: user.id, username: 'dbcheck' }]);
  });
});
