import { describe, expect, it } from "vitest";
import {
  findTags,
  foldTag,
  parseTagParam,
  peepTags,
  TAG_MAX,
  TAGS_PER_PEEP,
} from "@/lib/hashtags";
import { LINK_LENGTH, peepLength } from "@/lib/peep-length";
import { peepSchema } from "@/lib/validation";

describe("hashtag parsing", () => {
  it.each([
    ["#hello", ["hello"]],
    ["say #Hello!", ["hello"]],
    ["(#tag)", ["tag"]],
    ["#one, #two: #three.", ["one", "two", "three"]],
    ["#tag's", ["tag"]],
    ["#Café au lait", ["café"]],
    ["#東京 に行く", ["東京"]],
    ["#Straße", ["straße"]],
    ["#ПРИВЕТ", ["привет"]],
    ["#snake_case_2024", ["snake_case_2024"]],
    ["#2024tag", ["2024tag"]],
    ["line\n#tag", ["tag"]],
    ["日本 #tag", ["tag"]],
    ["👋#tag", ["tag"]],
    // Not tags: no letter, inside a word, after & (an entity) or #, nothing after the #.
    ["#1", []],
    ["#2024", []],
    ["#_", []],
    ["word#tag", []],
    ["é#tag", []],
    ["日本#tag", []],
    ["_#tag", []],
    ["&#tag", []],
    ["&#38;", []],
    ["##tag", []],
    ["#", []],
    ["# tag", []],
  ])("%j is tagged %j", (text, tags) => {
    expect(peepTags(text)).toEqual(tags);
  });

  it("never finds a tag inside a web address, with or without its scheme", () => {
    expect(peepTags("see https://example.com/page#section and #real")).toEqual([
      "real",
    ]);
    expect(peepTags("example.com/#/route")).toEqual([]);
    expect(peepTags("https://example.com/tags/#wow?x=#y")).toEqual([]);
  });

  it("folds case and compatibility forms for storage and lookup, and keeps the tag as typed", () => {
    expect(peepTags("#Hello #HELLO #hello")).toEqual(["hello"]);
    // Full-width letters (as typed by Japanese keyboards) meet their plain forms.
    expect(peepTags("#ｈｅｌｌｏ #hello")).toEqual(["hello"]);
    // A precomposed é and an e with a combining accent are one tag.
    expect(foldTag("Cafe\u0301")).toBe(foldTag("Café"));
    expect(
      findTags("x #CaFé y").map((t) => [t.text, t.tag, t.start, t.end]),
    ).toEqual([["#CaFé", "café", 2, 7]]);
  });

  it(`treats a # word longer than ${TAG_MAX} characters as text, not a shortened tag`, () => {
    const longest = "a".repeat(TAG_MAX);
    expect(peepTags(`#${longest}`)).toEqual([longest]);
    expect(peepTags(`#${longest}b and #short`)).toEqual(["short"]);
    expect(peepTags(`#${"é".repeat(1000)}`)).toEqual([]);
  });

  it(`files a peep under at most ${TAGS_PER_PEEP} distinct tags; later new ones stay text, repeats of counted ones stay tags`, () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `#t${i}`).join(" ");
    const tags = peepTags(`${twelve} #t0`);
    expect(tags).toEqual(
      Array.from({ length: TAGS_PER_PEEP }, (_, i) => `t${i}`),
    );
    const found = findTags(`${twelve} #T0`);
    expect(found.map((t) => t.text)).toEqual([
      ...Array.from({ length: TAGS_PER_PEEP }, (_, i) => `#t${i}`),
      "#T0",
    ]);
  });
});

describe("a tag in a URL", () => {
  it("accepts a tag as typed, decoded or percent-encoded, and folds it", () => {
    expect(parseTagParam("Hello")).toEqual({ shown: "Hello", tag: "hello" });
    expect(parseTagParam("caf%C3%A9")).toEqual({ shown: "café", tag: "café" });
    expect(parseTagParam("東京")).toEqual({ shown: "東京", tag: "東京" });
    expect(parseTagParam("%23Hello")).toEqual({ shown: "Hello", tag: "hello" });
  });

  it.each([
    ["a thousand characters", "a".repeat(1000)],
    ["101 characters", "a".repeat(TAG_MAX + 1)],
    ["a number", "123"],
    ["a space", "two%20words"],
    ["broken percent-encoding", "%E0%A4%A"],
    ["a lone percent", "%"],
    ["punctuation", "a.b"],
    ["a path", "a%2Fb"],
    ["nothing", ""],
  ])("refuses %s", (_, raw) => {
    expect(parseTagParam(raw)).toBeNull();
  });
});

describe("peep length", () => {
  it(`counts each web address as ${LINK_LENGTH} characters, however long`, () => {
    const url = `https://example.com/${"very/long/path/".repeat(20)}`;
    expect(peepLength(url)).toBe(LINK_LENGTH);
    expect(peepLength(`#Hello ${url}`)).toBe(7 + LINK_LENGTH);
    expect(peepLength("see example.com")).toBe(4 + LINK_LENGTH);
    expect(peepLength("a.b")).toBe(3);
    expect(peepLength("👨‍👩‍👧 hi")).toBe(4);
  });

  it("lets the server take a peep whose long address counts 23, and refuses one past 280 as counted", () => {
    const url = `https://example.com/${"x".repeat(1000)}`;
    const fits = `${"a".repeat(280 - LINK_LENGTH - 1)} ${url}`;
    expect(peepSchema.safeParse({ body: fits }).success).toBe(true);
    expect(peepSchema.safeParse({ body: `a${fits}` }).success).toBe(false);
    // Past the raw bound no counting happens at all.
    expect(
      peepSchema.safeParse({ body: `https://example.com/${"x".repeat(4000)}` })
        .success,
    ).toBe(false);
  });
});
