CREATE TABLE "document_templates" (
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"template" text NOT NULL,
	"created_at" text NOT NULL,
	"created_by" uuid NOT NULL,
	"server_version" bigint NOT NULL,
	CONSTRAINT "document_templates_code_version_pk" PRIMARY KEY("code","version")
);
--> statement-breakpoint
CREATE INDEX "document_templates_server_version" ON "document_templates" USING btree ("server_version");