-- A block ends the follows between the two people. It first locks one of their rows, the lower id's, FOR UPDATE. A
-- follow between them holds a key-share lock on both rows (its foreign keys) until it commits, so the block waits for
-- it and then deletes it; a follow inserted after waits for the block and then sees it (below). Only one row is locked
-- so no order of locking can deadlock with a follow or a peep's mentions, which lock the same rows in their own order.
CREATE FUNCTION "chitter_block_ends_follows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM users WHERE id = LEAST(NEW.blocker_id, NEW.blocked_id) FOR UPDATE;
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
--> statement-breakpoint
-- Blocks written before these triggers existed (by this release on 0011's schema) end their follows now.
DELETE FROM follows f USING blocks b
  WHERE (f.follower_id = b.blocker_id AND f.followee_id = b.blocked_id)
     OR (f.follower_id = b.blocked_id AND f.followee_id = b.blocker_id);
