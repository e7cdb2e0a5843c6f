import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { GET as getAvatar } from '@/app/avatars/[version]/[file]/route';
import { getDb } from '@/db';
import { checkViolation } from '@/db/errors';
import { followUser, listFollowPeople } from '@/db/queries/follows';
import { findProfile, listOnline, searchPeople, touchLastSeen } from '@/db/queries/people';
import { findProfileSettings, findUsernames, removeAvatar, replaceAvatar, saveProfile } from '@/db/queries/profiles';
import { searchPeeps } from '@/db/queries/peep-search';
import { findPeep, listPublicTimeline } from '@/db/queries/timelines';
import { avatars, users } from '@/db/schema';
import { prepareAvatar, type AvatarImage } from '@/lib/avatar-image';
import { avatarUrl, type AvatarSize } from '@/lib/avatar-url';
import { takeWriteAttempt, WRITE_LIMITS } from '@/lib/rate-limit';
import { insertPeep, insertPerson } from '../support/rows';

async function picture(background: { r: number; g: number; b: number }): Promise<AvatarImage[]> {
  const png = await sharp({ create: { width: 120, height: 90, channels: 3, background } }).png().toBuffer();
  const prepared = await prepareAvatar(png);
  if (!prepared.ok) throw new Error(prepared.error);
  return prepared.images;
}

/** What a browser gets for a picture's address. */
async function fetchAvatar(version: number | string, file: string) {
  const res = await getAvatar(new Request(`https://chitter.test/avatars/${version}/${file}`), { params: Promise.resolve({ version: String(version), file }) });
  return { status: res.status, headers: Object.fromEntries(res.headers), bytes: Buffer.from(await res.arrayBuffer()) };
}

async function storedRows(userId: number) {
  const db = await getDb();
  return db.select({ version: avatars.version, size: avatars.size, bytes: avatars.bytes }).from(avatars).where(eq(avatars.userId, userId)).orderBy(avatars.size);
}

describe('a display name and bio', () => {
  it('are saved together and shown on the profile, beside peeps and in search at once', async () => {
    const ann = await insertPerson('ann', 'Ann');
    await insertPeep(ann.id, 'hello', new Date());
    expect(await saveProfile({ userId: ann.id, name: 'Ann Lee', bio: 'Painter. @bob and https://ann.example' })).toBe(true);
    expect(await findProfileSettings({ userId: ann.id })).toEqual({ name: 'Ann Lee', bio: 'Painter. @bob and https://ann.example', avatarVersion: null });
    expect(await findProfile({ username: 'ann' })).toMatchObject({ name: 'Ann Lee', bio: 'Painter. @bob and https://ann.example' });
    expect((await listPublicTimeline()).items[0].peep.author).toEqual({ username: 'ann', name: 'Ann Lee', avatarVersion: null });
    expect((await searchPeople({ query: 'lee' })).people.map((p) => p.name)).toEqual(['Ann Lee']);
  });

  it('are bounded by the database too: no name over 50 characters, no empty name, no bio over 2,000 code units', async () => {
    const ann = await insertPerson('ann');
    const refused = async (set: { name?: string; bio?: string }) => {
      const db = await getDb();
      try {
        await db.update(users).set(set).where(eq(users.id, ann.id));
        return null;
      } catch (err) {
        return checkViolation(err);
      }
    };
    expect(await refused({ name: 'n'.repeat(51) })).toBe('users_name_length');
    expect(await refused({ name: '' })).toBe('users_name_length');
    expect(await refused({ bio: 'b'.repeat(2001) })).toBe('users_bio_length');
    expect(await refused({ bio: 'b'.repeat(2000) })).toBeNull();
  });

  it('links only the mentioned handles that are people on Chitter, as they spell them', async () => {
    await insertPerson('Bob_B');
    expect(await findUsernames({ handles: ['bob_b', 'nobody'] })).toEqual(['Bob_B']);
    expect(await findUsernames({ handles: [] })).toEqual([]);
  });
});

