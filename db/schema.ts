import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, foreignKey, index, integer, pgSequence, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

// Millisecond precision so a timestamp survives the round trip through a JS Date (keyset cursors depend on it).
const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    username: text('username').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    mentionEmails: boolean('mention_emails').notNull().default(true),
    hideOnline: boolean('hide_online').notNull().default(false),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }),
    // Set when the person follows a verification link; until then Chitter mails this address nothing else.
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true, precision: 3 }),
    // The last change of handle (a change of case only does not count): one change a month.
    usernameChangedAt: timestamp('username_changed_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    bio: text('bio').notNull().default(''),
    // Null: no picture, initials are shown. Taken from avatar_versions on every upload, so each picture has URLs of
    // its own that browsers may keep forever.
    avatarVersion: bigint('avatar_version', { mode: 'number' }),
    replyEmails: boolean('reply_emails').notNull().default(true),
    // The newest notification the person has seen: those after it are counted as unread in the header.
    notificationsSeenId: bigint('notifications_seen_id', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    // Prefix search on handles and names: in the C collation one index serves both LIKE 'abc%' and the ORDER BY.
    index('users_username_prefix_idx').using('btree', sql`lower(${t.username}) collate "C"`),
    // Kept while the release before this one may still run (its search reads it); nothing reads it now.
    index('users_name_prefix_idx').using('btree', sql`lower(${t.name}) collate "C"`),
    // Search by any word of a handle or name (the parser splits handles at '_'), and by similar spelling (pg_trgm,
    // which the migration creates). Both read the same text, so one GIN index each serves every search.
    index('users_search_words_idx').using('gin', sql`to_tsvector('simple', ${t.username} || ' ' || ${t.name})`),
    index('users_search_trgm_idx').using('gin', sql`(${t.username} || ' ' || ${t.name}) gin_trgm_ops`),
    index('users_last_seen_at_idx').on(t.lastSeenAt.desc()),
    // An address is unique only once proven: an unverified one can be claimed by whoever proves it first, and the
    // loser's verification fails here. Log-in by email uses the ordinary index.
    uniqueIndex('users_verified_email_lower_key').on(sql`lower(${t.email})`).where(sql`${t.emailVerifiedAt} is not null`),
    index('users_email_lower_idx').on(sql`lower(${t.email})`, t.id),
    uniqueIndex('users_username_lower_key').on(sql`lower(${t.username})`),
    check('users_username_format', sql`${t.username} ~ '^[A-Za-z0-9_]{1,30}$'`),
    check('users_email_length', sql`char_length(${t.email}) between 3 and 254`),
    check('users_name_length', sql`char_length(${t.name}) between 1 and 50`),
    // 160 user-perceived characters is checked in the app; this bounds what a grapheme can smuggle in.
    check('users_bio_length', sql`char_length(${t.bio}) <= 2000`),
    // What avatars' foreign key points at: a picture's rows belong to its person's current version.
    uniqueIndex('users_id_avatar_version_key').on(t.id, t.avatarVersion),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    // The browser's User-Agent at log-in, to name the device in the sessions list; null when it sent none.
    userAgent: text('user_agent'),
    // Written with the person's last-seen time, at most every few minutes, never per request.
    lastActiveAt: timestamp('last_active_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // 'browser': a log-in whose id travels sealed in the Auth.js cookie. 'token': a personal access token for the API,
    // whose id is the SHA-256 of the token (shown once, never stored), named by its owner.
    kind: text('kind').notNull().default('browser'),
    name: text('name'),
  },
  (t) => [
    index('sessions_user_id_idx').on(t.userId),
    check('sessions_user_agent_length', sql`char_length(${t.userAgent}) <= 512`),
    check('sessions_kind', sql`${t.kind} in ('browser', 'token')`),
    check('sessions_token_named', sql`(${t.kind} = 'token') = (${t.name} is not null)`),
    check('sessions_name_length', sql`char_length(${t.name}) between 1 and 60`),
  ],
);

export const peeps = pgTable(
  'peeps',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    authorId: bigint('author_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    // The compose form's idempotency key: a post retried after its answer was lost is saved once.
    clientKey: uuid('client_key'),
    createdAt: createdAt(),
    // A reply names the peep it answers and that peep's author. Deleting either sets these null, but is_reply stays:
    // the reply is kept, and its thread says "This peep was deleted" where the answered peep was.
    replyToId: bigint('reply_to_id', { mode: 'number' }).references((): AnyPgColumn => peeps.id, { onDelete: 'set null' }),
    replyToUserId: bigint('reply_to_user_id', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    isReply: boolean('is_reply').notNull().default(false),
    // Kept by triggers (migration 0018) in the writing transaction, so showing a peep reads its counts, never counts.
    replyCount: integer('reply_count').notNull().default(0),
    likeCount: integer('like_count').notNull().default(0),
  },
  (t) => [
    // A peep's replies, oldest first, for its thread page.
    index('peeps_reply_to_created_idx').on(t.replyToId, t.createdAt, t.id).where(sql`${t.replyToId} is not null`),
    // For the foreign key when a person leaves: their replies' reply_to_user_id is set null.
    index('peeps_reply_to_user_id_idx').on(t.replyToUserId).where(sql`${t.replyToUserId} is not null`),
    check('peeps_reply_fields', sql`${t.isReply} or (${t.replyToId} is null and ${t.replyToUserId} is null)`),
    check('peeps_counts', sql`${t.replyCount} >= 0 and ${t.likeCount} >= 0`),
    uniqueIndex('peeps_author_client_key_key').on(t.authorId, t.clientKey).where(sql`${t.clientKey} is not null`),
    index('peeps_created_at_id_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('peeps_author_created_at_id_idx').on(t.authorId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // Search by words: 'simple' keeps every word as written (lower-cased), in any language, with no stop words.
    index('peeps_body_search_idx').using('gin', sql`to_tsvector('simple', ${t.body})`),
    // 280 user-perceived characters is checked in the app; this bounds what a grapheme can smuggle in.
    check('peeps_body_length', sql`char_length(${t.body}) between 1 and 4000 and btrim(${t.body}) <> ''`),
  ],
);

export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true, precision: 3 }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_window_start_idx').on(t.windowStart)],
);

export const follows = pgTable(
  'follows',
  {
    followerId: bigint('follower_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    followeeId: bigint('followee_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.followerId, t.followeeId] }),
    index('follows_followee_id_idx').on(t.followeeId, t.createdAt.desc().nullsFirst()),
    index('follows_follower_created_idx').on(t.followerId, t.createdAt.desc().nullsFirst()),
    check('follows_not_self', sql`${t.followerId} <> ${t.followeeId}`),
  ],
);

