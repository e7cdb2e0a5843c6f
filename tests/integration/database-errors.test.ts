import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, uniqueViolation } from '@/db/errors';
import { getDb } from '@/db';
import { createUser } from '@/db/queries/users';
import { users } from '@/db/schema';
import { makeUser } from '../support/factories';

describe('database errors', () => {
  it('recognises a database that refuses connections as unavailable (a 503, not a 500)', async () => {
    const sql = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1, connect_timeout: 2, onnotice: () => {} });
    const error = await sql`select 1`.catch((e: unknown) => e);
    await sql.end({ timeout: 1 });
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new Error('a bug'))).toBe(false);
  });

  it('finds the broken constraint of a unique violation wherever the driver wraps it', async () => {
    await makeUser({ username: 'twice', email: 'twice@example.com' });
    const db = await getDb();
    // A second proven holder of an address is what the database refuses; an unproven one is allowed.
    const raw = await db.insert(users).values({ email: 'TWICE@example.com', username: 'someone', name: 'x', passwordHash: 'x', emailVerifiedAt: new Date() }).catch((e: unknown) => e);
    expect(uniqueViolation(raw)).toBe('users_verified_email_lower_key');
    // createUser names the field from the constraint: a taken username comes back as itself; an address is no conflict.
    const byName = await createUser({ email: 'other@example.com', username: 'TWICE', name: 'x', passwordHash: 'x' }).catch((e: unknown) => e);
    const byEmail = await createUser({ email: 'Twice@Example.com', username: 'other', name: 'x', passwordHash: 'x' });
    expect(byName).toMatchObject({ field: 'username' });
    expect(byEmail).toMatchObject({ username: 'other' });
    expect(uniqueViolation(new Error('no code'))).toBeNull();
    expect((await db.select({ username: users.username }).from(users).orderBy(users.id)).map((r) => r.username)).toEqual(['twice', 'other']);
  });
});
