import { getDb } from '@/db';
import { peeps, reposts, users } from '@/db/schema';

// Rows written straight into the tables at chosen times, for tests of what queries read back: no sign-up, no limits.

/** A person who cannot log in. */
export async function insertPerson(username: string, name = username): Promise<{ id: number; username: string }> {
  const db = await getDb();
  const [row] = await db
    .insert(users)
    .values({ username, name, email: `${username}@example.com`, passwordHash: 'not-a-login' })
    .returning({ id: users.id, username: users.username });
  return row;
}

export async function insertPeep(authorId: number, body: string, createdAt: Date): Promise<number> {
  const db = await getDb();
  const [row] = await db.insert(peeps).values({ authorId, body, createdAt }).returning({ id: peeps.id });
  return row.id;
}

export async function insertRepost(userId: number, peepId: number, createdAt: Date): Promise<void> {
  const db = await getDb();
  await db.insert(reposts).values({ userId, peepId, createdAt });
}
