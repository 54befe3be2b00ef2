import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Store } from '#db/store';
import { documentTemplates } from '#db/schema/index';

// Szablony pism as the administrator saved them: every version is a row, never rewritten
// (triggers refuse UPDATE and DELETE, migration 0008). The current wording of a template is
// its highest version; a code with no row uses the built-in template (version 0).

export type TemplateVersionRow = typeof documentTemplates.$inferSelect;

/** The newest saved version of a template, or null while the built-in one applies. */
export function currentTemplateRow(store: Store, code: string): TemplateVersionRow | null {
  return store.db.select().from(documentTemplates).where(eq(documentTemplates.code, code)).orderBy(desc(documentTemplates.version)).limit(1).get() ?? null;
}

/** The newest saved version of every template that has one (for the list of templates). */
export function currentTemplateRows(store: Store): TemplateVersionRow[] {
  const newest = store.db
    .select({ code: documentTemplates.code, version: sql<number>`max(${documentTemplates.version})`.as('newest') })
    .from(documentTemplates)
    .groupBy(documentTemplates.code)
    .as('newest');
  return store.db
    .select({ row: documentTemplates })
    .from(documentTemplates)
    .innerJoin(newest, and(eq(newest.code, documentTemplates.code), eq(newest.version, documentTemplates.version)))
    .orderBy(asc(documentTemplates.code))
    .all()
    .map((r) => r.row);
}

/** Every saved version of one template, newest first. */
export function templateVersionRows(store: Store, code: string): TemplateVersionRow[] {
  return store.db.select().from(documentTemplates).where(eq(documentTemplates.code, code)).orderBy(desc(documentTemplates.version)).all();
}

/**
 * Appends a version. Call inside the command's transaction, after checking that `version` is
 * the current one plus one: UNIQUE(code, version) refuses a second writer of the same number.
 */
export function insertTemplateVersion(store: Store, row: TemplateVersionRow) {
  store.db.insert(documentTemplates).values(row).run();
}