export const reposts = pgTable(
  'reposts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    peepId: bigint('peep_id', { mode: 'number' })
      .notNull()
      .references(() => peeps.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reposts_user_peep_key').on(t.userId, t.peepId),
    index('reposts_user_created_idx').on(t.userId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('reposts_peep_id_idx').on(t.peepId),
  ],
);

// One like per person per peep. peeps.like_count follows these rows by trigger.
export const likes = pgTable(
  'likes',
  {
    peepId: bigint('peep_id', { mode: 'number' })
      .notNull()
      .references(() => peeps.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.peepId, t.userId] }),
    // "Liked by", newest first.
    index('likes_peep_created_idx').on(t.peepId, t.createdAt.desc().nullsFirst(), t.userId.desc().nullsFirst()),
    index('likes_user_created_idx').on(t.userId, t.createdAt.desc().nullsFirst()),
  ],
);

// The #tags a peep holds, normalised (NFKC, lower case), written in the peep's transaction. created_at is the peep's,
// so a tag's page and the trending list read this table's indexes alone.
export const peepTags = pgTable(
  'peep_tags',
  {
    peepId: bigint('peep_id', { mode: 'number' })
      .notNull()
      .references(() => peeps.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.peepId, t.tag] }),
    index('peep_tags_tag_created_idx').on(t.tag, t.createdAt.desc().nullsFirst(), t.peepId.desc().nullsFirst()),
    index('peep_tags_created_idx').on(t.createdAt),
    check('peep_tags_tag_length', sql`char_length(${t.tag}) between 1 and 100`),
  ],
);

export const NOTIFICATION_KINDS = ['mention', 'reply', 'repost', 'like', 'follow'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What the notifications page lists: `actor` did `kind` to `recipient`. peep_id is the actor's peep for a mention or
 * a reply, the recipient's peep for a like or a repost, and null for a follow. One row per deed (the unique key): an
 * undone like or repost, an unfollow or a deleted peep takes its row with it.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    recipientId: bigint('recipient_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    actorId: bigint('actor_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    peepId: bigint('peep_id', { mode: 'number' }).references(() => peeps.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_recipient_id_idx').on(t.recipientId, t.id.desc().nullsFirst()),
    unique('notifications_once_key').on(t.recipientId, t.kind, t.actorId, t.peepId).nullsNotDistinct(),
    index('notifications_actor_id_idx').on(t.actorId),
    index('notifications_peep_id_idx').on(t.peepId),
    check('notifications_kind', sql`${t.kind} in ('mention', 'reply', 'repost', 'like', 'follow')`),
    check('notifications_not_self', sql`${t.recipientId} <> ${t.actorId}`),
  ],
);

// Muting hides someone's peeps and reposts from one's own timelines, and their mentions from one's mail, silently.
export const mutes = pgTable(
  'mutes',
  {
    muterId: bigint('muter_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mutedId: bigint('muted_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.muterId, t.mutedId] }),
    index('mutes_muted_id_idx').on(t.mutedId),
    check('mutes_not_self', sql`${t.muterId} <> ${t.mutedId}`),
  ],
);

