CREATE TABLE `incoming_events` (
	`id` text PRIMARY KEY NOT NULL,
	`ordinal` integer NOT NULL,
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
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pending_events` (
	`id` text PRIMARY KEY NOT NULL,
	`mutation_id` integer NOT NULL,
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
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pending_events_entity` ON `pending_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `pending_events_mutation` ON `pending_events` (`mutation_id`);--> statement-breakpoint
CREATE TABLE `replica_maintenance` (
	`reason` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `undo_log` (
	`step` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mutation_id` integer NOT NULL,
	`table_name` text NOT NULL,
	`row_id` integer NOT NULL,
	`old_row` text
);
--> statement-breakpoint
CREATE INDEX `undo_log_mutation` ON `undo_log` (`mutation_id`,`step`);--> statement-breakpoint
ALTER TABLE `events` ADD `server_ordinal` integer;--> statement-breakpoint
CREATE INDEX `events_server_ordinal` ON `events` (`server_ordinal`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `speculative` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `confirmed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Every command already recorded as applied has its effects in the server's rows this replica pulled.
UPDATE `outbox` SET `confirmed` = 1 WHERE `status` = 'applied';--> statement-breakpoint
-- The storage-level guards stay, with one way through: the replica's own maintenance (a rebase
-- taking back an unconfirmed command, records leaving the person's scope) inside one
-- transaction marked in replica_maintenance. Nothing else may delete a letter, a case, a
-- template or a metryka entry.
DROP TRIGGER `events_no_delete`;--> statement-breakpoint
CREATE TRIGGER `events_no_delete` BEFORE DELETE ON `events` WHEN NOT EXISTS (SELECT 1 FROM `replica_maintenance`)
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;--> statement-breakpoint
DROP TRIGGER `correspondence_no_delete`;--> statement-breakpoint
CREATE TRIGGER `correspondence_no_delete` BEFORE DELETE ON `correspondence` WHEN NOT EXISTS (SELECT 1 FROM `replica_maintenance`)
BEGIN SELECT RAISE(ABORT, 'correspondence is never deleted; cancel it instead'); END;--> statement-breakpoint
DROP TRIGGER `cases_no_delete`;--> statement-breakpoint
CREATE TRIGGER `cases_no_delete` BEFORE DELETE ON `cases` WHEN NOT EXISTS (SELECT 1 FROM `replica_maintenance`)
BEGIN SELECT RAISE(ABORT, 'cases are never deleted; cancel them instead'); END;--> statement-breakpoint
DROP TRIGGER `document_templates_no_delete`;--> statement-breakpoint
CREATE TRIGGER `document_templates_no_delete` BEFORE DELETE ON `document_templates` WHEN NOT EXISTS (SELECT 1 FROM `replica_maintenance`)
BEGIN SELECT RAISE(ABORT, 'document_templates are append-only'); END;--> statement-breakpoint
DROP TRIGGER `events_no_update`;--> statement-breakpoint
CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events` WHEN NOT EXISTS (SELECT 1 FROM `replica_maintenance`)
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