describe('a picture', () => {
  it('is stored at every size under a new version, served with long-lived caching, and shown wherever the person is', async () => {
    const ann = await insertPerson('ann', 'Ann');
    const bob = await insertPerson('bob', 'Bob');
    const peepId = await insertPeep(ann.id, 'hello world', new Date());
    await followUser({ followerId: bob.id, username: 'ann' });
    await touchLastSeen({ userId: ann.id });

    const images = await picture({ r: 200, g: 30, b: 30 });
    const version = await replaceAvatar({ userId: ann.id, images });
    expect(version).toEqual(expect.any(Number));
    const rows = await storedRows(ann.id);
    expect(rows.map((r) => [r.version, r.size])).toEqual([
      [version, 48],
      [version, 96],
      [version, 400],
    ]);

    for (const { size, bytes } of images) {
      const served = await fetchAvatar(version!, `${size}.webp`);
      expect(served.status).toBe(200);
      expect(served.headers).toMatchObject({ 'content-type': 'image/webp', 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
      expect(served.bytes.equals(bytes)).toBe(true);
    }
    expect(avatarUrl(version!, 96)).toBe(`/avatars/${version}/96.webp`);

    const shown = { avatarVersion: version };
    expect((await listPublicTimeline()).items[0].peep.author).toMatchObject(shown);
    expect((await findPeep({ id: peepId }))?.author).toMatchObject(shown);
    expect((await searchPeeps({ query: 'hello' })).peeps[0].author).toMatchObject(shown);
    expect(await findProfile({ username: 'ann' })).toMatchObject(shown);
    expect((await searchPeople({ query: 'ann' })).people[0]).toMatchObject(shown);
    expect((await listFollowPeople({ userId: bob.id, direction: 'following' })).people[0]).toMatchObject(shown);
    expect((await listOnline()).people.find((p) => p.username === 'ann')).toMatchObject(shown);
  });

  it('gets a new version on every upload; the old one is gone (404), and removing it shows initials again', async () => {
    const ann = await insertPerson('ann');
    const first = (await replaceAvatar({ userId: ann.id, images: await picture({ r: 200, g: 30, b: 30 }) }))!;
    const second = (await replaceAvatar({ userId: ann.id, images: await picture({ r: 30, g: 30, b: 200 }) }))!;
    expect(second).toBeGreaterThan(first);
    expect((await fetchAvatar(first, '48.webp')).status).toBe(404);
    expect((await fetchAvatar(second, '48.webp')).status).toBe(200);
    expect((await storedRows(ann.id)).every((r) => r.version === second)).toBe(true);

    expect(await removeAvatar({ userId: ann.id })).toBe(true);
    expect(await storedRows(ann.id)).toEqual([]);
    expect((await findProfileSettings({ userId: ann.id }))?.avatarVersion).toBeNull();
    expect((await findProfile({ username: 'ann' }))?.avatarVersion).toBeNull();
    expect((await fetchAvatar(second, '48.webp')).status).toBe(404);
    // Removing nothing changes nothing.
    expect(await removeAvatar({ userId: ann.id })).toBe(true);
  });

  it('answers 404 for any address that is not a stored picture, never an error', async () => {
    const ann = await insertPerson('ann');
    const version = (await replaceAvatar({ userId: ann.id, images: await picture({ r: 1, g: 2, b: 3 }) }))!;
    for (const [v, file] of [
      [version, '50.webp'],
      [version, '48.png'],
      [version, '48.webp.exe'],
      ['abc', '48.webp'],
      ['0', '48.webp'],
      ['99999999999999999999', '48.webp'],
      [version + 1000, '48.webp'],
    ] as const) {
      expect((await fetchAvatar(v, file)).status, `${v}/${file}`).toBe(404);
    }
  });

  it('from two uploads at once leaves one consistent set: every size from the same upload, under the person’s version', async () => {
    const ann = await insertPerson('ann');
    const red = await picture({ r: 200, g: 30, b: 30 });
    const blue = await picture({ r: 30, g: 30, b: 200 });
    // Several at once, so on PostgreSQL some surely overlap.
    const versions = await Promise.all([red, blue, red, blue, red, blue].map((images) => replaceAvatar({ userId: ann.id, images })));
    const current = (await findProfileSettings({ userId: ann.id }))!.avatarVersion;
    expect(versions).toContain(current);
    const rows = await storedRows(ann.id);
    expect(rows.map((r) => [r.version, r.size])).toEqual([
      [current, 48],
      [current, 96],
      [current, 400],
    ]);
    const winner = rows[0].bytes.equals(red[0].bytes) ? red : blue;
    expect(rows.map((r) => r.bytes.equals(winner.find((i) => i.size === (r.size as AvatarSize))!.bytes))).toEqual([true, true, true]);
  });

  it('and a removal at the same time as an upload leave either no picture or a whole one', async () => {
    const ann = await insertPerson('ann');
    await replaceAvatar({ userId: ann.id, images: await picture({ r: 9, g: 9, b: 9 }) });
    const images = await picture({ r: 200, g: 30, b: 30 });
    await Promise.all([replaceAvatar({ userId: ann.id, images }), removeAvatar({ userId: ann.id }), replaceAvatar({ userId: ann.id, images }), removeAvatar({ userId: ann.id })]);
    const current = (await findProfileSettings({ userId: ann.id }))!.avatarVersion;
    const rows = await storedRows(ann.id);
    if (current === null) expect(rows).toEqual([]);
    else expect(rows.map((r) => r.version)).toEqual([current, current, current]);
  });

  it('cannot be left behind by the database: rows of an old version, or a version changed under its rows, are refused', async () => {
    const ann = await insertPerson('ann');
    const version = (await replaceAvatar({ userId: ann.id, images: await picture({ r: 9, g: 9, b: 9 }) }))!;
    const db = await getDb();
    await expect(db.insert(avatars).values({ userId: ann.id, version: version + 1, size: 48, bytes: Buffer.from('x') })).rejects.toThrow();
    await expect(db.update(users).set({ avatarVersion: sql`nextval('avatar_versions')` }).where(eq(users.id, ann.id))).rejects.toThrow();
    await expect(db.update(users).set({ avatarVersion: null }).where(eq(users.id, ann.id))).rejects.toThrow();
    expect((await storedRows(ann.id)).length).toBe(3);
    // A person who leaves takes their picture with them.
    await db.delete(users).where(eq(users.id, ann.id));
    expect((await fetchAvatar(version, '400.webp')).status).toBe(404);
  });

  it('uploads are limited per account', async () => {
    const ann = await insertPerson('ann');
    const bob = await insertPerson('bob');
    const { max } = WRITE_LIMITS.avatar[0];
    for (let i = 0; i < max; i++) expect((await takeWriteAttempt('avatar', ann.id)).limited).toBe(false);
    expect((await takeWriteAttempt('avatar', ann.id)).limited).toBe(true);
    expect((await takeWriteAttempt('avatar', bob.id)).limited).toBe(false);
  });
});
