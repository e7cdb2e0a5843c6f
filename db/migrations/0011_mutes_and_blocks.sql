CREATE TABLE "blocks" (
	"blocker_id" bigint NOT NULL,
	"blocked_id" bigint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blocks_blocker_id_blocked_id_pk" PRIMARY KEY("blocker_id","blocked_id"),
	CONSTRAINT "blocks_not_self" CHECK ("blocks"."blocker_id" <> "blocks"."blocked_id")
);
--> statement-breakpoint
CREATE TABLE "mutes" (
	"muter_id" bigint NOT NULL,
	"muted_id" bigint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mutes_muter_id_muted_id_pk" PRIMARY KEY("muter_id","muted_id"),
	CONSTRAINT "mutes_not_self" CHECK ("mutes"."muter_id" <> "mutes"."muted_id")
);
--> statement-breakpoint
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_blocker_id_users_id_fk" FOREIGN KEY ("blocker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_blocked_id_users_id_fk" FOREIGN KEY ("blocked_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutes" ADD CONSTRAINT "mutes_muter_id_users_id_fk" FOREIGN KEY ("muter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutes" ADD CONSTRAINT "mutes_muted_id_users_id_fk" FOREIGN KEY ("muted_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blocks_blocked_id_idx" ON "blocks" USING btree ("blocked_id");--> statement-breakpoint
CREATE INDEX "mutes_muted_id_idx" ON "mutes" USING btree ("muted_id");--> statement-breakpoint
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
