-- Hand-written (drizzle-kit does not manage extensions): pg_trgm gives the spelling index its operator class.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "peeps_body_search_idx" ON "peeps" USING gin (to_tsvector('simple', "body"));--> statement-breakpoint
CREATE INDEX "users_search_words_idx" ON "users" USING gin (to_tsvector('simple', "username" || ' ' || "name"));--> statement-breakpoint
CREATE INDEX "users_search_trgm_idx" ON "users" USING gin (("username" || ' ' || "name") gin_trgm_ops);