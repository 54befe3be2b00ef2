import { pgTable, uuid, text, boolean, index, foreignKey } from 'drizzle-orm/pg-core';

/** Komórka organizacyjna: a department or sub-unit (`GK`, `GK-I`), the same as on the workstation. */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey(),
    symbol: text('symbol').notNull().unique(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'units_parent_fk' }),
    index('units_parent').on(t.parentId),
  ],
);
