ALTER TABLE `correspondence` ADD `case_id` text;--> statement-breakpoint
ALTER TABLE `correspondence` ADD `postage_grosze` integer;--> statement-breakpoint
ALTER TABLE `correspondence` ADD `mass_grams` integer;--> statement-breakpoint
ALTER TABLE `correspondence` ADD `dispatched_on` text;--> statement-breakpoint
CREATE INDEX `correspondence_dispatched` ON `correspondence` (`direction`,`dispatched_on`);