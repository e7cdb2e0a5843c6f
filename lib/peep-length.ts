import { countGraphemes } from "./graphemes";
import { splitLinks } from "./linkify";

/** What any web address counts toward a peep's length, however long it is (as on Twitter, whose t.co links are 23). */
export const LINK_LENGTH = 23;

/**
 * A peep's length as its limit counts it: user-perceived characters, but each web address (as the peep will show it
 * as a link) counts LINK_LENGTH. The server's check and the compose box's counter both use this, so they agree.
 */
export function peepLength(body: string): number {
  let length = 0;
  for (const part of splitLinks(body))
    length += part.type === "link" ? LINK_LENGTH : countGraphemes(part.text);
  return length;
}
