import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, uniqueViolation } from '@/db/errors';
import { createUser } from '@/db/queries/users';
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
    const user = await makeUser({ username: 'twice' });
    const error = await createUser({ email: 'other@example.com', username: 'TWICE', name: 'x', passwordHash: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'username' });
    expect(uniqueViolation(new Error('no code'))).toBeNull();
    expect(user.username).toBe('twice');
  });
});
