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
  WITH snap AS (SELECT pg_current_snapshot() AS s)
  SELECT CASE
    -- Nothing running: everything below xmax has ended (no need to read the lock table).
    WHEN NOT EXISTS (SELECT 1 FROM pg_snapshot_xip(snap.s)) THEN pg_snapshot_xmax(snap.s)::text::bigint - 1
    ELSE coalesce((
      SELECT min(x::text::bigint) FROM pg_snapshot_xip(snap.s) AS x
      WHERE (x::text::bigint % 4294967296) NOT IN (
        SELECT t.transactionid::text::bigint FROM pg_locks t
        WHERE t.locktype = 'transactionid' AND t.granted
          AND t.pid NOT IN (SELECT l.pid FROM pg_locks l WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
      )
    ), pg_snapshot_xmax(snap.s)::text::bigint) - 1
  END FROM snap
$$;
