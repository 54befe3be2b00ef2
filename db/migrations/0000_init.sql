CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`symbol` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_symbol_unique` ON `units` (`symbol`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`full_name` text NOT NULL,
	`position` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_unique` ON `users` (`login`);--> statement-breakpoint
CREATE TABLE `parties` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`first_name` text,
	`last_name` text,
	`pesel` text,
	`nip` text,
	`regon` text,
	`street` text,
	`postal_code` text,
	`city` text,
	`country` text DEFAULT 'Polska' NOT NULL,
	`email` text,
	`phone` text,
	`search_text` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `parties_search` ON `parties` (`search_text`);--> statement-breakpoint
CREATE INDEX `parties_pesel` ON `parties` (`pesel`);--> statement-breakpoint
CREATE INDEX `parties_nip` ON `parties` (`nip`);--> statement-breakpoint
CREATE TABLE `correspondence` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`direction` text NOT NULL,
	`register` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer,
	`number` text,
	`provisional_label` text,
	`status` text NOT NULL,
	`received_at` text NOT NULL,
	`channel` text NOT NULL,
	`sender_id` text NOT NULL,
	`sender_name` text NOT NULL,
	`sender_reference` text,
	`letter_date` text,
	`subject` text NOT NULL,
	`attachments_count` integer DEFAULT 0 NOT NULL,
	`tracking_number` text,
	`remarks` text,
	`unit_id` text NOT NULL,
	`status_code` text NOT NULL,
	`registered_by` text NOT NULL,
	`registered_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`cancel_reason` text,
	FOREIGN KEY (`sender_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `correspondence_id_unique` ON `correspondence` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `correspondence_status_code_unique` ON `correspondence` (`status_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `correspondence_number` ON `correspondence` (`register`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `correspondence_received` ON `correspondence` (`direction`,`received_at`);--> statement-breakpoint
CREATE INDEX `correspondence_unit` ON `correspondence` (`unit_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `correspondence_channel` ON `correspondence` (`channel`,`received_at`);--> statement-breakpoint
CREATE INDEX `correspondence_sender_ref` ON `correspondence` (`sender_id`,`sender_reference`);--> statement-breakpoint
CREATE INDEX `correspondence_provisional` ON `correspondence` (`provisional_label`);--> statement-breakpoint
CREATE TABLE `correspondence_scans` (
	`correspondence_id` text NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`position` integer NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	FOREIGN KEY (`correspondence_id`) REFERENCES `correspondence`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scans_pk` ON `correspondence_scans` (`correspondence_id`,`sha256`);--> statement-breakpoint
CREATE INDEX `scans_sha` ON `correspondence_scans` (`sha256`);--> statement-breakpoint
CREATE TABLE `blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`page_count` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `counters` (
	`scope` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`at` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`actor_position` text NOT NULL,
	`on_behalf_of_id` text,
	`on_behalf_of_name` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`document_ref` text,
	`summary` text NOT NULL,
	`data` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_id_unique` ON `events` (`id`);--> statement-breakpoint
CREATE INDEX `events_entity` ON `events` (`entity_type`,`entity_id`,`seq`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`mutation_id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`args` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text NOT NULL,
	`result` text
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `jrwa_classes` (
	`symbol` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`parent_symbol` text,
	`category_owner` text,
	`category_other` text,
	`remarks` text,
	`is_leaf` integer NOT NULL,
	`imported_at` text NOT NULL
);
