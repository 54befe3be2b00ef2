CREATE TABLE `awaiting_assignment` (
	`correspondence_id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `awaiting_assignment_unit` ON `awaiting_assignment` (`unit_id`,`received_at`);
--> statement-breakpoint
-- Awaiting dekretacja: a registered incoming letter with no active assignment, in no case. The
-- rule is this view, once; every trigger below recomputes the one letter a change touched.
CREATE VIEW `awaiting_rule` AS
  SELECT c.`id` AS `correspondence_id`, c.`unit_id`, c.`received_at` FROM `correspondence` c
  WHERE c.`direction` = 'in' AND c.`status` = 'registered'
    AND NOT EXISTS (SELECT 1 FROM `assignments` a WHERE a.`correspondence_id` = c.`id` AND a.`state` = 'active')
    AND NOT EXISTS (SELECT 1 FROM `case_items` ci WHERE ci.`correspondence_id` = c.`id`);
--> statement-breakpoint
CREATE TRIGGER `awaiting_letter_insert` AFTER INSERT ON `correspondence` BEGIN
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = NEW.`id`;
  INSERT INTO `awaiting_assignment` SELECT * FROM `awaiting_rule` WHERE `correspondence_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `awaiting_letter_update` AFTER UPDATE ON `correspondence` BEGIN
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = OLD.`id`;
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = NEW.`id`;
  INSERT INTO `awaiting_assignment` SELECT * FROM `awaiting_rule` WHERE `correspondence_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `awaiting_letter_delete` AFTER DELETE ON `correspondence` BEGIN
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `awaiting_assignments_insert` AFTER INSERT ON `assignments` BEGIN
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = NEW.`correspondence_id`;
  INSERT INTO `awaiting_assignment` SELECT * FROM `awaiting_rule` WHERE `correspondence_id` = NEW.`correspondence_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `awaiting_assignments_update` AFTER UPDATE ON `assignments` BEGIN
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = OLD.`correspondence_id`;
  INSERT INTO `awaiting_assignment` SELECT * FROM `awaiting_rule` WHERE `correspondence_id` = OLD.`correspondence_id`;
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = NEW.`correspondence_id`;
  INSERT INTO `awaiting_assignment` SELECT * FROM `awaiting_rule` WHERE `correspondence_id` = NEW.`correspondence_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `awaiting_assignments_delete` AFTER DELETE ON `assignments` BEGIN
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = OLD.`correspondence_id`;
  INSERT INTO `awaiting_assignment` SELECT * FROM `awaiting_rule` WHERE `correspondence_id` = OLD.`correspondence_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `awaiting_case_items_insert` AFTER INSERT ON `case_items` BEGIN
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = NEW.`correspondence_id`;
  INSERT INTO `awaiting_assignment` SELECT * FROM `awaiting_rule` WHERE `correspondence_id` = NEW.`correspondence_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `awaiting_case_items_update` AFTER UPDATE ON `case_items` BEGIN
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = OLD.`correspondence_id`;
  INSERT INTO `awaiting_assignment` SELECT * FROM `awaiting_rule` WHERE `correspondence_id` = OLD.`correspondence_id`;
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = NEW.`correspondence_id`;
  INSERT INTO `awaiting_assignment` SELECT * FROM `awaiting_rule` WHERE `correspondence_id` = NEW.`correspondence_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `awaiting_case_items_delete` AFTER DELETE ON `case_items` BEGIN
  DELETE FROM `awaiting_assignment` WHERE `correspondence_id` = OLD.`correspondence_id`;
  INSERT INTO `awaiting_assignment` SELECT * FROM `awaiting_rule` WHERE `correspondence_id` = OLD.`correspondence_id`;
END;
--> statement-breakpoint
INSERT INTO `awaiting_assignment` SELECT * FROM `awaiting_rule`;
