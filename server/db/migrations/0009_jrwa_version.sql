ALTER TABLE "jrwa_classes" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "jrwa_classes_version" ON "jrwa_classes" USING btree ("version");