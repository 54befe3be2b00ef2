import { pgTable, text, boolean, timestamp, index, bigint } from 'drizzle-orm/pg-core';

/** Klasa JRWA with its archival categories (for the owning unit and for other units). */
export const jrwaClasses = pgTable(
  'jrwa_classes',
  {
    symbol: text('symbol').primaryKey(),
    name: text('name').notNull(),
    parentSymbol: text('parent_symbol'),
    categoryOwner: text('category_owner'),
    categoryOther: text('category_other'),
    remarks: text('remarks'),
    isLeaf: boolean('is_leaf').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The server version of the last write (an import or a correction by hand): pulls carry what changed. */
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('jrwa_classes_parent').on(t.parentSymbol), index('jrwa_classes_version').on(t.version)],
);
