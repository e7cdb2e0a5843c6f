// npm run db:seed -- --users 100000 --peeps 1000000 --follows 100 [--reposts N] [--replies N] [--likes N] [--tags N] [--force]
// Fills the configured database (DATABASE_URL, or the embedded one) with realistic people, peeps over a year (a tenth
// of them replies, one peep with --thread replies), follows, reposts, likes (--likes a peep on average) and #tags (on
// --tags peeps in a hundred). Seeded people log in with their username and the password below.
// npm run db:seed -- --conversations-only adds the replies, likes and tags to a database seeded before they existed.
import { parseArgs } from 'node:util';
import { closeDb, databaseKind } from '../db';
import { runMigrations } from '../db/migrate';
import { addTagsAndLikeCounts, analyzeAll, countRealUsers, fixReplyCounts, hasConversations, seedFollows, seedLikes, seedPeeps, seedReplies, seedReposts, seedTags, seedUsers, tableCounts } from '../db/queries/seed';
import { hashPassword } from '../auth/password';
import { SEED_PASSWORD } from '../db/seed-names';

// Bulk inserts run far longer than the app's statement timeout allows a page query.
process.env.DATABASE_STATEMENT_TIMEOUT_MS = '600000';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    peeps: { type: 'string', default: '10000' },
    follows: { type: 'string', default: '50' },
    reposts: { type: 'string' },
    replies: { type: 'string' },
    thread: { type: 'string', default: '200' },
    likes: { type: 'string', default: '2' },
    tags: { type: 'string', default: '5' },
    'conversations-only': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
  },
});

const num = (name: string, raw: string | undefined) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not ${raw}`);
  return n;
};

async function main() {
  const users = num('users', values.users);
  const peeps = num('peeps', values.peeps);
  const follows = num('follows', values.follows);
  const reposts = values.reposts === undefined ? Math.floor(peeps / 20) : num('reposts', values.reposts);
  const replies = values.replies === undefined ? Math.floor(peeps / 10) : num('replies', values.replies);
  const thread = num('thread', values.thread);
  const conversations = { likes: num('likes', values.likes), tags: num('tags', values.tags) };

  await runMigrations();
  const real = await countRealUsers();
  if (real > 0 && !values.force) {
    console.error(`This database has ${real} real (non-seed) account${real === 1 ? '' : 's'}. Refusing to seed; pass --force to seed anyway.`);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const step = async (label: string, work: () => Promise<void>) => {
    const t = performance.now();
    await work();
    console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const talk = async (replyCount: number) => {
    await step('replies', () => seedReplies({ count: replyCount, thread, likesPerPeep: conversations.likes }));
    await step('reply counts', fixReplyCounts);
    await step('tags', seedTags);
    await step('likes', seedLikes);
  };
  if (values['conversations-only']) {
    if (await hasConversations()) {
      console.log('This database already has likes or tags: nothing to add.');
      return;
    }
    const existing = (await tableCounts()).peeps;
    console.log(`Adding conversations to the ${await databaseKind()} database's ${existing} peeps: ${Math.floor(existing / 10)} replies, a thread of ${thread}, ${conversations.likes} likes a peep, tags on ${conversations.tags}%`);
    await step('tags and like counts', () => addTagsAndLikeCounts({ tagPercent: conversations.tags, likesPerPeep: conversations.likes }));
    await talk(Math.floor(existing / 10));
  } else {
    console.log(`Seeding the ${await databaseKind()} database: ${users} people, ${peeps} peeps (${replies} of them replies), ${follows} follows each, ${reposts} reposts, ${conversations.likes} likes a peep, tags on ${conversations.tags}%`);
    const passwordHash = await hashPassword(SEED_PASSWORD);
    await step('people', () => seedUsers({ count: users, passwordHash }));
    await step('peeps', () => seedPeeps({ count: Math.max(0, peeps - replies - thread), tagPercent: conversations.tags, likesPerPeep: conversations.likes }));
    await step('follows', () => seedFollows({ perUser: follows }));
    await step('reposts', () => seedReposts({ count: reposts }));
    await talk(replies);
  }
  await step('vacuum analyze', analyzeAll);
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s. Now: ${JSON.stringify(await tableCounts())}`);
  console.log(`Seeded people log in with their username (e.g. alex_morgan1) and the password "${SEED_PASSWORD}".`);
}

main()
  .catch((err) => {
    console.error(`Seeding failed: ${err instanceof Error ? err.message : String(err)}${err?.cause ? `\n${String(err.cause)}` : ""}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
