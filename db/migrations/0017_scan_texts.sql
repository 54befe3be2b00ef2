CREATE TABLE `scan_texts` (
	`sha256` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`text` text NOT NULL,
	`layer_sha256` text,
	`pages` integer NOT NULL,
	`pages_read` integer NOT NULL,
	`reason` text,
	`engine` text NOT NULL,
	`milliseconds` integer NOT NULL,
	`read_at` text NOT NULL
);
--> statement-breakpoint
-- The recognized text, folded as correspondence_fts is (db/scanTextRepo.ts); rowid = scan_texts.rowid.
CREATE VIRTUAL TABLE `scan_text_fts` USING fts5(
  `text`,
  tokenize = 'unicode61 remove_diacritics 2'
);
