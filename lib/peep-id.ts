/** A peep's id as it appears in an address: digits, no leading zero, small enough to be exact. */
export const PEEP_ID = /^[1-9]\d{0,14}$/;

export function parsePeepId(raw: string): number | null {
  return PEEP_ID.test(raw) ? Number(raw) : null;
}
