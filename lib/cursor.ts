/** Where a timeline page ends: the time, kind (0 a peep, 1 a repost) and id of the last item shown. */
export type Cursor = { createdAt: Date; kind: 0 | 1; id: number };

const EARLIEST_MS = Date.UTC(2000, 0, 1);

/** An opaque keyset cursor. */
export function encodeCursor({ createdAt, kind, id }: Cursor): string {
  return Buffer.from(`${createdAt.getTime()}:${kind}:${id}`, 'utf8').toString('base64url');
}

/** Returns null for anything that is not a cursor this app made, so the caller can answer 400. */
export function decodeCursor(raw: string): Cursor | null {
  if (raw.length === 0 || raw.length > 64 || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  const match = /^(\d{1,15}):([01]):(\d{1,15})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!match) return null;
  const ms = Number(match[1]);
  const id = Number(match[3]);
  if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(id) || id < 1) return null;
  // A cursor points at an item already shown, so its time is in the past; anything else never reaches the database.
  if (ms < EARLIEST_MS || ms > Date.now() + 86_400_000) return null;
  const createdAt = new Date(ms);
  return { createdAt, kind: match[2] === '1' ? 1 : 0, id };
}

/** The cursor of a list paged by id alone (notifications): the last id shown, or null for anything else. */
export function decodeIdCursor(raw: string): number | null {
  return /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null;
}
