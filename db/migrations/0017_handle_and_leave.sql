CREATE TABLE "retired_handles" (
	"handle" text PRIMARY KEY NOT NULL,
	"user_id" bigint,
	"until" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retired_handles_handle_lower" CHECK ("retired_handles"."handle" = lower("retired_handles"."handle") and "retired_handles"."handle" ~ '^[a-z0-9_]{1,30}$')
);
--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "handle" text;--> statement-breakpoint
-- Every mention so far was written before anyone could rename, so each person's handle now is the one written.
UPDATE "mentions" m SET "handle" = lower(u."username") FROM "users" u WHERE u."id" = m."user_id";--> statement-breakpoint
ALTER TABLE "mentions" ALTER COLUMN "handle" SET NOT NULL;--> statement-breakpoint
-- A peep mentions a person by their handle at the time; filled here so every writer (the release before this one
-- too, which does not know the column) records it.
CREATE FUNCTION "chitter_mention_handle"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.handle IS NULL THEN
    SELECT lower(username) INTO NEW.handle FROM users WHERE id = NEW.user_id;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "mentions_handle" BEFORE INSERT ON "mentions" FOR EACH ROW EXECUTE FUNCTION "chitter_mention_handle"();--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "username_changed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "retired_handles" ADD CONSTRAINT "retired_handles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retired_handles_user_id_idx" ON "retired_handles" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "retired_handles_until_idx" ON "retired_handles" USING btree ("until");--> statement-breakpoint
-- A handle given up stays reserved for 30 days: nobody but its last holder may take it. Checked after the row's
-- unique index entry is written: a sign-up racing the change (or deletion) that gives the handle up waits there for
-- that transaction, since its old row still holds the handle, and then sees the retired row. No lock of its own is
-- needed, so nothing new can deadlock. The error is the unique index's, as a taken handle's is.
CREATE FUNCTION "chitter_handle_not_retired"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND lower(NEW.username) = lower(OLD.username) THEN
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM retired_handles r WHERE r.handle = lower(NEW.username) AND r.until > now()
      AND r.user_id IS DISTINCT FROM NEW.id) THEN
    RAISE EXCEPTION 'the handle % was given up less than 30 days ago', NEW.username
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'users_username_lower_key', TABLE = 'users';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "users_handle_not_retired" AFTER INSERT OR UPDATE OF "username" ON "users" FOR EACH ROW EXECUTE FUNCTION "chitter_handle_not_retired"();
