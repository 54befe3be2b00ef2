CREATE TABLE `case_items` (
	`case_id` text NOT NULL,
	`correspondence_id` text NOT NULL,
	`initiating` integer NOT NULL,
	`linked_at` text NOT NULL,
	`linked_by` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`correspondence_id`) REFERENCES `correspondence`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`linked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_items_pk` ON `case_items` (`case_id`,`correspondence_id`);--> statement-breakpoint
CREATE INDEX `case_items_letter` ON `case_items` (`correspondence_id`);--> statement-breakpoint
CREATE TABLE `case_parties` (
	`case_id` text NOT NULL,
	`party_id` text NOT NULL,
	`role` text NOT NULL,
	`added_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_parties_pk` ON `case_parties` (`case_id`,`party_id`);--> statement-breakpoint
CREATE TABLE `case_suspensions` (
	`case_id` text NOT NULL,
	`from_on` text NOT NULL,
	`to_on` text,
	`reason` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_suspensions_case` ON `case_suspensions` (`case_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`unit_id` text NOT NULL,
	`unit_symbol` text NOT NULL,
	`jrwa_symbol` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer,
	`sign` text,
	`provisional_label` text,
	`title` text NOT NULL,
	`owner_id` text NOT NULL,
	`status` text NOT NULL,
	`deadline_kind` text NOT NULL,
	`started_on` text NOT NULL,
	`due_on` text,
	`opened_at` text NOT NULL,
	`opened_by` text NOT NULL,
	`closed_on` text,
	`cancel_reason` text,
	`remarks` text,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_id_unique` ON `cases` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_sign_number` ON `cases` (`unit_id`,`jrwa_symbol`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `cases_owner` ON `cases` (`owner_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_unit` ON `cases` (`unit_id`,`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `cases_due` ON `cases` (`status`,`due_on`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`correspondence_id` text NOT NULL,
	`assigned_by` text NOT NULL,
	`on_behalf_of` text,
	`assignee_user_id` text,
	`assignee_unit_id` text,
	`instruction` text NOT NULL,
	`deadline` text,
	`note` text,
	`at` text NOT NULL,
	`state` text NOT NULL,
	FOREIGN KEY (`correspondence_id`) REFERENCES `correspondence`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_item` ON `assignments` (`correspondence_id`);--> statement-breakpoint
CREATE INDEX `assignments_user` ON `assignments` (`assignee_user_id`,`state`);--> statement-breakpoint
CREATE TABLE `substitutions` (
	`id` text PRIMARY KEY NOT NULL,
	`substitute_id` text NOT NULL,
	`for_user_id` text NOT NULL,
	`from_on` text NOT NULL,
	`to_on` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`cancelled_at` text,
	FOREIGN KEY (`substitute_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`for_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `substitutions_substitute` ON `substitutions` (`substitute_id`,`from_on`);--> statement-breakpoint
CREATE INDEX `substitutions_for` ON `substitutions` (`for_user_id`,`from_on`);