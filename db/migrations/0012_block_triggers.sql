-- A block ends the follows between the two people. It first locks both people's rows, in id order so two blocks of
-- one pair cannot deadlock: a follow being inserted holds a key-share lock on them (its foreign keys), so the block
-- waits for it to commit and then deletes it, and a follow inserted after waits for the block and sees it.
CREATE FUNCTION "chitter_block_ends_follows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM users WHERE id IN (NEW.blocker_id, NEW.blocked_id) ORDER BY id FOR UPDATE;
  DELETE FROM follows
    WHERE (follower_id = NEW.blocker_id AND followee_id = NEW.blocked_id)
       OR (follower_id = NEW.blocked_id AND followee_id = NEW.blocker_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "blocks_end_follows" BEFORE INSERT ON "blocks" FOR EACH ROW EXECUTE FUNCTION "chitter_block_ends_follows"();
--> statement-breakpoint
-- Nobody follows someone they block or who blocks them. Checked once per statement, after the foreign keys have
-- locked the people's rows, so a block committed meanwhile is seen.
CREATE FUNCTION "chitter_follow_not_blocked"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_follows f JOIN blocks b
      ON (b.blocker_id = f.follower_id AND b.blocked_id = f.followee_id)
      OR (b.blocker_id = f.followee_id AND b.blocked_id = f.follower_id)) THEN
    RAISE EXCEPTION 'a follow between people when one blocks the other'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'follows_not_blocked', TABLE = 'follows';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "follows_not_blocked" AFTER INSERT ON "follows" REFERENCING NEW TABLE AS "new_follows" FOR EACH STATEMENT EXECUTE FUNCTION "chitter_follow_not_blocked"();
