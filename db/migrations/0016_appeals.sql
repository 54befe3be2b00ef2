ALTER TABLE `correspondence` ADD `postmarked_on` text;--> statement-breakpoint
ALTER TABLE `correspondence` ADD `postmark_operator` text;--> statement-breakpoint
ALTER TABLE `correspondence` ADD `appeal_decision_id` text;--> statement-breakpoint
ALTER TABLE `correspondence` ADD `appeal_kind` text;--> statement-breakpoint
ALTER TABLE `correspondence` ADD `appeal_party_id` text;--> statement-breakpoint
ALTER TABLE `correspondence` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `correspondence` ADD `return_receipt` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `correspondence_appeal` ON `correspondence` (`appeal_decision_id`);--> statement-breakpoint
CREATE INDEX `correspondence_external` ON `correspondence` (`external_id`);--> statement-breakpoint
CREATE INDEX `decisions_signed` ON `decisions` (`status`,`signed_at`);--> statement-breakpoint
CREATE INDEX `dispatch_items_party` ON `dispatch_items` (`party_id`);