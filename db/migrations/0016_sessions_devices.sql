ALTER TABLE "sessions" ADD COLUMN "user_agent" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "last_active_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_agent_length" CHECK (char_length("sessions"."user_agent") <= 512);--> statement-breakpoint
-- Sessions from before this column: their log-in is the last activity known for certain; the next request writes a truer one.
UPDATE "sessions" SET "last_active_at" = "created_at";