import { sql } from 'drizzle-orm';
import type { Store } from '#db/store';
import { parties } from '#db/schema/index';
import type { PartyRow } from '#db/partyRepo';

/** A letter found by full text, with the original fields its snippet is made of. */
export type LetterMatch = {
  id: string;
  number: string | null;
  provisionalLabel: string | null;
  status: 'registered' | 'cancelled';
  subject: string;
  senderName: string;
  senderCity: string | null;
  senderReference: string | null;
  /** The text read from the letter's scan when the words were found there (not in its fields). */
  scanText: string | null;
};

/** A case found by full text, with its parties as one line ("Jan Nowak (Łódź); …"). */
export type CaseMatch = {
  id: string;
  sign: string | null;
  provisionalLabel: string | null;
  status: 'opened' | 'in_progress' | 'suspended' | 'closed' | 'cancelled';
  title: string;
  partyNames: string | null;
};

/*
 * Column weights for bm25, in the order the FTS tables declare their columns. A hit in a number
 * or sign is what the person almost surely meant (they copied it from a label), then the sender
 * or parties and the sender's reference, then the subject or title; remarks count least.
 */
const LETTER_WEIGHTS = '10.0, 4.0, 2.0, 4.0, 1.0'; // numbers, sender, subject, reference, remarks
const CASE_WEIGHTS = '10.0, 2.0, 4.0, 1.0'; // sign, title, parties, remarks
/** Words read from a scan count half of a remark: the reading may be wrong, a typed field is not. */
const SCAN_TEXT_WEIGHT = '0.5';

/** One full-text search: the FTS5 query, what was typed, the units that may be read, how many. */
export type FullTextQuery = {
  /** Built from `ftsQuery`: quoted words, never raw user syntax. */
  match: string;
  /** The text as typed (trimmed); a whole number or sign equal to it goes first. */
  typed: string;
  /** null: every unit. */
  unitIds: string[] | null;
  limit: number;
};

/**
 * How many best-ranked matches are looked at before the unit filter.
 *
 * Ranking in FTS5 alone is cheap; joining every match to its row is what costs (40,000 letters
 * from Łódź: ~40 ms joined, ~10 ms windowed, over 100,000 letters). A clerk's units hold a
 * fair share of the office's mail, so the window nearly always yields `limit` visible rows;
 * when it does not, every match is looked at (window -1 = no LIMIT in SQLite).
 */
export const SEARCH_WINDOW = 400;

/*
 * The units go in as one JSON array so the statement text never depends on how many there are.
 * A number or sign typed in full ranks its row first (read off a label or a receipt); the row
 * only needs to be inside the window, where the whole-word boost of the query puts it. The test
 * is wrapped in ifnull because a null label makes it NULL, and NULL would sort apart from false.
 * Ties (same score) go newest first.
 */
const LETTERS_SQL = `
  WITH hits AS (
    SELECT rowid AS pk, bm25(correspondence_fts, ${LETTER_WEIGHTS}) AS score, NULL AS scan
      FROM correspondence_fts
     WHERE correspondence_fts MATCH @match
    UNION ALL
    SELECT c.pk, bm25(scan_text_fts) * ${SCAN_TEXT_WEIGHT} AS score, t.sha256 AS scan
      FROM scan_text_fts
      JOIN scan_texts t ON t.rowid = scan_text_fts.rowid
      JOIN correspondence_scans cs ON cs.sha256 = t.sha256
      JOIN correspondence c ON c.id = cs.correspondence_id
     WHERE scan_text_fts MATCH @match),
  top AS (
    -- SQLite takes a bare column (scan) from the row holding the min: the better hit says where.
    SELECT pk, min(score) AS score, scan FROM hits GROUP BY pk
     ORDER BY score, pk DESC
     LIMIT @window)
  SELECT c.id, c.number, c.provisional_label AS provisionalLabel, c.status, c.subject,
         c.sender_name AS senderName, p.city AS senderCity, c.sender_reference AS senderReference,
         (SELECT text FROM scan_texts WHERE sha256 = top.scan) AS scanText
    FROM top
    JOIN correspondence c ON c.pk = top.pk
    JOIN parties p ON p.id = c.sender_id
   WHERE @units IS NULL OR c.unit_id IN (SELECT value FROM json_each(@units))
   ORDER BY ifnull(c.number = @typed COLLATE NOCASE OR c.provisional_label = @typed COLLATE NOCASE, 0) DESC,
            top.score, c.pk DESC
   LIMIT @limit`;

