import 'server-only';
import { findExportProfile, listExportPeople, listExportPeeps, listExportReposts, type ExportRelation } from '@/db/queries/accounts';
import { incrementRateLimit } from '@/db/queries/rate-limits';
import { listTokens } from '@/db/queries/sessions';
import { TOKENS_AT_MOST } from '@/auth/api-token';

const HOUR = 60 * 60_000;
// A file a person asks for now and then; a script asking again and again would read their whole history each time.
export const EXPORT_LIMIT = { max: 10, windowMs: HOUR } as const;
// Rows read per query: the file streams out a page at a time, however much a person has written.
const PAGE = 500;

export async function takeExportAttempt(userId: number): Promise<{ limited: false } | { limited: true; retryAfterSeconds: number }> {
  const { hits, resetAt } = await incrementRateLimit({ key: `export:user:${userId}`, windowMs: EXPORT_LIMIT.windowMs });
  return hits > EXPORT_LIMIT.max ? { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)) } : { limited: false };
}

/** Reads `list` a page at a time by the id each row carries, until a page comes back short. */
async function* pages<T>(list: (after: number) => Promise<T[]>, idOf: (row: T) => number): AsyncGenerator<T> {
  for (let after = 0; ; ) {
    const rows = await list(after);
    yield* rows;
    if (rows.length < PAGE) return;
    after = idOf(rows[rows.length - 1]);
  }
}

/** Writes `[ … ]` of the rows, one per line. */
async function* array<T>(rows: AsyncIterable<T> | Iterable<T>, shape: (row: T) => unknown): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const row of rows) {
    yield `${first ? '' : ','}\n    ${JSON.stringify(shape(row))}`;
    first = false;
  }
  yield first ? ']' : '\n  ]';
}

/**
 * Everything Chitter holds about a person, as JSON text in pieces, read in pages of a few hundred rows: profile and
 * settings, peeps, reposts, the handles they follow, that follow them, and that they mute or block, and their API tokens'
 * names and dates (only a hash of a token is kept, and the file leaves even that out). Null if there is no such person.
 */
export async function exportAccount({ userId }: { userId: number }): Promise<{ username: string; chunks: AsyncGenerator<string> } | null> {
  const profile = await findExportProfile({ userId });
  if (!profile) return null;
  const people = (relation: ExportRelation) =>
    array(
      pages((after) => listExportPeople({ userId, relation, after, limit: PAGE }), (r) => r.id),
      (r) => ({ handle: r.username, since: r.since }),
    );
  async function* chunks(): AsyncGenerator<string> {
    const { username, name, email, emailVerified, createdAt, settings } = profile!;
    yield `{\n  "exportedAt": ${JSON.stringify(new Date())},\n  "profile": ${JSON.stringify({ name, handle: username, email, emailVerified, createdAt, settings })},\n  "peeps": `;
    yield* array(
      pages((after) => listExportPeeps({ userId, after, limit: PAGE }), (p) => p.id),
      (p) => ({ id: p.id, text: p.text, createdAt: p.createdAt }),
    );
    yield ',\n  "reposts": ';
    yield* array(
      pages((after) => listExportReposts({ userId, after, limit: PAGE }), (r) => r.id),
      (r) => ({ peepId: r.peepId, author: r.author, createdAt: r.createdAt }),
    );
    for (const [key, relation] of [['following', 'following'], ['followers', 'followers'], ['mutes', 'muted'], ['blocks', 'blocked']] as const) {
      yield `,\n  ${JSON.stringify(key)}: `;
      yield* people(relation);
    }
    // A person holds at most TOKENS_AT_MOST tokens, so one read lists them all.
    const { tokens } = await listTokens({ userId, limit: TOKENS_AT_MOST });
    yield ',\n  "apiTokens": ';
    yield* array(tokens, (t) => ({ name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, expiresAt: t.expiresAt }));
    yield '\n}\n';
  }
  return { username: profile.username, chunks: chunks() };
}
