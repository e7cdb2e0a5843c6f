import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { createPeep } from '@/db/queries/peeps';
import { listProfileTimeline, listPublicTimeline } from '@/db/queries/timelines';
import { peeps } from '@/db/schema';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { makeUser } from '../support/factories';

describe('posting peeps', () => {
  it('puts a new peep at the top of the stream with its author', async () => {
    const sam = await makeUser({ name: 'Sam Morgan', username: 'sjmog' });
    await createPeep({ authorId: sam.id, body: 'first' });
    await createPeep({ authorId: sam.id, body: 'second' });
    const page = await listPublicTimeline({});
    expect(page.items.map((i) => i.peep.body)).toEqual(['second', 'first']);
    expect(page.items[0].peep.author).toEqual({ username: 'sjmog', name: 'Sam Morgan', avatarVersion: null });
    expect(page.next).toBeNull();
  });

  it('stores HTML, script, SQL-looking text and odd Unicode exactly as typed', async () => {
    const sam = await makeUser();
    const body = `<script>alert("x")</script> '); DROP TABLE peeps;-- \u202Eevil\u202C Z\u0351\u0362algo 👩🏽‍💻\nline two`;
    await createPeep({ authorId: sam.id, body });
    expect((await listPublicTimeline({})).items[0].peep.body).toBe(body);
  });

  it('has the database refuse an empty or whitespace-only body', async () => {
    const sam = await makeUser();
    await expect(createPeep({ authorId: sam.id, body: '' })).rejects.toThrow();
    await expect(createPeep({ authorId: sam.id, body: '   ' })).rejects.toThrow();
  });
});

describe('keyset pagination', () => {
  it('walks 120 peeps in pages of 50, newest first, with no gaps or repeats even when times tie', async () => {
    const sam = await makeUser();
    const db = await getDb();
    const base = Date.parse('2026-11-01T00:00:00Z');
    // Three peeps share each timestamp, so only the id can order them.
    await db.insert(peeps).values(Array.from({ length: 120 }, (_, i) => ({ authorId: sam.id, body: `peep ${i}`, createdAt: new Date(base + Math.floor(i / 3) * 1000) })));

    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await listPublicTimeline({ before: cursor ? decodeCursor(cursor) : undefined });
      sizes.push(page.items.length);
      seen.push(...page.items.map((i) => i.peep.body));
      cursor = page.next ? encodeCursor(page.next) : undefined;
    } while (cursor);

    expect(sizes).toEqual([50, 50, 20]);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => `peep ${119 - i}`));
  });

  it('pages one person’s peeps without the others’', async () => {
    const sam = await makeUser();
    const kim = await makeUser();
    for (let i = 0; i < 3; i++) {
      await createPeep({ authorId: sam.id, body: `sam ${i}` });
      await createPeep({ authorId: kim.id, body: `kim ${i}` });
    }
    const page = await listProfileTimeline({ userId: kim.id });
    expect(page.items.map((i) => i.peep.body)).toEqual(['kim 2', 'kim 1', 'kim 0']);
  });
});
