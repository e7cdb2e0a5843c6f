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
-- its mentions) already tells them.
CREATE FUNCTION "chitter_notify_mention"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  peep peeps;
BEGIN
  SELECT * INTO peep FROM peeps WHERE id = NEW.peep_id;
  IF peep.reply_to_user_id IS DISTINCT FROM NEW.user_id THEN
    PERFORM chitter_notify(NEW.user_id, 'mention', peep.author_id, NEW.peep_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "mentions_notify" AFTER INSERT ON "mentions" FOR EACH ROW EXECUTE FUNCTION "chitter_notify_mention"();
--> statement-breakpoint
CREATE FUNCTION "chitter_notify_reply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM chitter_notify(NEW.reply_to_user_id, 'reply', NEW.author_id, NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "peeps_notify" AFTER INSERT ON "peeps" FOR EACH ROW WHEN (NEW.reply_to_user_id IS NOT NULL) EXECUTE FUNCTION "chitter_notify_reply"();
--> statement-breakpoint
-- Likes and reposts notify the peep's author; follows the person followed. Deleting the row deletes its notification
-- (through the unique key's or the peep's index); a deleted peep or person takes theirs by foreign key.
CREATE FUNCTION "chitter_notify_deed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  what text := CASE TG_TABLE_NAME WHEN 'likes' THEN 'like' WHEN 'reposts' THEN 'repost' ELSE 'follow' END;
BEGIN
  IF TG_TABLE_NAME = 'follows' THEN
    IF TG_OP = 'INSERT' THEN
      PERFORM chitter_notify(NEW.followee_id, what, NEW.follower_id, NULL);
    ELSE
      DELETE FROM notifications WHERE recipient_id = OLD.followee_id AND kind = what AND actor_id = OLD.follower_id AND peep_id IS NULL;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM chitter_notify((SELECT author_id FROM peeps WHERE id = NEW.peep_id), what, NEW.user_id, NEW.peep_id);
  ELSE
    DELETE FROM notifications WHERE peep_id = OLD.peep_id AND kind = what AND actor_id = OLD.user_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "likes_notify" AFTER INSERT OR DELETE ON "likes" FOR EACH ROW EXECUTE FUNCTION "chitter_notify_deed"();
--> statement-breakpoint
CREATE TRIGGER "reposts_notify" AFTER INSERT OR DELETE ON "reposts" FOR EACH ROW EXECUTE FUNCTION "chitter_notify_deed"();
--> statement-breakpoint
CREATE TRIGGER "follows_notify" AFTER INSERT OR DELETE ON "follows" FOR EACH ROW EXECUTE FUNCTION "chitter_notify_deed"();
--> statement-breakpoint
-- The recipient's open pages hear of a new notification, or of having read them (no actor), and read their unread
-- count again. A new one does not take a page version: the deed that made it (a peep, a like, a repost, a follow)
-- already took one for the pages it changes. Reading them does, so the reader's next page, on any instance, shows
-- the count cleared.
CREATE FUNCTION "chitter_notification_event"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event live_events;
BEGIN
  IF TG_TABLE_NAME = 'notifications' THEN
    INSERT INTO live_events (kind, peep_id, actor_id, subject_id) VALUES ('notification', NEW.peep_id, NEW.actor_id, NEW.recipient_id)
      RETURNING * INTO event;
  ELSE
    INSERT INTO live_events (kind, subject_id) VALUES ('notification', NEW.id) RETURNING * INTO event;
    PERFORM nextval('public_stream_version');
  END IF;
  PERFORM pg_notify('chitter_live', json_build_object('id', event.id, 'kind', event.kind, 'peepId', event.peep_id, 'actorId', event.actor_id,
    'subjectId', event.subject_id, 'at', floor(extract(epoch from event.created_at) * 1000))::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "notifications_live" AFTER INSERT ON "notifications" FOR EACH ROW EXECUTE FUNCTION "chitter_notification_event"();
--> statement-breakpoint
CREATE TRIGGER "users_notifications_seen_live" AFTER UPDATE OF "notifications_seen_id" ON "users" FOR EACH ROW
  WHEN (NEW.notifications_seen_id > OLD.notifications_seen_id) EXECUTE FUNCTION "chitter_notification_event"();
