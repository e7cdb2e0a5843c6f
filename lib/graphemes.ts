const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Counts user-perceived characters: a family emoji or an accented letter is one. */
export function countGraphemes(text: string): number {
  let count = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- counting needs the iteration, not the segment
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

export const PEEP_MAX_GRAPHEMES = 280;
export const BIO_MAX_GRAPHEMES = 160;
