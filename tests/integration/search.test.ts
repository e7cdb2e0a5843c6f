import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { followUser } from '@/db/queries/follows';
import { searchPeeps } from '@/db/queries/peep-search';
import { searchPeople, type PeopleSearchPage } from '@/db/queries/people';
import { repostPeep } from '@/db/queries/reposts';
import { mentions, peeps } from '@/db/schema';
import { insertPeep, insertPerson } from '../support/rows';
import type { Cursor } from '@/lib/cursor';
import type { PeopleCursor } from '@/lib/search-query';

const person = insertPerson;

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute));

const peepAt = (authorId: number, body: string, minute: number) => insertPeep(authorId, body, at(minute));

const handles = (page: PeopleSearchPage) => page.people.map((p) => p.username);

/** Every page of a people search, `limit` at a time, as the "More people" links walk them. */
async function allPeoplePages(query: string, limit: number) {
  const pages: string[][] = [];
  let after: PeopleCursor | null | undefined;
  do {
    const page = await searchPeople({ query, limit, after });
    pages.push(handles(page));
    after = page.next;
  } while (after && pages.length < 50);
  return pages;
}

describe('people search', () => {
  it('finds a person by any word of their name, not only the first: "Liddell" finds Alice Liddell', async () => {
    await person('alice', 'Alice Liddell');
    await person('bob_b', 'Bob Builder');
    expect(handles(await searchPeople({ query: 'Liddell' }))).toEqual(['alice']);
    expect(handles(await searchPeople({ query: 'lidd' }))).toEqual(['alice']);
    expect(handles(await searchPeople({ query: 'builder' }))).toEqual(['bob_b']);
  });

  it('finds a person by any word of their handle, split at underscores', async () => {
    await person('alice_smith', 'Alice');
    await person('smithers', 'Waylon');
    // Smithers' handle starts with "smith" (rank 1); Alice's handle only has it as a later word (rank 2).
    expect(handles(await searchPeople({ query: 'smith' }))).toEqual(['smithers', 'alice_smith']);
  });

  it('ranks the exact handle, then handle prefixes, then words of handles and names, then similar spellings', async () => {
    await person('samuel_x', 'Samuel X');
    await person('zed', 'Sam Morgan');
    await person('Sam', 'Just Sam');
    await person('samantha', 'Samantha');
    await person('bob', 'Bob');
    await person('ada', 'Ada Sammy');
    await person('sma', 'Typo Person');
    // Rank 2 is ordered by name: "Ada Sammy" before "Sam Morgan".
    expect(handles(await searchPeople({ query: 'SAM' }))).toEqual(['Sam', 'samantha', 'samuel_x', 'ada', 'zed']);
    // Every word of the query must start a word of the handle or name.
    expect(handles(await searchPeople({ query: 'sam m' }))[0]).toBe('zed');
    expect(handles(await searchPeople({ query: 'morgan sam' }))[0]).toBe('zed');
  });

  it('finds similar spellings last, closest first, and only for three characters or more', async () => {
    await person('alice', 'Alice Liddell');
    await person('al', 'Al Green');
    await person('smithy', 'Liddy Smith');
    expect(handles(await searchPeople({ query: 'lidel' }))).toContain('alice');
    expect(handles(await searchPeople({ query: 'smiht' }))).toEqual(['smithy']);
    // "Alice Liddell" matches "lid" as a word prefix; a similar spelling never repeats a person found above it.
    const lid = handles(await searchPeople({ query: 'lidd' }));
    expect(lid.slice(0, 2).sort()).toEqual(['alice', 'smithy']);
    expect(new Set(lid).size).toBe(lid.length);
    expect(handles(await searchPeople({ query: 'gr' }))).toEqual(['al']);
    expect(handles(await searchPeople({ query: 'xz' }))).toEqual([]);
  });

  it('treats % and _ as plain characters, and odd input as a search that finds nothing', async () => {
    await person('a_b');
    await person('axb');
    // "a_" is a handle prefix only of a_b; axb comes after it, for its word starting with "a".
    expect(handles(await searchPeople({ query: 'a_' }))).toEqual(['a_b', 'axb']);
    expect(handles(await searchPeople({ query: 'a%' }))).toEqual(['a_b', 'axb']);
    for (const query of ['%', '_', "o'brien", '"', '\\', "\\'", ':*', '!', '&|', 'ü', '👩‍💻', "'; drop table users;--", 'x'.repeat(100)]) {
      expect(await searchPeople({ query }), query).toEqual({ people: [], next: null });
    }
  });

  it('returns 20 people at a time, with follower counts and whether the viewer follows them', async () => {
    const viewer = await person('viewer');
    for (let i = 0; i < 25; i++) await person(`many${String(i).padStart(2, '0')}`);
    await followUser({ followerId: viewer.id, username: 'many00' });
    const found = await searchPeople({ query: 'many', viewerId: viewer.id });
    expect(found.people).toHaveLength(20);
    expect(found.people[0]).toMatchObject({ username: 'many00', followerCount: 1, followedByViewer: true });
    expect(found.next).not.toBeNull();
    const rest = await searchPeople({ query: 'many', viewerId: viewer.id, after: found.next });
    expect(handles(rest)).toEqual(['many20', 'many21', 'many22', 'many23', 'many24']);
    expect(rest.next).toBeNull();
  });

  it('pages exactly across every rank: each person once, in the order one long page would show them', async () => {
    // Rank 0, 1, 2 and 3 people, several of each, with names that tie so the handle must break the tie.
    await person('kim', 'Kim Exact');
    for (let i = 0; i < 7; i++) await person(`kim_${i}`, `Person ${i}`);
    for (let i = 0; i < 7; i++) await person(`x${i}_kim`, i % 2 ? 'Same Name' : `Name ${i}`);
    for (let i = 0; i < 5; i++) await person(`p${i}`, `Kimberly ${i}`);
    for (let i = 0; i < 6; i++) await person(`k${i}`, `Kimm Typo${i}`);
    for (let i = 0; i < 4; i++) await person(`q${i}`, `Ki Mo${i}`);
    const whole = handles(await searchPeople({ query: 'kim', limit: 100 }));
    expect(whole[0]).toBe('kim');
    expect(whole.length).toBeGreaterThan(25);
    expect(new Set(whole).size).toBe(whole.length);
    for (const limit of [1, 2, 3, 5, 7]) {
      const pages = await allPeoplePages('kim', limit);
      expect(pages.flat(), `pages of ${limit}`).toEqual(whole);
      expect(pages.every((page) => page.length <= limit)).toBe(true);
      // The last page is never empty: a next link is offered only when there is more.
      expect(pages.at(-1)!.length).toBeGreaterThan(0);
    }
    // Similar spellings page too.
    const spelled = handles(await searchPeople({ query: 'kimmo', limit: 100 }));
    expect(spelled.length).toBeGreaterThan(3);
    expect((await allPeoplePages('kimmo', 2)).flat()).toEqual(spelled);
  });
});