// Blocking also hides the blocker's peeps from the blocked person, and ends follows either way. Triggers in the
// migration hold that: a block deletes the follows between the two, and a follow between them is refused.
export const blocks = pgTable(
  'blocks',
  {
    blockerId: bigint('blocker_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedId: bigint('blocked_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.blockerId, t.blockedId] }),
    index('blocks_blocked_id_idx').on(t.blockedId),
    check('blocks_not_self', sql`${t.blockerId} <> ${t.blockedId}`),
  ],
);

export const mentions = pgTable(
  'mentions',
  {
    peepId: bigint('peep_id', { mode: 'number' })
      .notNull()
      .references(() => peeps.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The handle as the peep wrote it (lower-cased), so an old peep's @old still links to its person after a rename.
    // A trigger fills it from the person's handle at insert time.
    handle: text('handle').notNull(),
  },
  (t) => [primaryKey({ columns: [t.peepId, t.userId] }), index('mentions_user_id_idx').on(t.userId)],
);

export const EMAIL_LINK_PURPOSES = ['verify', 'change', 'undo'] as const;
export type EmailLinkPurpose = (typeof EMAIL_LINK_PURPOSES)[number];

// One row per verification link mailed. The token is not stored: only its hash, to find the row, and the seed the
// worker signs (with AUTH_SECRET) to write the link again at send time.
export const emailVerifications = pgTable(
  'email_verifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text('token_hash').notNull(),
    seed: text('seed').notNull(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    // 'verify' proves the account's own address; 'change' proves a new one, which takes over when followed; 'undo',
    // mailed to the address a change replaced, puts that address back.
    purpose: text('purpose', { enum: EMAIL_LINK_PURPOSES }).notNull().default('verify'),
  },
  (t) => [
    uniqueIndex('email_verifications_token_hash_key').on(t.tokenHash),
    index('email_verifications_user_id_idx').on(t.userId),
    // At most one change of address waits for its link per account: a new request replaces the one before.
    uniqueIndex('email_verifications_pending_change_key').on(t.userId).where(sql`${t.purpose} = 'change' and ${t.usedAt} is null`),
    check('email_verifications_purpose', sql`${t.purpose} in ('verify', 'change', 'undo')`),
  ],
);

// One row per reset link mailed, kept as email_verifications keeps its links: the token's hash and the seed the worker
// signs again. A password change marks every unused link of the account used, so a link never outlives the password
// it was sent to replace.
export const passwordResets = pgTable(
  'password_resets',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text('token_hash').notNull(),
    seed: text('seed').notNull(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('password_resets_token_hash_key').on(t.tokenHash),
    index('password_resets_user_id_idx').on(t.userId).where(sql`${t.usedAt} is null`),
    check('password_resets_lifetime', sql`${t.expiresAt} > ${t.createdAt} and ${t.expiresAt} <= ${t.createdAt} + interval '30 minutes'`),
  ],
);

// 'digest': a mention held past a cap, waiting for the recipient's daily digest mail.
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled', 'suppressed', 'digest'] as const;
export const OUTBOX_KINDS = ['mention', 'reply', 'mention_digest', 'verify_email', 'address_in_use', 'password_reset', 'password_changed', 'verify_new_email', 'email_changed'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

// A transactional outbox: rows are written with the peep, and a worker turns them into mail.
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: OUTBOX_KINDS }).notNull(),
    recipientId: bigint('recipient_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    senderId: bigint('sender_id', { mode: 'number' }).references(() => users.id, { onDelete: 'cascade' }),
    // Set null when the peep is deleted, so the worker sees it is gone and sends nothing.
    peepId: bigint('peep_id', { mode: 'number' }).references(() => peeps.id, { onDelete: 'set null' }),
    verificationId: bigint('verification_id', { mode: 'number' }).references(() => emailVerifications.id, { onDelete: 'cascade' }),
    passwordResetId: bigint('password_reset_id', { mode: 'number' }).references(() => passwordResets.id, { onDelete: 'cascade' }),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, precision: 3 }),
    claimToken: text('claim_token'),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('email_outbox_due_idx').on(t.runAfter).where(sql`${t.status} in ('pending', 'sending')`),
    index('email_outbox_recipient_sender_idx').on(t.recipientId, t.senderId, t.createdAt),
    // Mentions held for a person's digest, and at most one digest waiting per person.
    index('email_outbox_digest_items_idx').on(t.recipientId).where(sql`${t.status} = 'digest'`),
    // Counted on every metrics scrape; failed rows are few beside the sent ones kept for 30 days.
    index('email_outbox_failed_idx').on(t.id).where(sql`${t.status} = 'failed'`),
    // Deleting a peep finds its mail by this, to cancel what is unsent and for the foreign key to set it null.
    index('email_outbox_peep_id_idx').on(t.peepId).where(sql`${t.peepId} is not null`),
    uniqueIndex('email_outbox_waiting_digest_key').on(t.recipientId).where(sql`${t.kind} = 'mention_digest' and ${t.status} = 'pending'`),
    check('email_outbox_status', sql`${t.status} in ('pending', 'sending', 'sent', 'failed', 'cancelled', 'suppressed', 'digest')`),
    check('email_outbox_kind', sql`${t.kind} in ('mention', 'reply', 'mention_digest', 'verify_email', 'address_in_use', 'password_reset', 'password_changed', 'verify_new_email', 'email_changed')`),
  ],
);

