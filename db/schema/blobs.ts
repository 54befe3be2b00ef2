import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import type { SignedOver } from '#core/commands/records';

/** A content-addressed file (scan, generated PDF) known to this store; bytes under blobs/. */
export const blobs = sqliteTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mime: text('mime').notNull(),
  pageCount: integer('page_count').notNull(),
  createdAt: text('created_at').notNull(),
  /** What a valid signature in this PDF covers (core/decisions/signedMark.ts), read from the bytes when kept; null for other files. */
  signedOver: text('signed_over', { mode: 'json' }).$type<SignedOver>(),
});
