import { findTags, tagPath, type FoundTag } from "@/lib/hashtags";
import { splitLinks } from "@/lib/linkify";
import { splitMentions } from "@/lib/mentions";

type Props = {
  body: string;
  /**
   * The handles to link, lower-cased as written, to the username they mean now: a peep's stored mentions (so an old
   * `@old` still reaches the person it meant after a change of handle), or the people a bio names who are on Chitter.
   */
  mentionedAs: Record<string, string>;
  /** Web addresses and #tags as links too (true for peeps and bios). */
  links?: boolean;
  className?: string;
};

/** Splits `text` (which starts at `offset` in the body) around the tags found in the whole body. */
function withTags(
  text: string,
  offset: number,
  tags: FoundTag[],
  key: string,
): React.ReactNode[] {
  const end = offset + text.length;
  const out: React.ReactNode[] = [];
  let last = offset;
  for (const t of tags) {
    if (t.start < offset || t.end > end) continue;
    if (t.start > last) out.push(text.slice(last - offset, t.start - offset));
    out.push(
      <a key={`${key}#${t.start}`} href={tagPath(t.text)} className="hashtag">
        {t.text}
      </a>,
    );
    last = t.end;
  }
  if (last < end) out.push(text.slice(last - offset));
  return out;
}

/** Each part with where it starts in the text the parts were split from. */
function withStarts<T extends { text: string }>(
  parts: T[],
): { part: T; start: number }[] {
  let start = 0;
  return parts.map((part) => {
    const at = start;
    start += part.text.length;
    return { part, start: at };
  });
}

/**
 * A peep's text (or a bio) with each known @mention, each #tag and each web address as a link; built from segments,
 * so user text is only ever text. Tags are found in the whole body, as they were when the peep was stored, and
 * mentions and tags inside an address are part of its link.
 */
export function PeepBody({
  body,
  mentionedAs,
  links = true,
  className = "peep-body",
}: Props) {
  const known = new Map(Object.entries(mentionedAs));
  const tags = links ? findTags(body) : [];
  const withMentions = (
    text: string,
    offset: number,
    key: string,
  ): React.ReactNode[] =>
    withStarts(splitMentions(text)).flatMap(
      ({ part: segment, start }, i): React.ReactNode[] => {
        const username =
          segment.type === "mention"
            ? known.get(segment.handle.toLowerCase())
            : undefined;
        return username
          ? [
              <a
                key={`${key}.${i}`}
                href={`/u/${username}`}
                className="mention"
              >
                {segment.text}
              </a>,
            ]
          : withTags(segment.text, offset + start, tags, `${key}.${i}`);
      },
    );
  const parts = withStarts(
    links ? splitLinks(body) : [{ type: "text" as const, text: body }],
  );
  return (
    // dir="auto" isolates the body: a direction override typed into a peep ends with it.
    <p className={className} dir="auto">
      {parts.map(({ part, start }, i) =>
        part.type === "link" ? (
          // ugc and nofollow: the address is the person's, not Chitter's recommendation.
          <a
            key={i}
            href={part.href}
            rel="nofollow noopener ugc"
            className="external"
            title={part.href}
          >
            {part.label}
          </a>
        ) : (
          withMentions(part.text, start, String(i))
        ),
      )}
    </p>
  );
}
