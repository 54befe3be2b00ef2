CREATE TABLE "decision_reviews" (
	"decision_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"remarks" text,
	"at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_versions" (
	"decision_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" text NOT NULL,
	"created_at" text NOT NULL,
	"created_by" uuid NOT NULL,
	CONSTRAINT "decision_versions_decision_id_version_pk" PRIMARY KEY("decision_id","version")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"type_code" text NOT NULL,
	"status" text NOT NULL,
	"current_version" integer NOT NULL,
	"author_id" uuid NOT NULL,
	"approver_id" uuid,
	"approval_path" text,
	"approval_stage" integer,
	"template_version" integer,
	"year" integer,
	"seq" integer,
	"number" text,
	"signed_at" text,
	"signed_pdf_sha256" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"decision_id" uuid,
	"case_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"party_id" uuid,
	"addressee_name" text NOT NULL,
	"addressee_address" text NOT NULL,
	"subject" text NOT NULL,
	"document_sha256" text NOT NULL,
	"status" text NOT NULL,
	"channel" text,
	"correspondence_id" uuid,
	"collected_by" text,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"seq_in_decision" integer NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "correspondence" ADD COLUMN "postage_grosze" integer;--> statement-breakpoint
ALTER TABLE "correspondence" ADD COLUMN "mass_grams" integer;--> statement-breakpoint
ALTER TABLE "correspondence" ADD COLUMN "dispatched_on" text;--> statement-breakpoint
ALTER TABLE "decision_reviews" ADD CONSTRAINT "decision_reviews_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_versions" ADD CONSTRAINT "decision_versions_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_items" ADD CONSTRAINT "dispatch_items_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_items" ADD CONSTRAINT "dispatch_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_reviews_decision" ON "decision_reviews" USING btree ("decision_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_number" ON "decisions" USING btree ("year","seq");--> statement-breakpoint
CREATE INDEX "decisions_case" ON "decisions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "decisions_version" ON "decisions" USING btree ("version");--> statement-breakpoint
CREATE INDEX "dispatch_items_version" ON "dispatch_items" USING btree ("version");--> statement-breakpoint
CREATE INDEX "dispatch_items_unit" ON "dispatch_items" USING btree ("unit_id","status");