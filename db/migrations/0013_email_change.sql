ALTER TABLE "email_outbox" DROP CONSTRAINT "email_outbox_kind";--> statement-breakpoint
ALTER TABLE "email_verifications" ADD COLUMN "purpose" text DEFAULT 'verify' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "email_verifications_pending_change_key" ON "email_verifications" USING btree ("user_id") WHERE "email_verifications"."purpose" = 'change' and "email_verifications"."used_at" is null;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_kind" CHECK ("email_outbox"."kind" in ('mention', 'mention_digest', 'verify_email', 'address_in_use', 'verify_new_email', 'email_changed'));--> statement-breakpoint
ALTER TABLE "email_verifications" ADD CONSTRAINT "email_verifications_purpose" CHECK ("email_verifications"."purpose" in ('verify', 'change', 'undo'));