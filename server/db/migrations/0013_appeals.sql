ALTER TABLE "correspondence" ADD COLUMN "postmarked_on" text;--> statement-breakpoint
ALTER TABLE "correspondence" ADD COLUMN "postmark_operator" text;--> statement-breakpoint
ALTER TABLE "correspondence" ADD COLUMN "appeal_decision_id" uuid;--> statement-breakpoint
ALTER TABLE "correspondence" ADD COLUMN "appeal_kind" text;--> statement-breakpoint
ALTER TABLE "correspondence" ADD COLUMN "appeal_party_id" uuid;--> statement-breakpoint
ALTER TABLE "correspondence" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "correspondence" ADD COLUMN "return_receipt" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "correspondence_appeal" ON "correspondence" USING btree ("appeal_decision_id");--> statement-breakpoint
CREATE INDEX "correspondence_external" ON "correspondence" USING btree ("external_id");