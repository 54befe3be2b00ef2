CREATE TABLE `decision_reviews` (
	`decision_id` text NOT NULL,
	`version` integer NOT NULL,
	`reviewer_id` text NOT NULL,
	`outcome` text NOT NULL,
	`remarks` text,
	`at` text NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decision_reviews_decision` ON `decision_reviews` (`decision_id`,`version`);--> statement-breakpoint
CREATE TABLE `decision_versions` (
	`decision_id` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decision_versions_pk` ON `decision_versions` (`decision_id`,`version`);--> statement-breakpoint
CREATE TABLE `decisions` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`case_id` text NOT NULL,
	`type_code` text NOT NULL,
	`status` text NOT NULL,
	`current_version` integer NOT NULL,
	`author_id` text NOT NULL,
	`approver_id` text,
	`year` integer,
	`seq` integer,
	`number` text,
	`signed_at` text,
	`signed_pdf_sha256` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approver_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_id_unique` ON `decisions` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_number` ON `decisions` (`year`,`seq`);--> statement-breakpoint
CREATE INDEX `decisions_case` ON `decisions` (`case_id`);--> statement-breakpoint
CREATE INDEX `decisions_approver` ON `decisions` (`approver_id`,`status`);