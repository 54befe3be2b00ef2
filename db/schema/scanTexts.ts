import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * What text recognition (OCR) read from a stored scan, by the scan's content address.
 *
 * Derived data, this workstation's own: never synced, never in the metryka. It follows from the
 * scan's bytes and the engine, so any workstation holding the scan can read it again, and a
 * newer engine (`engine` differs) reads it anew. The folded text is indexed in `scan_text_fts`
 * (rowid = this table's rowid) for the search box.
 */
export const scanTexts = sqliteTable('scan_texts', {
  sha256: text('sha256').primaryKey(),
  /** done: text read (perhaps empty); skipped: nothing to read (the reason says why); failed: the engine stopped. */
  status: text('status', { enum: ['done', 'skipped', 'failed'] }).notNull(),
  /** The text as read, pages separated by form feeds; empty unless done. */
  text: text('text').notNull(),
  /** The new file: the scan with its text layer (a PDF in `blobs`); null when nothing was read. */
  layerSha256: text('layer_sha256'),
  pages: integer('pages').notNull(),
  pagesRead: integer('pages_read').notNull(),
  /** Why pages were skipped or the engine stopped, in Polish; null when every page was read. */
  reason: text('reason'),
  engine: text('engine').notNull(),
  /** How long the recognition took, for the figures. */
  milliseconds: integer('milliseconds').notNull(),
  readAt: text('read_at').notNull(),
});
