CREATE TABLE "substitutions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"substitute_id" uuid NOT NULL,
	"for_user_id" uuid NOT NULL,
	"from_on" text NOT NULL,
	"to_on" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" text NOT NULL,
	"cancelled_at" text,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "substitutions" ADD CONSTRAINT "substitutions_substitute_id_users_id_fk" FOREIGN KEY ("substitute_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "substitutions" ADD CONSTRAINT "substitutions_for_user_id_users_id_fk" FOREIGN KEY ("for_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "substitutions_substitute" ON "substitutions" USING btree ("substitute_id","from_on");--> statement-breakpoint
-- A metryka entry's content never changes; only who may see it does: when a letter moves to
-- another unit, its history moves with it (unit_id) and is pulled again there (version).
DROP TRIGGER "record_events_no_change" ON "record_events";
--> statement-breakpoint
CREATE FUNCTION "record_events_only_visibility"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'record_events rows are never deleted';
  END IF;
  IF (to_jsonb(NEW) - 'unit_id' - 'version') IS DISTINCT FROM (to_jsonb(OLD) - 'unit_id' - 'version') THEN
    RAISE EXCEPTION 'record_events: only unit_id and version may change';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "record_events_visibility_only" BEFORE UPDATE OR DELETE ON "record_events" FOR EACH ROW EXECUTE FUNCTION "record_events_only_visibility"();
