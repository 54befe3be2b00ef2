import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/** Klasa JRWA with its archival categories (for the owning unit and for other units). */
export const jrwaClasses = sqliteTable('jrwa_classes', {
  symbol: text('symbol').primaryKey(),
  name: text('name').notNull(),
  parentSymbol: text('parent_symbol'),
  categoryOwner: text('category_owner'),
  categoryOther: text('category_other'),
  remarks: text('remarks'),
  isLeaf: integer('is_leaf', { mode: 'boolean' }).notNull(),
  importedAt: text('imported_at').notNull(),
});
