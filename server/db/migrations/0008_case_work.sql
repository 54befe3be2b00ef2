CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"title" text NOT NULL,
	"added_at" text NOT NULL,
	"added_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"asked_by" uuid NOT NULL,
	"asked_of" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_at" text NOT NULL,
	"due_on" text,
	"answered_at" text
);
--> statement-breakpoint
ALTER TABLE "case_parties" ADD COLUMN "removed_at" text;--> statement-breakpoint
ALTER TABLE "case_parties" ADD COLUMN "removed_by" uuid;--> statement-breakpoint
ALTER TABLE "case_parties" ADD COLUMN "removal_reason" text;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_requests" ADD CONSTRAINT "opinion_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_documents_case" ON "case_documents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_documents_sha256" ON "case_documents" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "opinion_requests_case" ON "opinion_requests" USING btree ("case_id");--> statement-breakpoint
-- The akta keep what was put in them; a party taken off a case keeps its row with the mark.
CREATE TRIGGER "case_documents_no_delete" BEFORE UPDATE OR DELETE ON "case_documents" FOR EACH ROW EXECUTE FUNCTION "records_refuse_delete"();--> statement-breakpoint
CREATE TRIGGER "case_parties_no_delete" BEFORE DELETE ON "case_parties" FOR EACH ROW EXECUTE FUNCTION "records_refuse_delete"();--> statement-breakpoint
CREATE TRIGGER "opinion_requests_no_delete" BEFORE DELETE ON "opinion_requests" FOR EACH ROW EXECUTE FUNCTION "records_refuse_delete"();
