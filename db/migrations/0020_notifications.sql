-- Each table's trigger is named <table>_notify, so the seed can leave bulk history out as it does <table>_live.
-- Notifications are written by triggers in the writing transaction, so every writer (the release before this one too)
-- notifies, and an undone deed takes its notification with it. A deed notified twice at once (two tabs) meets the
-- unique key and does nothing: notifying never fails the action. Nobody is notified of their own deeds.
CREATE FUNCTION "chitter_notify"(recipient bigint, what text, actor bigint, peep bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF recipient IS NULL OR recipient = actor THEN
    RETURN;
  END IF;
  INSERT INTO notifications (recipient_id, kind, actor_id, peep_id) VALUES (recipient, what, actor, peep)
    ON CONFLICT ON CONSTRAINT notifications_once_key DO NOTHING;
END $$;
--> statement-breakpoint
-- A mention, unless the peep is a reply to that same person: the reply's notification (written with the peep, before
-- its mentions) already tells them. Set-based, once per statement, as are likes, reposts and follows below: a bulk
-- write costs one statement, not one per row.
CREATE FUNCTION "chitter_notify_mentions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notifications (recipient_id, kind, actor_id, peep_id)
    SELECT m.user_id, 'mention', p.author_id, m.peep_id FROM new_rows m JOIN peeps p ON p.id = m.peep_id
    WHERE p.author_id <> m.user_id AND p.reply_to_user_id IS DISTINCT FROM m.user_id
    ON CONFLICT ON CONSTRAINT notifications_once_key DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "mentions_notify" AFTER INSERT ON "mentions" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "chitter_notify_mentions"();
--> statement-breakpoint
CREATE FUNCTION "chitter_notify_reply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM chitter_notify(NEW.reply_to_user_id, 'reply', NEW.author_id, NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "peeps_notify" AFTER INSERT ON "peeps" FOR EACH ROW WHEN (NEW.reply_to_user_id IS NOT NULL) EXECUTE FUNCTION "chitter_notify_reply"();
--> statement-breakpoint
-- Likes and reposts notify the peep's author; follows the person followed.
CREATE FUNCTION "chitter_notify_deeds"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'follows' THEN
    INSERT INTO notifications (recipient_id, kind, actor_id, peep_id)
      SELECT f.followee_id, 'follow', f.follower_id, NULL FROM new_rows f
      ON CONFLICT ON CONSTRAINT notifications_once_key DO NOTHING;
  ELSE
    INSERT INTO notifications (recipient_id, kind, actor_id, peep_id)
      SELECT p.author_id, CASE TG_TABLE_NAME WHEN 'likes' THEN 'like' ELSE 'repost' END, d.user_id, d.peep_id
      FROM new_rows d JOIN peeps p ON p.id = d.peep_id WHERE p.author_id <> d.user_id
      ON CONFLICT ON CONSTRAINT notifications_once_key DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Undoing one deletes its notification, through the unique key's index or the peep's; a deleted peep or person takes
-- theirs by foreign key.
CREATE FUNCTION "chitter_unnotify_deeds"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'follows' THEN
    DELETE FROM notifications n USING old_rows f
      WHERE n.recipient_id = f.followee_id AND n.kind = 'follow' AND n.actor_id = f.follower_id AND n.peep_id IS NULL;
  ELSE
    DELETE FROM notifications n USING old_rows d
      WHERE n.peep_id = d.peep_id AND n.kind = CASE TG_TABLE_NAME WHEN 'likes' THEN 'like' ELSE 'repost' END AND n.actor_id = d.user_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "likes_notify" AFTER INSERT ON "likes" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "chitter_notify_deeds"();
--> statement-breakpoint
CREATE TRIGGER "likes_unnotify" AFTER DELETE ON "likes" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "chitter_unnotify_deeds"();
--> statement-breakpoint
CREATE TRIGGER "reposts_notify" AFTER INSERT ON "reposts" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "chitter_notify_deeds"();
--> statement-breakpoint
CREATE TRIGGER "reposts_unnotify" AFTER DELETE ON "reposts" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "chitter_unnotify_deeds"();
--> statement-breakpoint
CREATE TRIGGER "follows_notify" AFTER INSERT ON "follows" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "chitter_notify_deeds"();
--> statement-breakpoint
CREATE TRIGGER "follows_unnotify" AFTER DELETE ON "follows" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "chitter_unnotify_deeds"();
--> statement-breakpoint
-- The recipient's open pages hear of a new notification, or of having read them (no actor), and read their unread
-- count again. A new one does not take a page version: the deed that made it (a peep, a like, a repost, a follow)
-- already took one for the pages it changes. Reading them does, so the reader's next page, on any instance, shows
-- the count cleared.
CREATE FUNCTION "chitter_notifications_live"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event live_events;
BEGIN
  FOR event IN INSERT INTO live_events (kind, peep_id, actor_id, subject_id)
      SELECT 'notification', n.peep_id, n.actor_id, n.recipient_id FROM new_rows n ORDER BY n.id RETURNING * LOOP
    PERFORM pg_notify('chitter_live', json_build_object('id', event.id, 'kind', event.kind, 'peepId', event.peep_id, 'actorId', event.actor_id,
      'subjectId', event.subject_id, 'at', floor(extract(epoch from event.created_at) * 1000))::text);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "notifications_live" AFTER INSERT ON "notifications" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "chitter_notifications_live"();
--> statement-breakpoint
CREATE FUNCTION "chitter_notifications_seen"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event live_events;
BEGIN
  INSERT INTO live_events (kind, subject_id) VALUES ('notification', NEW.id) RETURNING * INTO event;
  PERFORM nextval('public_stream_version');
  PERFORM pg_notify('chitter_live', json_build_object('id', event.id, 'kind', event.kind, 'peepId', event.peep_id, 'actorId', event.actor_id,
    'subjectId', event.subject_id, 'at', floor(extract(epoch from event.created_at) * 1000))::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "users_notifications_seen_live" AFTER UPDATE OF "notifications_seen_id" ON "users" FOR EACH ROW
  WHEN (NEW.notifications_seen_id > OLD.notifications_seen_id) EXECUTE FUNCTION "chitter_notifications_seen"();