describe('peep search', () => {
  const bodies = (page: { peeps: { body: string }[] }) => page.peeps.map((p) => p.body);

  it('finds peeps by their words, any of them, in any case, newest first', async () => {
    const ann = await person('ann', 'Ann');
    await peepAt(ann.id, 'Reading Alice in Wonderland', 1);
    await peepAt(ann.id, 'The White Rabbit was late', 2);
    await peepAt(ann.id, 'alice and the rabbit, again', 3);
    await peepAt(ann.id, 'Nothing to see here', 4);
    expect(bodies(await searchPeeps({ query: 'ALICE' }))).toEqual(['alice and the rabbit, again', 'Reading Alice in Wonderland']);
    expect(bodies(await searchPeeps({ query: 'rabbit alice' }))).toEqual(['alice and the rabbit, again']);
    expect(bodies(await searchPeeps({ query: 'rabbit or wonderland' }))).toEqual(['alice and the rabbit, again', 'The White Rabbit was late', 'Reading Alice in Wonderland']);
    expect(bodies(await searchPeeps({ query: '"white rabbit"' }))).toEqual(['The White Rabbit was late']);
    expect(bodies(await searchPeeps({ query: 'rabbit -alice' }))).toEqual(['The White Rabbit was late']);
    expect(bodies(await searchPeeps({ query: 'wonder' }))).toEqual([]);
    for (const query of ['%', '"', '\\', '-', "'; drop table peeps;--", 'x'.repeat(100), '!!', 'a & | b']) {
      await searchPeeps({ query });
    }
    expect(await searchPeeps({ query: '%_"' })).toEqual({ peeps: [], next: null });
  });

  it('shows each peep with its author, mentions, repost count and whether the viewer reposted it', async () => {
    const ann = await person('ann', 'Ann');
    const bob = await person('bob', 'Bob');
    const id = await peepAt(ann.id, 'Hello @bob, search works', 1);
    const db = await getDb();
    await db.insert(mentions).values({ peepId: id, userId: bob.id, handle: 'bob' });
    await repostPeep({ userId: bob.id, peepId: id });
    const [found] = (await searchPeeps({ query: 'search', viewerId: bob.id })).peeps;
    expect(found).toMatchObject({ id, author: { username: 'ann', name: 'Ann' }, mentions: ['bob'], repostCount: 1, reposted: true });
    expect((await searchPeeps({ query: 'search', viewerId: ann.id })).peeps[0].reposted).toBe(false);
  });

  it('pages exactly, newest first, past the window of newest peeps it matches one by one', async () => {
    const ann = await person('ann', 'Ann');
    const db = await getDb();
    // 1,100 peeps, one minute apart, ties on time broken by id; "needle" in every 37th, so some are older than the
    // 1,000 newest and must come from the word index.
    await db.insert(peeps).values(
      Array.from({ length: 1100 }, (_, i) => ({
        authorId: ann.id,
        body: i % 37 === 0 ? `needle ${i}` : `hay ${i}`,
        createdAt: at(Math.floor(i / 2)),
      })),
    );
    const expected = Array.from({ length: 1100 }, (_, i) => i)
      .filter((i) => i % 37 === 0)
      .reverse()
      .map((i) => `needle ${i}`);
    const whole = bodies(await searchPeeps({ query: 'needle', limit: 100 }));
    expect(whole).toEqual(expected);
    for (const limit of [1, 4, 7]) {
      const seen: string[] = [];
      let before: Cursor | null | undefined;
      do {
        const page = await searchPeeps({ query: 'needle', limit, before });
        expect(page.peeps.length).toBeGreaterThan(0);
        seen.push(...bodies(page));
        before = page.next;
      } while (before);
      expect(seen, `pages of ${limit}`).toEqual(expected);
    }
    // A common word fills its page from the newest peeps.
    expect(bodies(await searchPeeps({ query: 'hay', limit: 3 }))).toEqual(['hay 1099', 'hay 1098', 'hay 1097']);
  });
});
