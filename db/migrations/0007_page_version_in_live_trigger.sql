-- Peeps, reposts and follows bump the pages' version in the writing transaction, as they record their live event:
-- the action no longer makes a round trip of its own after the write. A reader who sees the new version before the
-- commit renders what it can see; the commit's NOTIFY then empties every instance's cache, so that copy is not kept.
CREATE OR REPLACE FUNCTION "chitter_live_event"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  PERFORM nextval('public_stream_version');
  PERFORM pg_notify('chitter_live', json_build_object('id', event.id, 'kind', event.kind, 'peepId', event.peep_id, 'actorId', event.actor_id,
    'subjectId', event.subject_id, 'at', floor(extract(epoch from event.created_at) * 1000))::text);
  RETURN NULL;
END
$$;
