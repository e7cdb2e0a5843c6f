import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { blockPerson, mutePerson } from "@/db/queries/mutes-and-blocks";
import { createPeep, deletePeep } from "@/db/queries/peeps";
import { listTagTimeline } from "@/db/queries/timelines";
import { peeps, peepTags } from "@/db/schema";
import { publishPeep } from "@/lib/publish-peep";
import { forgetTrendingTags, trendingTags } from "@/lib/trending";
import { makeUser } from "../support/factories";
import { clearOfLimitEdge } from "../support/rate-windows";

async function tagsOf(peepId: number) {
  const db = await getDb();
  return db
    .select({ tag: peepTags.tag, createdAt: peepTags.createdAt })
    .from(peepTags)
    .where(eq(peepTags.peepId, peepId))
    .orderBy(peepTags.tag);
}

async function createdAtOf(peepId: number): Promise<Date> {
  const db = await getDb();
  const [row] = await db
    .select({ createdAt: peeps.createdAt })
    .from(peeps)
    .where(eq(peeps.id, peepId));
  return row.createdAt;
}

async function publish(
  authorId: number,
  body: string,
  clientKey?: string,
): Promise<number> {
  const posted = await publishPeep({ authorId, body, clientKey });
  if (posted.limited) throw new Error("limited");
  return posted.id;
}

describe("tags written with their peep", () => {
  beforeEach(() => clearOfLimitEdge(8_000));

  it("files a peep under each distinct tag, folded, at the peep’s own time, and nothing for a peep without tags", async () => {
    const sam = await makeUser();
    const id = await publish(
      sam.id,
      "#Hello #HELLO world #Café https://example.com/#fragment",
    );
    const at = await createdAtOf(id);
    expect(await tagsOf(id)).toEqual([
      { tag: "café", createdAt: at },
      { tag: "hello", createdAt: at },
    ]);
    expect(
      await tagsOf(await publish(sam.id, "no tags here, #1 is a number")),
    ).toEqual([]);
  });

  it("writes tags in the same transaction as mentions, and once for a post sent again with its key", async () => {
    const sam = await makeUser();
    await makeUser({ username: "kim" });
    const clientKey = crypto.randomUUID();
    const id = await publish(sam.id, "hi @kim, #welcome", clientKey);
    expect(await publish(sam.id, "hi @kim, #welcome", clientKey)).toBe(id);
    expect((await tagsOf(id)).map((t) => t.tag)).toEqual(["welcome"]);
    // The single-statement path (no mentions) sent again with its key.
    const key2 = crypto.randomUUID();
    const plain = await publish(sam.id, "just #tagged", key2);
    expect(await publish(sam.id, "just #tagged", key2)).toBe(plain);
    expect((await tagsOf(plain)).map((t) => t.tag)).toEqual(["tagged"]);
  });

  it("stores at most ten tags a peep, and none over a hundred characters", async () => {
    const sam = await makeUser();
    const many = Array.from({ length: 15 }, (_, i) => `#tag${i}`).join(" ");
    expect(await tagsOf(await publish(sam.id, many))).toHaveLength(10);
    expect(await tagsOf(await publish(sam.id, `#${"a".repeat(1000)}`))).toEqual(
      [],
    );
  });

  it("leaves with its peep, and from the tag’s page", async () => {
    const sam = await makeUser();
    const id = await publish(sam.id, "gone soon #ephemeral");
    expect((await listTagTimeline({ tag: "ephemeral" })).items).toHaveLength(1);
    expect(await deletePeep({ peepId: id, authorId: sam.id })).toBe(true);
    expect(await tagsOf(id)).toEqual([]);
    expect((await listTagTimeline({ tag: "ephemeral" })).items).toEqual([]);
  });

  it("refuses a tag row of 1,000 characters in the database itself", async () => {
    const sam = await makeUser();
    const { id } = await createPeep({ authorId: sam.id, body: "plain" });
    const db = await getDb();
    await expect(
      db.insert(peepTags).values({ peepId: id, tag: "a".repeat(1000) }),
    ).rejects.toThrow();
  });
});

