import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PeepBody } from "@/app/_components/peep-body";

const render = (body: string, mentionedAs: Record<string, string> = {}) =>
  renderToStaticMarkup(createElement(PeepBody, { body, mentionedAs }));

describe("a peep’s body", () => {
  it("links each #tag as typed to its page, and each web address shortened, with nofollow, noopener and ugc", () => {
    const html = render(
      "#Café time: https://example.com/a/very/long/path/to/somewhere/else",
    );
    expect(html).toContain(
      '<a href="/tags/Caf%C3%A9" class="hashtag">#Café</a>',
    );
    expect(html).toContain(
      'href="https://example.com/a/very/long/path/to/somewhere/else" rel="nofollow noopener ugc"',
    );
    expect(html).toContain(">example.com/a/very/long/path/to…</a>");
  });

  it("keeps tags and mentions inside an address part of its one link", () => {
    const html = render("see https://example.com/@bob/#tag and @bob", {
      bob: "bob",
    });
    expect(html.match(/<a /g)).toHaveLength(2);
    expect(html).not.toContain('class="hashtag"');
    expect(html).toContain('<a href="/u/bob" class="mention">@bob</a>');
  });

  it("links a tag right after a mention and leaves a mid-word #, tags past ten and only-digit tags as text", () => {
    const tags = Array.from({ length: 11 }, (_, i) => `#t${i}`).join(" ");
    const html = render(`@bob #hi word#no #2024 ${tags}`, { bob: "bob" });
    expect(html).toContain(
      '<a href="/u/bob" class="mention">@bob</a> <a href="/tags/hi" class="hashtag">#hi</a> word#no #2024',
    );
    expect(html.match(/class="hashtag"/g)).toHaveLength(10);
    // #hi is the first of the ten, so #t8 is the last.
    expect(html).toContain(">#t8</a> #t9 #t10</p>");
  });

  it("renders markup in a peep as text", () => {
    expect(render("<b>#bold</b>")).toBe(
      '<p class="peep-body" dir="auto">&lt;b&gt;<a href="/tags/bold" class="hashtag">#bold</a>&lt;/b&gt;</p>',
    );
  });
});
