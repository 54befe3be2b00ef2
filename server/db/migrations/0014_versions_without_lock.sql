CREATE TABLE "audit_queue" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_queue_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"position" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"summary" text NOT NULL,
	"data" jsonb NOT NULL,
	"version" bigint
);
--> statement-breakpoint
ALTER TABLE "server_identity" ADD COLUMN "version_base" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "server_identity" ADD COLUMN "transaction_seen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Versions are now the writing transaction's id on this base (server/db/tx.ts): starting the base
-- at the last version the one-row counter gave keeps every later version above every earlier one.
UPDATE "server_identity" SET "version_base" = coalesce((SELECT "v" FROM "server_version" WHERE "id" = 1), 0), "transaction_seen" = pg_current_xact_id()::text::bigint;--> statement-breakpoint
DROP TABLE "server_version" CASCADE;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_queue_position" ON "audit_queue" USING btree ("position","id");