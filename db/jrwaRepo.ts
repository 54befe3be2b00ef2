import { asc, eq } from 'drizzle-orm';
import type { Store } from '#db/store';
import { jrwaClasses } from '#db/schema/index';

export type JrwaRow = typeof jrwaClasses.$inferSelect;

export function listJrwa(store: Store): JrwaRow[] {
  return store.db.select().from(jrwaClasses).orderBy(asc(jrwaClasses.symbol)).all();
}

/** Inserts or updates classes by symbol; returns how many were new. Call inside a transaction. */
export function upsertJrwa(store: Store, rows: JrwaRow[]): { added: number; updated: number } {
  const existing = new Set(listJrwa(store).map((r) => r.symbol));
  let added = 0;
  for (const r of rows) {
    if (!existing.has(r.symbol)) added++;
    store.db
      .insert(jrwaClasses)
      .values(r)
      .onConflictDoUpdate({
        target: jrwaClasses.symbol,
        set: { name: r.name, parentSymbol: r.parentSymbol, categoryOwner: r.categoryOwner, categoryOther: r.categoryOther, remarks: r.remarks, isLeaf: r.isLeaf, importedAt: r.importedAt },
      })
      .run();
  }
  return { added, updated: rows.length - added };
}

/** A leaf is a class with no children; recomputed over the whole list after an import. */
export function recomputeJrwaLeaves(store: Store) {
  store.sqlite.exec(
    'UPDATE jrwa_classes SET is_leaf = NOT EXISTS (SELECT 1 FROM jrwa_classes c WHERE c.parent_symbol = jrwa_classes.symbol)',
  );
}

export function getJrwa(store: Store, symbol: string): JrwaRow | null {
  return store.db.select().from(jrwaClasses).where(eq(jrwaClasses.symbol, symbol)).get() ?? null;
}