const LETTERS_COUNT_SQL = `
  SELECT count(*) FROM (
    SELECT rowid FROM correspondence_fts WHERE correspondence_fts MATCH @match
    UNION
    SELECT c.pk FROM scan_text_fts
      JOIN scan_texts t ON t.rowid = scan_text_fts.rowid
      JOIN correspondence_scans cs ON cs.sha256 = t.sha256
      JOIN correspondence c ON c.id = cs.correspondence_id
     WHERE scan_text_fts MATCH @match
    LIMIT @window)`;

const CASES_SQL = `
  WITH top AS (
    SELECT rowid AS pk, bm25(cases_fts, ${CASE_WEIGHTS}) AS score
      FROM cases_fts
     WHERE cases_fts MATCH @match
     ORDER BY score, rowid DESC
     LIMIT @window)
  SELECT c.id, c.sign, c.provisional_label AS provisionalLabel, c.status, c.title,
         (SELECT group_concat(p.name || coalesce(' (' || p.city || ')', ''), '; ' ORDER BY cp.added_at)
            FROM case_parties cp JOIN parties p ON p.id = cp.party_id
           WHERE cp.case_id = c.id) AS partyNames
    FROM top
    JOIN cases c ON c.pk = top.pk
   WHERE @units IS NULL OR c.unit_id IN (SELECT value FROM json_each(@units))
   ORDER BY ifnull(c.sign = @typed COLLATE NOCASE OR c.provisional_label = @typed COLLATE NOCASE, 0) DESC,
            top.score, c.pk DESC
   LIMIT @limit`;

const CASES_COUNT_SQL = 'SELECT count(*) FROM (SELECT 1 FROM cases_fts WHERE cases_fts MATCH @match LIMIT @window)';

function ranked<T>(store: Store, statement: string, countStatement: string, q: FullTextQuery): T[] {
  const stmt = store.sqlite.prepare(statement);
  const args = { match: q.match, typed: q.typed, units: q.unitIds ? JSON.stringify(q.unitIds) : null, limit: q.limit };
  const rows = stmt.all({ ...args, window: SEARCH_WINDOW }) as T[];
  if (rows.length >= q.limit || q.unitIds === null) return rows;
  // Fewer than asked: either there are no more, or the window held other units' rows.
  const matched = store.sqlite.prepare(countStatement).pluck().get({ match: q.match, window: SEARCH_WINDOW }) as number;
  return matched < SEARCH_WINDOW ? rows : (stmt.all({ ...args, window: -1 }) as T[]);
}

/**
 * Letters matching an FTS5 query, best first, in the given units only.
 *
 * Cancelled letters are found too: their number may be on a receipt someone is holding.
 */
export function searchLetters(store: Store, q: FullTextQuery): LetterMatch[] {
  return ranked<LetterMatch>(store, LETTERS_SQL, LETTERS_COUNT_SQL, q);
}

/** Cases matching an FTS5 query, best first, in the given units only (null: every unit). */
export function searchCases(store: Store, q: FullTextQuery): CaseMatch[] {
  return ranked<CaseMatch>(store, CASES_SQL, CASES_COUNT_SQL, q);
}

/**
 * Parties in which every folded word starts a word of their folded search text.
 *
 * Prefix-of-a-word, as FTS5 matches letters and cases, so the three groups of one search agree.
 * The LIKE on the longest word narrows the scan (parties number in thousands, not millions);
 * the word test is done here because `search_text` has no FTS table.
 */
export function searchPartiesByWords(store: Store, foldedWords: readonly string[], limit: number): PartyRow[] {
  const longest = [...foldedWords].sort((a, b) => b.length - a.length)[0];
  if (!longest) return [];
  const escaped = longest.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = store.db
    .select()
    .from(parties)
    .where(sql`${parties.searchText} LIKE ${`%${escaped}%`} ESCAPE '\\'`)
    .all();
  return rows
    .filter((r) => {
      const tokens = r.searchText.split(/[^\p{L}\p{N}]+/u);
      return foldedWords.every((w) => tokens.some((t) => t.startsWith(w)));
    })
    .sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

/** Polish alphabetical order (Ł after L, not after Z as SQLite's binary order puts it). */
const byName = new Intl.Collator('pl');