// Bumped after every write that changes what a page shows, so each app instance knows to drop its cached pages.
// Named for the first page it versioned; renaming a sequence would buy nothing but a migration.
export const pageVersion = pgSequence('public_stream_version');

/**
 * What open pages learn live, one row per change, written by triggers in the changing transaction (which also
 * NOTIFY every instance at commit). Kept briefly: a browser that reconnects is replayed what it missed from here.
 * No foreign keys: a deleted peep's own event outlives it.
 */
export const liveEvents = pgTable(
  'live_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: ['peep', 'delete', 'repost', 'unrepost', 'follow', 'unfollow', 'like', 'unlike', 'notification'] }).notNull(),
    peepId: bigint('peep_id', { mode: 'number' }),
    actorId: bigint('actor_id', { mode: 'number' }),
    subjectId: bigint('subject_id', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('live_events_kind_check', sql`${t.kind} in ('peep', 'delete', 'repost', 'unrepost', 'follow', 'unfollow', 'like', 'unlike', 'notification')`),
    index('live_events_created_idx').on(t.createdAt),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // postgres.js reads a Buffer, PGlite a Uint8Array.
  fromDriver: (value) => Buffer.from(value),
});

export const avatarVersions = pgSequence('avatar_versions');

// A person's picture, re-encoded as WebP at each of AVATAR_SIZES (lib/avatar-url.ts). The foreign key to the person's
// current version means no row of an older picture can outlive an upload or a removal: those must delete it first.
export const avatars = pgTable(
  'avatars',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    size: smallint('size').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.version, t.size] }),
    foreignKey({ name: 'avatars_user_version_fk', columns: [t.userId, t.version], foreignColumns: [users.id, users.avatarVersion] }).onDelete('cascade'),
    // For the foreign key's checks (a person leaving, a version changing) and an upload's delete.
    index('avatars_user_version_idx').on(t.userId, t.version),
    check('avatars_size', sql`${t.size} in (48, 96, 400)`),
    check('avatars_bytes_length', sql`octet_length(${t.bytes}) between 1 and 262144`),
  ],
);

/**
 * Handles given up, by a change of handle (user_id: who had it, whom /u/old redirects to and who alone may take it
 * back) or by a deleted account (user_id null). Until `until` nobody else may take it: a trigger on users refuses it
 * (see the migration for why a racing sign-up cannot slip past). Rows past `until` mean nothing.
 */
export const retiredHandles = pgTable(
  'retired_handles',
  {
    handle: text('handle').primaryKey(),
    userId: bigint('user_id', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    until: timestamp('until', { withTimezone: true, precision: 3 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('retired_handles_user_id_idx').on(t.userId),
    index('retired_handles_until_idx').on(t.until),
    check('retired_handles_handle_lower', sql`${t.handle} = lower(${t.handle}) and ${t.handle} ~ '^[a-z0-9_]{1,30}$'`),
  ],
);

export type User = typeof users.$inferSelect;
export type Peep = typeof peeps.$inferSelect;
