ALTER TABLE "sessions" ADD COLUMN "kind" text DEFAULT 'browser' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_kind" CHECK ("sessions"."kind" in ('browser', 'token'));--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_token_named" CHECK (("sessions"."kind" = 'token') = ("sessions"."name" is not null));--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_name_length" CHECK (char_length("sessions"."name") between 1 and 60);