describe("a tag’s page", () => {
  it("walks 120 tagged peeps in pages of 50, newest first, with no gaps or repeats when times tie, and back up", async () => {
    const sam = await makeUser();
    const db = await getDb();
    const base = Date.parse("2026-11-01T00:00:00Z");
    const written = await db
      .insert(peeps)
      .values(
        Array.from({ length: 125 }, (_, i) => ({
          authorId: sam.id,
          body: i % 25 === 24 ? `untagged ${i}` : `#Paging ${i}`,
          createdAt: new Date(base + Math.floor(i / 3) * 1000),
        })),
      )
      .returning({
        id: peeps.id,
        body: peeps.body,
        createdAt: peeps.createdAt,
      });
    const tagged = written.filter((p) => p.body.startsWith("#"));
    await db
      .insert(peepTags)
      .values(
        tagged.map((p) => ({
          peepId: p.id,
          tag: "paging",
          createdAt: p.createdAt,
        })),
      );

    const seen: string[] = [];
    const pages = [];
    let before = undefined;
    do {
      const page = await listTagTimeline({ tag: "paging", before });
      pages.push(page);
      seen.push(...page.items.map((i) => i.peep.body));
      before = page.next ?? undefined;
    } while (before);
    expect(pages.map((p) => p.items.length)).toEqual([50, 50, 20]);
    expect(seen).toEqual(tagged.map((p) => p.body).reverse());
    // "Newer peeps" from the last page is the middle page again.
    const up = await listTagTimeline({ tag: "paging", after: pages[2].newer });
    expect(up.items.map((i) => i.peep.body)).toEqual(
      pages[1].items.map((i) => i.peep.body),
    );
  });

  it("finds the tag however it was typed, and leaves out the peeps of people the viewer mutes or blocks", async () => {
    const me = await makeUser();
    const friend = await makeUser();
    const muted = await makeUser({ username: "muted_one" });
    const blocked = await makeUser({ username: "blocked_one" });
    await publish(friend.id, "a #Straße");
    await publish(muted.id, "also #STRASSE? no: #straße");
    await publish(blocked.id, "and #strasse? #STRAßE");
    await mutePerson({ userId: me.id, username: "muted_one" });
    await blockPerson({ userId: me.id, username: "blocked_one" });
    const mine = await listTagTimeline({ tag: "straße", viewerId: me.id });
    expect(mine.items.map((i) => i.peep.author.username)).toEqual([
      friend.username,
    ]);
    const everyone = await listTagTimeline({ tag: "straße" });
    expect(everyone.items).toHaveLength(3);
    expect((await listTagTimeline({ tag: "nothing_here" })).items).toEqual([]);
  });
});

describe("trending tags", () => {
  beforeEach(() => forgetTrendingTags());

  it("ranks the last day’s tags by how many people used them, not how many peeps, shown as a recent peep typed them", async () => {
    const [ana, bea, cal] = [
      await makeUser(),
      await makeUser(),
      await makeUser(),
    ];
    // One person peeping a tag ten times is one person.
    for (let i = 0; i < 10; i++)
      await createPeep({ authorId: ana.id, body: `#spam ${i}` });
    await createPeep({ authorId: ana.id, body: "#Popular" });
    await createPeep({ authorId: bea.id, body: "#popular too" });
    await createPeep({ authorId: cal.id, body: "me too #POPULAR" });
    await createPeep({ authorId: bea.id, body: "#Second" });
    await createPeep({ authorId: cal.id, body: "#second" });
    // Older than a day: not counted.
    const db = await getDb();
    const { id: old } = await createPeep({
      authorId: bea.id,
      body: "#spam from last week",
    });
    await db.execute(
      sql`update peep_tags set created_at = now() - interval '2 days' where peep_id = ${old}`,
    );

    const trending = await trendingTags();
    expect(trending.map((t) => [t.shown, t.people])).toEqual([
      ["#POPULAR", 3],
      ["#second", 2],
      ["#spam", 1],
    ]);
    expect(trending[0].path).toBe("/tags/POPULAR");
  });

  it("is read at most once a minute per process", async () => {
    const ana = await makeUser();
    const now = Date.now();
    await createPeep({ authorId: ana.id, body: "#first" });
    expect((await trendingTags(now)).map((t) => t.shown)).toEqual(["#first"]);
    await createPeep({ authorId: ana.id, body: "#later" });
    expect((await trendingTags(now + 59_000)).map((t) => t.shown)).toEqual([
      "#first",
    ]);
    expect(
      (await trendingTags(now + 61_000)).map((t) => t.shown).sort(),
    ).toEqual(["#first", "#later"]);
  });

  it("is empty when nobody tagged anything today", async () => {
    expect(await trendingTags()).toEqual([]);
  });
});
