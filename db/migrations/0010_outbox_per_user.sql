ALTER TABLE `outbox` ADD `user_seq` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_user_seq` ON `outbox` (`user_id`,`user_seq`);--> statement-breakpoint
-- Commands already waiting get their number in their user's queue, in the order they were made.
UPDATE `outbox` SET `user_seq` = (SELECT count(*) FROM `outbox` AS o2 WHERE o2.`user_id` = `outbox`.`user_id` AND o2.`status` <> 'applied' AND o2.`mutation_id` <= `outbox`.`mutation_id`) WHERE `status` <> 'applied' AND `user_id` IS NOT NULL;
