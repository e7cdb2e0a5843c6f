import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PeepBody } from '@/app/_components/peep-body';
import { confirmPassword, CONFIRM_FAILURES } from '@/auth/confirm-password';
import { getDb, rowsOf } from '@/db';
import { foreignKeyViolation } from '@/db/errors';
import { deleteAccount } from '@/db/queries/accounts';
import { followUser } from '@/db/queries/follows';
import { changeUsername, findHandleStatus, findRenamedHandle, findRenamedHandles, retireHandle } from '@/db/queries/handles';
import { blockPerson, mutePerson } from '@/db/queries/mutes-and-blocks';
import { createPeep } from '@/db/queries/peeps';
import { findProfile } from '@/db/queries/people';
import { repostPeep } from '@/db/queries/reposts';
import { createSession, findSessionUser } from '@/db/queries/sessions';
import { createUser, DuplicateAccountError } from '@/db/queries/users';
import { listPublicTimeline } from '@/db/queries/timelines';
import { users } from '@/db/schema';
import { likePeep } from '@/db/queries/likes';
import { exportAccount } from '@/lib/account-export';
import { sweepOnce } from '@/lib/housekeeping';
import { publishPeep } from '@/lib/publish-peep';
import { takeWriteAttempt } from '@/lib/rate-limit';
import { registerUser } from '@/lib/sign-up';
import { makeUser } from '../support/factories';
import { insertPeep, insertPerson } from '../support/rows';

const TAKEN = { ok: false, fieldErrors: { username: 'That username is taken' } };
const signUp = (username: string, n = 0) => registerUser({ username, email: `${username}${n}@example.com`, name: 'Someone', password: 'correct horse battery' });

/** Moves a person's last change of handle, and the handles held, `days` into the past, as if that time had gone by. */
async function travel(days: number) {
  const db = await getDb();
  await db.execute(sql`update users set username_changed_at = username_changed_at - make_interval(days => ${days}) where username_changed_at is not null`);
  await db.execute(sql`update retired_handles set until = until - make_interval(days => ${days})`);
}

