/** Where a timeline page ends: the time, kind (0 a peep, 1 a repost) and id of the last item shown. */
export type Cursor = { createdAt: Date; kind: 0 | 1; id: number };

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
  const createdAt = new Date(ms);
  if (Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, kind: match[2] === '1' ? 1 : 0, id };
}
