-- Drizzle applies 0018 to 0022 in one transaction, and 0022 alters "sessions". A running instance's logged-in request
-- reads "sessions" and then "users", which this migration alters first: had it waited for "sessions" at the end, every
-- try would find requests holding "sessions" while they wait for "users", and give way (db/migrate.ts) until it gave
-- up. Taking "sessions" first, requests wait for the migration holding nothing it needs.
LOCK TABLE "sessions" IN ACCESS EXCLUSIVE MODE;--> statement-breakpoint
CREATE TABLE "likes" (
	"peep_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "likes_peep_id_user_id_pk" PRIMARY KEY("peep_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"recipient_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"actor_id" bigint NOT NULL,
	"peep_id" bigint,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_once_key" UNIQUE NULLS NOT DISTINCT("recipient_id","kind","actor_id","peep_id"),
	CONSTRAINT "notifications_kind" CHECK ("notifications"."kind" in ('mention', 'reply', 'repost', 'like', 'follow')),
	CONSTRAINT "notifications_not_self" CHECK ("notifications"."recipient_id" <> "notifications"."actor_id")
);
--> statement-breakpoint
CREATE TABLE "peep_tags" (
	"peep_id" bigint NOT NULL,
	"tag" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "peep_tags_peep_id_tag_pk" PRIMARY KEY("peep_id","tag"),
	CONSTRAINT "peep_tags_tag_length" CHECK (char_length("peep_tags"."tag") between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "email_outbox" DROP CONSTRAINT "email_outbox_kind";--> statement-breakpoint
ALTER TABLE "live_events" DROP CONSTRAINT "live_events_kind_check";--> statement-breakpoint
ALTER TABLE "peeps" ADD COLUMN "reply_to_id" bigint;--> statement-breakpoint
ALTER TABLE "peeps" ADD COLUMN "reply_to_user_id" bigint;--> statement-breakpoint
ALTER TABLE "peeps" ADD COLUMN "is_reply" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "peeps" ADD COLUMN "reply_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "peeps" ADD COLUMN "like_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "reply_emails" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notifications_seen_id" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "likes" ADD CONSTRAINT "likes_peep_id_peeps_id_fk" FOREIGN KEY ("peep_id") REFERENCES "public"."peeps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "likes" ADD CONSTRAINT "likes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_peep_id_peeps_id_fk" FOREIGN KEY ("peep_id") REFERENCES "public"."peeps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peep_tags" ADD CONSTRAINT "peep_tags_peep_id_peeps_id_fk" FOREIGN KEY ("peep_id") REFERENCES "public"."peeps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "likes_peep_created_idx" ON "likes" USING btree ("peep_id","created_at" DESC NULLS FIRST,"user_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "likes_user_created_idx" ON "likes" USING btree ("user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "notifications_recipient_id_idx" ON "notifications" USING btree ("recipient_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "notifications_actor_id_idx" ON "notifications" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "notifications_peep_id_idx" ON "notifications" USING btree ("peep_id");--> statement-breakpoint
CREATE INDEX "peep_tags_tag_created_idx" ON "peep_tags" USING btree ("tag","created_at" DESC NULLS FIRST,"peep_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "peep_tags_created_idx" ON "peep_tags" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "peeps" ADD CONSTRAINT "peeps_reply_to_id_peeps_id_fk" FOREIGN KEY ("reply_to_id") REFERENCES "public"."peeps"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peeps" ADD CONSTRAINT "peeps_reply_to_user_id_users_id_fk" FOREIGN KEY ("reply_to_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "peeps_reply_to_created_idx" ON "peeps" USING btree ("reply_to_id","created_at","id") WHERE "peeps"."reply_to_id" is not null;--> statement-breakpoint
CREATE INDEX "peeps_reply_to_user_id_idx" ON "peeps" USING btree ("reply_to_user_id") WHERE "peeps"."reply_to_user_id" is not null;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_kind" CHECK ("email_outbox"."kind" in ('mention', 'reply', 'mention_digest', 'verify_email', 'address_in_use', 'password_reset', 'password_changed', 'verify_new_email', 'email_changed'));--> statement-breakpoint
ALTER TABLE "live_events" ADD CONSTRAINT "live_events_kind_check" CHECK ("live_events"."kind" in ('peep', 'delete', 'repost', 'unrepost', 'follow', 'unfollow', 'like', 'unlike', 'notification'));--> statement-breakpoint
ALTER TABLE "peeps" ADD CONSTRAINT "peeps_reply_fields" CHECK ("peeps"."is_reply" or ("peeps"."reply_to_id" is null and "peeps"."reply_to_user_id" is null));--> statement-breakpoint
ALTER TABLE "peeps" ADD CONSTRAINT "peeps_counts" CHECK ("peeps"."reply_count" >= 0 and "peeps"."like_count" >= 0);--> statement-breakpoint
-- peeps.like_count and reply_count follow their rows in the writing transaction. Updating a peep that the same
-- statement deletes (a person leaving takes their peeps and the likes on them together) finds no row: nothing to keep.
CREATE FUNCTION "peeps_like_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE peeps SET like_count = like_count + 1 WHERE id = NEW.peep_id;
  ELSE
    UPDATE peeps SET like_count = like_count - 1 WHERE id = OLD.peep_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "likes_count" AFTER INSERT OR DELETE ON "likes" FOR EACH ROW EXECUTE FUNCTION "peeps_like_count"();
--> statement-breakpoint
CREATE FUNCTION "peeps_reply_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE peeps SET reply_count = reply_count + 1 WHERE id = NEW.reply_to_id;
  ELSE
    UPDATE peeps SET reply_count = reply_count - 1 WHERE id = OLD.reply_to_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "peeps_reply_added" AFTER INSERT ON "peeps" FOR EACH ROW WHEN (NEW.reply_to_id IS NOT NULL) EXECUTE FUNCTION "peeps_reply_count"();
--> statement-breakpoint
CREATE TRIGGER "peeps_reply_removed" AFTER DELETE ON "peeps" FOR EACH ROW WHEN (OLD.reply_to_id IS NOT NULL) EXECUTE FUNCTION "peeps_reply_count"();
