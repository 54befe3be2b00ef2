-- Full-text index of correspondence. Text is stored already folded (lower case, ł→l) by
-- db/search.ts; unicode61 with remove_diacritics 2 folds the remaining Polish letters, so
-- `zolw` finds żółw and `lodz` finds Łódź. rowid = correspondence.pk.
CREATE VIRTUAL TABLE `correspondence_fts` USING fts5(
  `numbers`, `sender`, `subject`, `reference`, `remarks`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- The event log is append-only (metryka sprawy is a legal record): refuse changes at the
-- storage level too, not only in code.
CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events`
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `events_no_delete` BEFORE DELETE ON `events`
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
--> statement-breakpoint
-- A numbered letter is never deleted; it is cancelled and keeps its number.
CREATE TRIGGER `correspondence_no_delete` BEFORE DELETE ON `correspondence`
BEGIN SELECT RAISE(ABORT, 'correspondence is never deleted; cancel it instead'); END;
