import { splitLinks } from '@/lib/linkify';
import { splitMentions } from '@/lib/mentions';

type Props = {
  body: string;
  /**
   * The handles to link, lower-cased as written, to the username they mean now: a peep's stored mentions (so an old
   * `@old` still reaches the person it meant after a change of handle), or the people a bio names who are on Chitter.
   */
  mentionedAs: Record<string, string>;
  /** Web addresses as links too (bios, for now). */
  links?: boolean;
  className?: string;
};

/** A peep's text (or a bio) with each known @mention as a link; built from segments, so user text is only ever text. */
export function PeepBody({ body, mentionedAs, links = false, className = 'peep-body' }: Props) {
  const known = new Map(Object.entries(mentionedAs));
  const withMentions = (text: string, key: string) =>
    splitMentions(text).map((segment, i) => {
      const username = segment.type === 'mention' ? known.get(segment.handle.toLowerCase()) : undefined;
      return username ? (
        <a key={`${key}.${i}`} href={`/u/${username}`} className="mention">
          {segment.text}
        </a>
      ) : (
        segment.text
      );
    });
  const parts = links ? splitLinks(body) : [{ type: 'text' as const, text: body }];
  return (
    // dir="auto" isolates the body: a direction override typed into a peep ends with it.
    <p className={className} dir="auto">
      {parts.map((part, i) =>
        part.type === 'link' ? (
          // ugc and nofollow: the address is the person's, not Chitter's recommendation.
          <a key={i} href={part.href} rel="nofollow noopener ugc" className="external" title={part.href}>
            {part.label}
          </a>
        ) : (
          withMentions(part.text, String(i))
        ),
      )}
    </p>
  );
}
