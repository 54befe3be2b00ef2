CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"correspondence_id" uuid NOT NULL,
	"assigned_by" uuid NOT NULL,
	"on_behalf_of" uuid,
	"assignee_user_id" uuid,
	"assignee_unit_id" uuid,
	"instruction" text NOT NULL,
	"deadline" text,
	"note" text,
	"at" text NOT NULL,
	"state" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blob_chunks" (
	"sha256" text NOT NULL,
	"offset" bigint NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "blob_chunks_sha256_offset_pk" PRIMARY KEY("sha256","offset")
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"received" bigint NOT NULL,
	"complete" boolean NOT NULL,
	"page_count" integer DEFAULT 1 NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_items" (
	"case_id" uuid NOT NULL,
	"correspondence_id" uuid NOT NULL,
	"initiating" boolean NOT NULL,
	"linked_at" text NOT NULL,
	"linked_by" uuid NOT NULL,
	CONSTRAINT "case_items_case_id_correspondence_id_pk" PRIMARY KEY("case_id","correspondence_id")
);
--> statement-breakpoint
CREATE TABLE "case_parties" (
	"case_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"role" text NOT NULL,
	"added_at" text NOT NULL,
	CONSTRAINT "case_parties_case_id_party_id_pk" PRIMARY KEY("case_id","party_id")
);
--> statement-breakpoint
CREATE TABLE "case_suspensions" (
	"case_id" uuid NOT NULL,
	"from_on" text NOT NULL,
	"to_on" text,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_symbol" text NOT NULL,
	"jrwa_symbol" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"sign" text NOT NULL,
	"provisional_label" text,
	"title" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"status" text NOT NULL,
	"deadline_kind" text NOT NULL,
	"started_on" text NOT NULL,
	"due_on" text,
	"opened_at" text NOT NULL,
	"opened_by" uuid NOT NULL,
	"closed_on" text,
	"cancel_reason" text,
	"remarks" text,
	"revision" integer NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "correspondence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"register" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"provisional_label" text,
	"status" text NOT NULL,
	"received_at" text NOT NULL,
	"channel" text NOT NULL,
	"sender_id" uuid NOT NULL,
	"sender_name" text NOT NULL,
	"sender_reference" text,
	"letter_date" text,
	"subject" text NOT NULL,
	"attachments_count" integer NOT NULL,
	"tracking_number" text,
	"remarks" text,
	"unit_id" uuid NOT NULL,
	"status_code" text NOT NULL,
	"registered_by" uuid NOT NULL,
	"registered_at" text NOT NULL,
	"updated_at" text NOT NULL,
	"revision" integer NOT NULL,
	"cancel_reason" text,
	"case_id" uuid,
	"version" bigint NOT NULL,
	CONSTRAINT "correspondence_status_code_unique" UNIQUE("status_code")
);
--> statement-breakpoint
CREATE TABLE "correspondence_scans" (
	"correspondence_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"position" integer NOT NULL,
	"added_at" text NOT NULL,
	"added_by" uuid NOT NULL,
	CONSTRAINT "correspondence_scans_correspondence_id_sha256_pk" PRIMARY KEY("correspondence_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"first_name" text,
	"last_name" text,
	"pesel" text,
	"nip" text,
	"regon" text,
	"street" text,
	"postal_code" text,
	"city" text,
	"country" text NOT NULL,
	"email" text,
	"phone" text,
	"electronic_address" text,
	"created_at" text NOT NULL,
	"created_by" uuid NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quarantine" (
	"client_id" uuid NOT NULL,
	"mutation_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"args" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"at" text NOT NULL,
	CONSTRAINT "quarantine_client_id_mutation_id_pk" PRIMARY KEY("client_id","mutation_id")
);
--> statement-breakpoint
CREATE TABLE "record_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_name" text NOT NULL,
	"actor_position" text NOT NULL,
	"on_behalf_of_id" uuid,
	"on_behalf_of_name" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"document_ref" text,
	"summary" text NOT NULL,
	"data" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_correspondence_id_correspondence_id_fk" FOREIGN KEY ("correspondence_id") REFERENCES "public"."correspondence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blob_chunks" ADD CONSTRAINT "blob_chunks_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_items" ADD CONSTRAINT "case_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_items" ADD CONSTRAINT "case_items_correspondence_id_correspondence_id_fk" FOREIGN KEY ("correspondence_id") REFERENCES "public"."correspondence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_suspensions" ADD CONSTRAINT "case_suspensions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence" ADD CONSTRAINT "correspondence_sender_id_parties_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence" ADD CONSTRAINT "correspondence_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence" ADD CONSTRAINT "correspondence_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_scans" ADD CONSTRAINT "correspondence_scans_correspondence_id_correspondence_id_fk" FOREIGN KEY ("correspondence_id") REFERENCES "public"."correspondence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_item" ON "assignments" USING btree ("correspondence_id");--> statement-breakpoint
CREATE INDEX "assignments_user" ON "assignments" USING btree ("assignee_user_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "case_items_letter" ON "case_items" USING btree ("correspondence_id");--> statement-breakpoint
CREATE INDEX "case_suspensions_case" ON "case_suspensions" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_sign_number" ON "cases" USING btree ("unit_id","jrwa_symbol","year","seq");--> statement-breakpoint
CREATE INDEX "cases_version" ON "cases" USING btree ("version");--> statement-breakpoint
CREATE INDEX "cases_unit" ON "cases" USING btree ("unit_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "correspondence_number" ON "correspondence" USING btree ("register","year","seq");--> statement-breakpoint
CREATE INDEX "correspondence_version" ON "correspondence" USING btree ("version");--> statement-breakpoint
CREATE INDEX "correspondence_unit" ON "correspondence" USING btree ("unit_id","version");--> statement-breakpoint
CREATE INDEX "correspondence_sender_ref" ON "correspondence" USING btree ("sender_id","sender_reference");--> statement-breakpoint
CREATE INDEX "scans_sha" ON "correspondence_scans" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "parties_version" ON "parties" USING btree ("version");--> statement-breakpoint
CREATE INDEX "parties_pesel" ON "parties" USING btree ("pesel");--> statement-breakpoint
CREATE INDEX "parties_nip" ON "parties" USING btree ("nip");--> statement-breakpoint
CREATE INDEX "quarantine_user" ON "quarantine" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "record_events_version" ON "record_events" USING btree ("version");--> statement-breakpoint
CREATE INDEX "record_events_entity" ON "record_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
-- Numbered records are never deleted (cancelled instead), and the metryka is never rewritten.
CREATE FUNCTION "records_refuse_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never deleted (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "correspondence_no_delete" BEFORE DELETE ON "correspondence" FOR EACH ROW EXECUTE FUNCTION "records_refuse_delete"();
--> statement-breakpoint
CREATE TRIGGER "cases_no_delete" BEFORE DELETE ON "cases" FOR EACH ROW EXECUTE FUNCTION "records_refuse_delete"();
--> statement-breakpoint
CREATE TRIGGER "record_events_no_change" BEFORE UPDATE OR DELETE ON "record_events" FOR EACH ROW EXECUTE FUNCTION "records_refuse_delete"();
