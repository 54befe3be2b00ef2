CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `label` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `event_ids` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `user_id` text;