/** The link each @mention in the newest public peep leads to, as a reader sees it. */
async function mentionLinks(): Promise<Record<string, string>> {
  const [item] = (await listPublicTimeline({})).items;
  const html = renderToStaticMarkup(createElement(PeepBody, { body: item.peep.body, mentionedAs: item.peep.mentionedAs }));
  return Object.fromEntries([...html.matchAll(/<a href="([^"]+)" class="mention">([^<]+)<\/a>/g)].map((m) => [m[2], m[1]]));
}

describe('changing handle', () => {
  it('takes a new handle once a month, says when the next change is allowed, and lets a change of case through any time', async () => {
    const ann = await insertPerson('ann');
    expect(await changeUsername({ userId: ann.id, username: 'annie' })).toMatchObject({ ok: true, username: 'annie', previous: 'ann' });
    expect(await findProfile({ username: 'annie' })).toMatchObject({ id: ann.id });
    expect(await findProfile({ username: 'ann' })).toBeNull();

    const refused = await changeUsername({ userId: ann.id, username: 'anna' });
    expect(refused).toMatchObject({ ok: false, reason: 'too_soon' });
    const next = refused.ok === false && refused.reason === 'too_soon' ? refused.nextChangeAt.getTime() : 0;
    expect(Math.abs(next - (Date.now() + 30 * 86_400_000))).toBeLessThan(60_000);
    expect((await findHandleStatus({ userId: ann.id }))?.nextChangeAt?.getTime()).toBe(next);

    expect(await changeUsername({ userId: ann.id, username: 'Annie' })).toMatchObject({ ok: true, username: 'Annie' });
    expect(await changeUsername({ userId: ann.id, username: 'Annie' })).toEqual({ ok: false, reason: 'same' });

    await travel(30);
    expect(await changeUsername({ userId: ann.id, username: 'anna' })).toMatchObject({ ok: true, username: 'anna' });
  });

  it('refuses a handle someone has, in any case, and one another person gave up less than 30 days ago', async () => {
    const ann = await insertPerson('ann');
    const bob = await insertPerson('bob');
    const cat = await insertPerson('cat');
    expect(await changeUsername({ userId: ann.id, username: 'BOB' })).toEqual({ ok: false, reason: 'taken' });
    expect(await changeUsername({ userId: bob.id, username: 'robert' })).toMatchObject({ ok: true });
    expect(await changeUsername({ userId: ann.id, username: 'Bob' })).toEqual({ ok: false, reason: 'taken' });
    expect(await signUp('bob')).toEqual(TAKEN);
    expect(await findHandleStatus({ userId: bob.id })).toMatchObject({ username: 'robert', held: [{ handle: 'bob' }] });
    // A refused change is no change: Ann may still change her handle this month.
    expect(await changeUsername({ userId: ann.id, username: 'annie' })).toMatchObject({ ok: true });
    // The database refuses it too, whatever path writes the row.
    const db = await getDb();
    await expect(db.update(users).set({ username: 'bob' }).where(eq(users.id, cat.id))).rejects.toThrow();

    await travel(31);
    expect(await findRenamedHandle({ handle: 'bob' })).toBeNull();
    expect(await changeUsername({ userId: cat.id, username: 'bob' })).toMatchObject({ ok: true });
    expect(await sweepOnce()).toMatchObject({ retiredHandles: 2 });
  });

  it('lets the owner take their old handle back within the 30 days, without starting another month', async () => {
    const ann = await insertPerson('ann');
    await changeUsername({ userId: ann.id, username: 'annie' });
    expect(await changeUsername({ userId: ann.id, username: 'ANN' })).toMatchObject({ ok: true, username: 'ANN' });
    expect(await findRenamedHandle({ handle: 'ann' })).toBeNull();
    // The short-lived handle is held for her in turn; another new one must wait for the month.
    expect(await findRenamedHandle({ handle: 'annie' })).toBe('ANN');
    expect(await changeUsername({ userId: ann.id, username: 'anne' })).toMatchObject({ ok: false, reason: 'too_soon' });
    expect(await changeUsername({ userId: ann.id, username: 'annie' })).toMatchObject({ ok: true });
  });

  it('points the old handle at the person for 30 days (the profile redirect), and nowhere after', async () => {
    const ann = await insertPerson('ann');
    await changeUsername({ userId: ann.id, username: 'annie' });
    expect(await findRenamedHandle({ handle: 'ANN' })).toBe('annie');
    await changeUsername({ userId: ann.id, username: 'Annie' });
    expect(await findRenamedHandle({ handle: 'ann' })).toBe('Annie');
    expect(await findRenamedHandles({ handles: ['ann', 'nobody'] })).toEqual([{ handle: 'ann', username: 'Annie' }]);
    await travel(30);
    expect(await findRenamedHandle({ handle: 'ann' })).toBeNull();
    expect(await findRenamedHandles({ handles: ['ann'] })).toEqual([]);
  });

  it('keeps exactly one owner when sign-ups race the change that gives their handle up, or the one that takes it', async () => {
    // Half the rounds through the whole sign-up (its password hashing puts it after the change), half straight to the
    // insert, started a few milliseconds apart, so each order of the writes comes up.
    const quickSignUp = (username: string, n: number) =>
      createUser({ username, email: `${username}${n}@example.com`, name: 'Someone', passwordHash: 'x' }).then(
        () => ({ ok: true }),
        (err: unknown) => {
          if (err instanceof DuplicateAccountError) return TAKEN;
          throw err;
        },
      );
    const later = <T,>(ms: number, run: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => run().then(resolve, reject), ms));
    for (let round = 0; round < 24; round++) {
      const renamer = await insertPerson(`old${round}`);
      const join = round % 2 ? signUp : quickSignUp;
      const [changed, ...signUps] = await Promise.all([
        later(round % 3, () => changeUsername({ userId: renamer.id, username: `new${round}` })),
        later(round % 4, () => join(`old${round}`, 1)),
        later(round % 5, () => join(`new${round}`, 2)),
        later(round % 2, () => join(`OLD${round}`, 3)),
      ]);
      const db = await getDb();
      const holders = async (handle: string) => (await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${handle}`)).map((u) => u.id);
      // Nobody signs up as the old handle, before the change or after; the new one goes to exactly one of the two.
      expect(signUps[0]).toEqual(TAKEN);
      expect(signUps[2]).toEqual(TAKEN);
      expect(await holders(`new${round}`)).toHaveLength(1);
      if (changed.ok) {
        expect(signUps[1]).toEqual(TAKEN);
        expect(await holders(`old${round}`)).toEqual([]);
        expect(await findRenamedHandle({ handle: `old${round}` })).toBe(`new${round}`);
      } else {
        expect(changed).toEqual({ ok: false, reason: 'taken' });
        expect(signUps[1]).toMatchObject({ ok: true });
        expect(await holders(`old${round}`)).toEqual([renamer.id]);
      }
    }
  });

  it('makes a sign-up that arrives while a change is being written wait for it, and then refuses the old handle', async () => {
    const db = await getDb();
    for (const [i, gone] of [['change', 'rename'], ['delete', 'delete']].entries()) {
      const leaver = await insertPerson(`held${i}`);
      let racing: Promise<unknown> | undefined;
      await db.transaction(async (tx) => {
        if (gone[0] === 'rename') await tx.update(users).set({ username: `other${i}` }).where(eq(users.id, leaver.id));
        else await tx.delete(users).where(eq(users.id, leaver.id));
        await retireHandle(tx, { handle: `held${i}`, userId: gone[0] === 'rename' ? leaver.id : null });
        // The sign-up's insert reaches the database while this transaction still holds the handle.
        racing = createUser({ username: `held${i}`, email: `racer${i}@example.com`, name: 'Racer', passwordHash: 'x' }).then(
          () => 'signed up',
          (err: unknown) => (err instanceof DuplicateAccountError ? 'taken' : err),
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      expect(await racing).toBe('taken');
    }
  });

  it('keeps old peeps’ @mentions linking to the person after a rename, after the 30 days, and after someone else takes the old handle', async () => {
    const ann = await insertPerson('ann');
    const bob = await insertPerson('bob');
    await createPeep({ authorId: ann.id, body: 'hello @Bob and @ann', mentionHandles: ['bob', 'ann'] });
    expect(await mentionLinks()).toEqual({ '@Bob': '/u/bob', '@ann': '/u/ann' });

    await changeUsername({ userId: bob.id, username: 'robert' });
    expect(await mentionLinks()).toEqual({ '@Bob': '/u/robert', '@ann': '/u/ann' });
    await travel(31);
    const imposter = await insertPerson('bob');
    expect(await mentionLinks()).toEqual({ '@Bob': '/u/robert', '@ann': '/u/ann' });
    // Swapping handles cannot cross the links either.
    await changeUsername({ userId: ann.id, username: 'annie' });
    await travel(31);
    await changeUsername({ userId: imposter.id, username: 'ann' });
    expect(await mentionLinks()).toEqual({ '@Bob': '/u/robert', '@ann': '/u/annie' });
    // A new peep's @ann means whoever is ann now.
    await createPeep({ authorId: bob.id, body: 'hi @ann', mentionHandles: ['ann'] });
    expect(await mentionLinks()).toEqual({ '@ann': '/u/ann' });
    expect((await listPublicTimeline({})).items[0].peep.mentions).toEqual(['ann']);
  });
});

describe('confirming the password', () => {
  it('accepts the right one, refuses a wrong one, and stops guessing after 10 wrong tries', async () => {
    const sam = await makeUser({ password: 'right password here' });
    expect(await confirmPassword({ userId: sam.id, password: 'right password here' })).toEqual({ ok: true });
    for (let i = 0; i < CONFIRM_FAILURES.max; i++) expect(await confirmPassword({ userId: sam.id, password: `wrong ${i}` })).toEqual({ ok: false, reason: 'wrong' });
    expect(await confirmPassword({ userId: sam.id, password: 'right password here' })).toMatchObject({ ok: false, reason: 'limited' });
  });
});

describe('downloading one’s data', () => {
  it('gives the profile, settings, every peep (read a page at a time), reposts, follows both ways, mutes and blocks', async () => {
    const sam = await makeUser({ username: 'sam', name: 'Sam Smith', email: 'sam@example.com' });
    const ann = await insertPerson('ann');
    await insertPerson('bob');
    const db = await getDb();
    await db.execute(sql`insert into peeps (author_id, body, created_at)
      select ${sam.id}, 'peep number ' || i, now() - make_interval(secs => 2000 - i) from generate_series(1, 1201) i`);
    const annPeep = await insertPeep(ann.id, 'ann says', new Date());
    await repostPeep({ userId: sam.id, peepId: annPeep });
    await followUser({ followerId: sam.id, username: 'ann' });
    await followUser({ followerId: ann.id, username: 'sam' });
    await mutePerson({ userId: sam.id, username: 'ann' });
    await blockPerson({ userId: sam.id, username: 'bob' });

    const exported = await exportAccount({ userId: sam.id });
    expect(exported?.username).toBe('sam');
    let text = '';
    for await (const chunk of exported!.chunks) text += chunk;
    const data = JSON.parse(text);
    expect(data.profile).toMatchObject({ name: 'Sam Smith', handle: 'sam', email: 'sam@example.com', emailVerified: true, settings: { mentionEmails: true, showOnline: true } });
    expect(data.peeps).toHaveLength(1201);
    expect(data.peeps[0]).toMatchObject({ text: 'peep number 1' });
    expect(data.peeps[1200]).toMatchObject({ text: 'peep number 1201' });
    expect(new Set(data.peeps.map((p: { id: number }) => p.id)).size).toBe(1201);
    expect(data.reposts).toMatchObject([{ peepId: annPeep, author: 'ann' }]);
    expect(data.following.map((p: { handle: string }) => p.handle)).toEqual(['ann']);
    expect(data.followers.map((p: { handle: string }) => p.handle)).toEqual(['ann']);
    expect(data.mutes.map((p: { handle: string }) => p.handle)).toEqual(['ann']);
    expect(data.blocks.map((p: { handle: string }) => p.handle)).toEqual(['bob']);
    expect(await exportAccount({ userId: 999_999 })).toBeNull();
  });
});

/** Every row, in every table whose foreign key points at users, that belongs to `userId`. */
async function rowsReferring(userId: number): Promise<Record<string, number>> {
  const db = await getDb();
  const keys = rowsOf<{ tbl: string; col: string }>(
    await db.execute(sql`select c.conrelid::regclass::text as tbl, a.attname as col
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
      where c.contype = 'f' and c.confrelid = 'users'::regclass`),
  );
  expect(keys.length).toBeGreaterThanOrEqual(14);
  const counts: Record<string, number> = {};
  for (const { tbl, col } of keys) {
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.identifier(tbl)} where ${sql.identifier(col)} = ${userId}`));
    counts[`${tbl}.${col}`] = n;
  }
  return counts;
}

describe('deleting an account', () => {
  it('removes every row of the person in one go, ends their sessions at once, and keeps nothing that names them', async () => {
    const sam = await makeUser({ username: 'sam', email: 'sam@example.com' });
    const ann = await makeUser({ username: 'ann' });
    const session = await createSession({ userId: sam.id });
    const otherSession = await createSession({ userId: sam.id });
    const samPeep = (await publishPeep({ authorId: sam.id, body: 'hi @ann' })) as { id: number };
    const annPeep = (await publishPeep({ authorId: ann.id, body: 'hello @sam' })) as { id: number };
    await repostPeep({ userId: sam.id, peepId: annPeep.id });
    await repostPeep({ userId: ann.id, peepId: samPeep.id });
    await followUser({ followerId: sam.id, username: 'ann' });
    await followUser({ followerId: ann.id, username: 'sam' });
    await mutePerson({ userId: ann.id, username: 'sam' });
    await blockPerson({ userId: sam.id, username: 'ann' });
    await takeWriteAttempt('settings', sam.id);
    await changeUsername({ userId: sam.id, username: 'samuel' });
    const before = await rowsReferring(sam.id);
    expect(before['peeps.author_id']).toBe(1);
    expect(before['sessions.user_id']).toBe(2);
    expect(before['email_outbox.recipient_id']).toBeGreaterThan(0);
    expect(before['email_verifications.user_id']).toBe(1);
    expect(before['retired_handles.user_id']).toBe(1);
    expect(await findSessionUser({ sessionId: session })).not.toBeNull();
    const db = await getDb();
    const [{ last }] = rowsOf<{ last: number }>(await db.execute(sql`select coalesce(max(id), 0)::int as last from live_events`));

    expect(await deleteAccount({ userId: sam.id })).toBe(true);

    expect(Object.values(await rowsReferring(sam.id)).every((n) => n === 0)).toBe(true);
    expect(await findSessionUser({ sessionId: session })).toBeNull();
    expect(await findSessionUser({ sessionId: otherSession })).toBeNull();
    const left = rowsOf<{ n: number }>(
      await db.execute(sql`select (select count(*) from users where id = ${sam.id})
          + (select count(*) from live_events where actor_id = ${sam.id} or subject_id = ${sam.id})
          + (select count(*) from rate_limits where key like ${`%user:${sam.id}`} or key like '%sam%')
          + (select count(*) from mentions m join peeps p on p.id = m.peep_id where m.user_id = ${sam.id})
          + (select count(*) from reposts where peep_id = ${samPeep.id}) as n`),
    );
    expect(Number(left[0].n)).toBe(0);
    // Ann's peep and account are untouched; her peep's @sam is plain text now.
    expect((await listPublicTimeline({})).items.map((i) => i.peep.body)).toEqual(['hello @sam']);
    expect(await mentionLinks()).toEqual({});
    // Open pages are told to drop the deleted peep.
    expect(rowsOf(await db.execute(sql`select 1 from live_events where kind = 'delete' and peep_id = ${samPeep.id} and id > ${last}`))).toHaveLength(1);
    expect(await deleteAccount({ userId: sam.id })).toBe(false);
  });

  it('holds the deleted handle, and the old ones, from everyone for 30 days, then frees them', async () => {
    const sam = await insertPerson('sam');
    await changeUsername({ userId: sam.id, username: 'samuel' });
    await deleteAccount({ userId: sam.id });
    expect(await findProfile({ username: 'samuel' })).toBeNull();
    expect(await findRenamedHandle({ handle: 'sam' })).toBeNull();
    expect(await signUp('Samuel')).toEqual(TAKEN);
    expect(await signUp('sam')).toEqual(TAKEN);
    const ann = await insertPerson('ann');
    expect(await changeUsername({ userId: ann.id, username: 'samuel' })).toEqual({ ok: false, reason: 'taken' });
    await travel(30);
    expect(await signUp('samuel')).toMatchObject({ ok: true });
    expect(await signUp('sam')).toMatchObject({ ok: true });
  });

  it('never lets a sign-up racing the deletion take the handle', async () => {
    for (let round = 0; round < 10; round++) {
      const leaver = await insertPerson(`leaver${round}`);
      const [deleted, signedUp] = await Promise.all([deleteAccount({ userId: leaver.id }), signUp(`leaver${round}`, 1)]);
      expect(deleted).toBe(true);
      expect(signedUp).toEqual(TAKEN);
    }
  });

  it('leaves no orphan rows and throws nothing the app does not expect when follows, reposts and peeps race it', async () => {
    for (let round = 0; round < 8; round++) {
      const leaver = await insertPerson(`leaver${round}`);
      const friend = await insertPerson(`friend${round}`);
      const leaverPeep = await insertPeep(leaver.id, 'going soon', new Date());
      const outcomes = await Promise.allSettled([
        followUser({ followerId: friend.id, username: `leaver${round}` }),
        createPeep({ authorId: friend.id, body: `bye @leaver${round}`, mentionHandles: [`leaver${round}`] }),
        deleteAccount({ userId: leaver.id }),
        followUser({ followerId: leaver.id, username: `friend${round}` }),
        createPeep({ authorId: leaver.id, body: 'one more', mentionHandles: [] }),
        repostPeep({ userId: friend.id, peepId: leaverPeep }),
        likePeep({ userId: friend.id, peepId: leaverPeep }),
      ]);
      for (const outcome of outcomes) {
        // The deleted person's own writes may find their row gone (the action answers "log in"); nothing else fails.
        if (outcome.status === 'rejected') expect(foreignKeyViolation(outcome.reason), String(outcome.reason)).toBe(true);
      }
      expect(outcomes[0]).toMatchObject({ status: 'fulfilled' });
      expect(outcomes[1]).toMatchObject({ status: 'fulfilled' });
      expect(outcomes[5]).toMatchObject({ status: 'fulfilled' });
      expect(outcomes[6]).toMatchObject({ status: 'fulfilled' });
      expect(Object.values(await rowsReferring(leaver.id)).every((n) => n === 0)).toBe(true);
      const db = await getDb();
      const orphans = rowsOf<{ n: number }>(
        await db.execute(sql`select (select count(*) from reposts where peep_id = ${leaverPeep}) + (select count(*) from peeps where author_id = ${leaver.id}) as n`),
      );
      expect(Number(orphans[0].n)).toBe(0);
    }
  });
});
