CREATE TABLE `case_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`title` text NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_documents_case` ON `case_documents` (`case_id`);--> statement-breakpoint
CREATE TABLE `opinion_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`asked_by` text NOT NULL,
	`asked_of` text NOT NULL,
	`question` text NOT NULL,
	`asked_at` text NOT NULL,
	`due_on` text,
	`answered_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `opinion_requests_case` ON `opinion_requests` (`case_id`);--> statement-breakpoint
CREATE INDEX `opinion_requests_of` ON `opinion_requests` (`asked_of`,`answered_at`);--> statement-breakpoint
ALTER TABLE `case_parties` ADD `removed_at` text;--> statement-breakpoint
ALTER TABLE `case_parties` ADD `removed_by` text;--> statement-breakpoint
ALTER TABLE `case_parties` ADD `removal_reason` text;