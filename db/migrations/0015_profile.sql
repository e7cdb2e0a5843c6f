CREATE SEQUENCE "public"."avatar_versions" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "avatars" (
	"user_id" bigint NOT NULL,
	"version" bigint NOT NULL,
	"size" smallint NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "avatars_version_size_pk" PRIMARY KEY("version","size"),
	CONSTRAINT "avatars_size" CHECK ("avatars"."size" in (48, 96, 400)),
	CONSTRAINT "avatars_bytes_length" CHECK (octet_length("avatars"."bytes") between 1 and 262144)
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "bio" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "avatar_version" bigint;--> statement-breakpoint
-- The foreign key needs the unique index it points at to exist first.
CREATE UNIQUE INDEX "users_id_avatar_version_key" ON "users" USING btree ("id","avatar_version");--> statement-breakpoint
ALTER TABLE "avatars" ADD CONSTRAINT "avatars_user_version_fk" FOREIGN KEY ("user_id","version") REFERENCES "public"."users"("id","avatar_version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "avatars_user_version_idx" ON "avatars" USING btree ("user_id","version");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_bio_length" CHECK (char_length("users"."bio") <= 2000);