CREATE TABLE "server_identity" (
	"id" smallint PRIMARY KEY NOT NULL,
	"epoch" uuid NOT NULL,
	"restored_from" timestamp with time zone,
	"restored_at" timestamp with time zone,
	CONSTRAINT "server_identity_one_row" CHECK ("server_identity"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "server_identity" ("id", "epoch") VALUES (1, gen_random_uuid()) ON CONFLICT ("id") DO NOTHING;
