CREATE TABLE "blob_senders" (
	"sha256" text NOT NULL,
	"user_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "blob_senders_sha256_user_id_pk" PRIMARY KEY("sha256","user_id")
);
--> statement-breakpoint
CREATE TABLE "blob_uploads" (
	"sha256" text NOT NULL,
	"user_id" uuid NOT NULL,
	"size" bigint NOT NULL,
	"received" bigint NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"touched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "blob_uploads_sha256_user_id_pk" PRIMARY KEY("sha256","user_id")
);
--> statement-breakpoint
CREATE TABLE "upload_chunks" (
	"sha256" text NOT NULL,
	"user_id" uuid NOT NULL,
	"offset" bigint NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "upload_chunks_sha256_user_id_offset_pk" PRIMARY KEY("sha256","user_id","offset")
);
--> statement-breakpoint
ALTER TABLE "blobs" ADD COLUMN "signed_over" jsonb;--> statement-breakpoint
ALTER TABLE "blob_senders" ADD CONSTRAINT "blob_senders_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload_chunks" ADD CONSTRAINT "upload_chunks_sha256_user_id_blob_uploads_sha256_user_id_fk" FOREIGN KEY ("sha256","user_id") REFERENCES "public"."blob_uploads"("sha256","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blob_senders_user_sent" ON "blob_senders" USING btree ("user_id","sent_at");--> statement-breakpoint
CREATE INDEX "blob_uploads_touched" ON "blob_uploads" USING btree ("touched_at");--> statement-breakpoint
-- Who sent each whole file so far: its one uploader. Uploads left unfinished are dropped (their
-- workstations send them again from the start, each person's upload now being their own).
INSERT INTO "blob_senders" ("sha256", "user_id", "sent_at") SELECT "sha256", "uploaded_by", "created_at"::timestamptz FROM "blobs" WHERE "complete";--> statement-breakpoint
DELETE FROM "blob_chunks" WHERE "sha256" IN (SELECT "sha256" FROM "blobs" WHERE NOT "complete");--> statement-breakpoint
DELETE FROM "blobs" WHERE NOT "complete";--> statement-breakpoint
ALTER TABLE "blobs" DROP COLUMN "received";--> statement-breakpoint
ALTER TABLE "blobs" DROP COLUMN "complete";