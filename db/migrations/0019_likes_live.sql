-- Open pages of a peep hear its likes, as they hear its reposts: the event row and the NOTIFY are part of the like's
-- transaction. Unlike chitter_live_event this leaves public_stream_version alone: a like changes one number on the
-- pages that show the peep, not what they list, and is far more frequent than a peep, so it does not make every
-- instance's kept pages stale (each instance's cache is told by the NOTIFY whose pages to drop: the liker's).
-- The likes a deleted peep takes with it announce nothing: its own 'delete' event tells every page.
CREATE FUNCTION "chitter_like_live_event"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event live_events;
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM peeps WHERE id = OLD.peep_id) THEN
    RETURN NULL;
  END IF;
  INSERT INTO live_events (kind, peep_id, actor_id)
    VALUES (CASE TG_OP WHEN 'INSERT' THEN 'like' ELSE 'unlike' END, COALESCE(NEW.peep_id, OLD.peep_id), COALESCE(NEW.user_id, OLD.user_id))
    RETURNING * INTO event;
  PERFORM pg_notify('chitter_live', json_build_object('id', event.id, 'kind', event.kind, 'peepId', event.peep_id, 'actorId', event.actor_id,
    'subjectId', event.subject_id, 'at', floor(extract(epoch from event.created_at) * 1000))::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "likes_live" AFTER INSERT OR DELETE ON "likes" FOR EACH ROW EXECUTE FUNCTION "chitter_like_live_event"();
