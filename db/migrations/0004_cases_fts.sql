-- Full-text index of cases (sign, title, parties), folded like correspondence_fts; rowid = cases.pk.
CREATE VIRTUAL TABLE `cases_fts` USING fts5(
  `sign`, `title`, `parties`, `remarks`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- A case sign, once given, is never freed: a case is cancelled, not deleted.
CREATE TRIGGER `cases_no_delete` BEFORE DELETE ON `cases`
BEGIN SELECT RAISE(ABORT, 'cases are never deleted; cancel them instead'); END;
