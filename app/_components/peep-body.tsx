import { splitMentions } from '@/lib/mentions';

/**
 * A peep's text with each stored @mention as a link; built from segments, so user text is only ever text. A mention
 * links by the handle it was written with to the person it meant, whatever they, or the handle, are called now.
 */
export function PeepBody({ body, mentionedAs }: { body: string; mentionedAs: Record<string, string> }) {
  const known = new Map(Object.entries(mentionedAs));
  return (
    // dir="auto" isolates the body: a direction override typed into a peep ends with it.
    <p className="peep-body" dir="auto">
      {splitMentions(body).map((segment, i) => {
        const username = segment.type === 'mention' ? known.get(segment.handle.toLowerCase()) : undefined;
        return username ? (
          <a key={i} href={`/u/${username}`} className="mention">
            {segment.text}
          </a>
        ) : (
          segment.text
        );
      })}
    </p>
  );
}
