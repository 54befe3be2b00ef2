CREATE TABLE `document_templates` (
	`code` text NOT NULL,
	`version` integer NOT NULL,
	`template` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_templates_pk` ON `document_templates` (`code`,`version`);--> statement-breakpoint
CREATE TABLE `dispatch_items` (
	`id` text PRIMARY KEY NOT NULL,
	`decision_id` text,
	`case_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`party_id` text,
	`addressee_name` text NOT NULL,
	`addressee_address` text NOT NULL,
	`subject` text NOT NULL,
	`document_sha256` text NOT NULL,
	`status` text NOT NULL,
	`channel` text,
	`correspondence_id` text,
	`collected_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`seq_in_decision` integer NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dispatch_items_status` ON `dispatch_items` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `dispatch_items_decision` ON `dispatch_items` (`decision_id`);--> statement-breakpoint
ALTER TABLE `parties` ADD `electronic_address` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `approval_path` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `approval_stage` integer;--> statement-breakpoint
ALTER TABLE `decisions` ADD `template_version` integer;--> statement-breakpoint
-- Template versions are a record of the office's wording: kept, never rewritten.
CREATE TRIGGER `document_templates_no_update` BEFORE UPDATE ON `document_templates` BEGIN SELECT RAISE(ABORT, 'document_templates are append-only'); END;--> statement-breakpoint
CREATE TRIGGER `document_templates_no_delete` BEFORE DELETE ON `document_templates` BEGIN SELECT RAISE(ABORT, 'document_templates are append-only'); END;
