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
CREATE INDEX "audit_queue_position" ON "audit_queue" USING btree ("position","id");--> statement-breakpoint
-- The pull horizon (server/db/tx.ts): one below the oldest transaction still running in THIS
-- database, as seen in the caller's snapshot. Transaction ids are the cluster's, so the
-- snapshot lists the running transactions of every database on the server; one whose backend
-- holds no lock in this database (a backend serves one database, and ours take a lock on
-- server_identity before they get an id) cannot write here and does not hold the horizon back.
-- A transaction not found in pg_locks any more counts as ours: it was running when the
-- snapshot was taken, so its rows are not in it.
CREATE FUNCTION "kancelaria_horizon"() RETURNS bigint LANGUAGE sql STABLE AS $$
  WITH snap AS (SELECT pg_current_snapshot() AS s),
  here AS (SELECT DISTINCT pid FROM pg_locks WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database())),
  elsewhere AS (
    SELECT t.transactionid::text::bigint AS x FROM pg_locks t
    WHERE t.locktype = 'transactionid' AND t.granted AND t.pid NOT IN (SELECT pid FROM here)
  ),
  running AS (
    SELECT x::text::bigint AS x FROM snap, pg_snapshot_xip(snap.s) AS x
    WHERE (x::text::bigint % 4294967296) NOT IN (SELECT x FROM elsewhere)
  )
  SELECT coalesce((SELECT min(x) FROM running), (SELECT pg_snapshot_xmax(s)::text::bigint FROM snap)) - 1
$$;
