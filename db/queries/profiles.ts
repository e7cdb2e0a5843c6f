import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { AvatarSize } from '@/lib/avatar-url';
import { getDb, rowsOf, type Tx } from '../index';
import { avatars, users } from '../schema';

export type ProfileSettings = { name: string; bio: string; avatarVersion: number | null };

/** What the profile settings page shows of a person. */
export async function findProfileSettings({ userId }: { userId: number }): Promise<ProfileSettings | null> {
  const db = await getDb();
  const [row] = await db.select({ name: users.name, bio: users.bio, avatarVersion: users.avatarVersion }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** Saves a display name and bio together, in one statement; false when there is no such person. */
export async function saveProfile({ userId, name, bio }: { userId: number; name: string; bio: string }): Promise<boolean> {
  const db = await getDb();
  const rows = await db.update(users).set({ name, bio }).where(eq(users.id, userId)).returning({ id: users.id });
  return rows.length > 0;
}

/**
 * Locks the person's row, so uploads and removals for one person run one at a time and each sees the last one's
 * picture, and deletes that picture's rows (the foreign key on avatars requires it before the version changes).
 */
async function dropPicture(tx: Tx, userId: number): Promise<boolean> {
  const locked = rowsOf<{ id: string }>(await tx.execute(sql`select id from users where id = ${userId} for update`));
  if (locked.length === 0) return false;
  await tx.delete(avatars).where(eq(avatars.userId, userId));
  return true;
}

/** Replaces a person's picture with `images` under a new version, in one transaction; null when there is no such person. */
export async function replaceAvatar({ userId, images }: { userId: number; images: { size: AvatarSize; bytes: Buffer }[] }): Promise<number | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await dropPicture(tx, userId))) return null;
    const [row] = await tx
      .update(users)
      .set({ avatarVersion: sql`nextval('avatar_versions')` })
      .where(eq(users.id, userId))
      .returning({ version: users.avatarVersion });
    const version = row.version!;
    await tx.insert(avatars).values(images.map(({ size, bytes }) => ({ userId, version, size, bytes })));
    return version;
  });
}

/** Removes a person's picture, so their initials show again; false when there is no such person. */
export async function removeAvatar({ userId }: { userId: number }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await dropPicture(tx, userId))) return false;
    await tx.update(users).set({ avatarVersion: null }).where(eq(users.id, userId));
    return true;
  });
}

/** The stored WebP of a picture at one size; null for a version that is not anyone's current picture. */
export async function findAvatarImage({ version, size }: { version: number; size: AvatarSize }): Promise<Buffer | null> {
  const db = await getDb();
  const [row] = await db
    .select({ bytes: avatars.bytes })
    .from(avatars)
    .where(and(eq(avatars.version, version), eq(avatars.size, size)));
  return row?.bytes ?? null;
}

/** Which of `handles` are people on Chitter, as they spell their handles (a bio links only those). */
export async function findUsernames({ handles }: { handles: string[] }): Promise<string[]> {
  if (handles.length === 0) return [];
  const db = await getDb();
  const lowered = handles.map((h) => h.toLowerCase());
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(sql`lower(${users.username}) in (${sql.join(lowered.map((h) => sql`${h}`), sql`, `)})`);
  return rows.map((r) => r.username);
}
