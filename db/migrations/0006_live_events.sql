CREATE TABLE "live_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "live_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"peep_id" bigint,
	"actor_id" bigint,
	"subject_id" bigint,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_events_kind_check" CHECK ("live_events"."kind" in ('peep', 'delete', 'repost', 'unrepost', 'follow', 'unfollow'))
);
--> statement-breakpoint
CREATE INDEX "live_events_created_idx" ON "live_events" USING btree ("created_at");--> statement-breakpoint
-- One function for every change open pages learn of: the event row and the NOTIFY are part of the writing
-- transaction, so an event is delivered (at commit) exactly when its change is visible, and never for a rollback.
CREATE FUNCTION "chitter_live_event"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event live_events;
BEGIN
  IF TG_TABLE_NAME = 'peeps' THEN
    INSERT INTO live_events (kind, peep_id, actor_id)
      VALUES (CASE TG_OP WHEN 'INSERT' THEN 'peep' ELSE 'delete' END, COALESCE(NEW.id, OLD.id), COALESCE(NEW.author_id, OLD.author_id))
      RETURNING * INTO event;
  ELSIF TG_TABLE_NAME = 'reposts' THEN
    INSERT INTO live_events (kind, peep_id, actor_id)
      VALUES (CASE TG_OP WHEN 'INSERT' THEN 'repost' ELSE 'unrepost' END, COALESCE(NEW.peep_id, OLD.peep_id), COALESCE(NEW.user_id, OLD.user_id))
      RETURNING * INTO event;
  ELSE
    INSERT INTO live_events (kind, actor_id, subject_id)
      VALUES (CASE TG_OP WHEN 'INSERT' THEN 'follow' ELSE 'unfollow' END, COALESCE(NEW.follower_id, OLD.follower_id), COALESCE(NEW.followee_id, OLD.followee_id))
      RETURNING * INTO event;
  END IF;
  PERFORM pg_notify('chitter_live', json_build_object('id', event.id, 'kind', event.kind, 'peepId', event.peep_id, 'actorId', event.actor_id,
    'subjectId', event.subject_id, 'at', floor(extract(epoch from event.created_at) * 1000))::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "peeps_live" AFTER INSERT OR DELETE ON "peeps" FOR EACH ROW EXECUTE FUNCTION "chitter_live_event"();
--> statement-breakpoint
CREATE TRIGGER "reposts_live" AFTER INSERT OR DELETE ON "reposts" FOR EACH ROW EXECUTE FUNCTION "chitter_live_event"();
--> statement-breakpoint
CREATE TRIGGER "follows_live" AFTER INSERT OR DELETE ON "follows" FOR EACH ROW EXECUTE FUNCTION "chitter_live_event"();
