DROP INDEX "users_username_lower_pattern_idx";--> statement-breakpoint
DROP INDEX "users_name_lower_pattern_idx";--> statement-breakpoint
CREATE INDEX "users_username_prefix_idx" ON "users" USING btree (lower("username") collate "C");--> statement-breakpoint
CREATE INDEX "users_name_prefix_idx" ON "users" USING btree (lower("name") collate "C");