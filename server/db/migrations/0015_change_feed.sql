-- The change feed (server/db/changeFeed.ts): each server process remembers whose access token is
-- whose, the directory's digest and people's units today, and forgets them when these triggers
-- say, at commit, what changed. A session refreshed or ended names itself; any change of units,
-- people, zastępstwa or the settings is "the directory" (rare: an administrator's work).
CREATE FUNCTION "kancelaria_session_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kancelaria_zmiany', 'session:' || OLD.id::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "kancelaria_directory_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kancelaria_zmiany', 'directory');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "sessions_changed" AFTER UPDATE OR DELETE ON "sessions" FOR EACH ROW EXECUTE FUNCTION "kancelaria_session_changed"();--> statement-breakpoint
CREATE TRIGGER "units_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "units" FOR EACH STATEMENT EXECUTE FUNCTION "kancelaria_directory_changed"();--> statement-breakpoint
CREATE TRIGGER "users_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION "kancelaria_directory_changed"();--> statement-breakpoint
CREATE TRIGGER "substitutions_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "substitutions" FOR EACH STATEMENT EXECUTE FUNCTION "kancelaria_directory_changed"();--> statement-breakpoint
CREATE TRIGGER "settings_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "settings" FOR EACH STATEMENT EXECUTE FUNCTION "kancelaria_directory_changed"();
