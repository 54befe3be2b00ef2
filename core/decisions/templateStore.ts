import { DEFAULT_TEMPLATES } from '#core/decisions/defaultTemplates';
import { currentTemplateRow, currentTemplateRows } from '#db/templateRepo';
import type { Store } from '#db/store';
import { resolveTemplate, type CurrentTemplate, type OnDamaged } from '#core/decisions/templateVersions';

// Which wording a document is printed from, read from this replica; the rules are in
// templateVersions.ts, shared with the commands (core/commands/templates.ts).
export * from '#core/decisions/templateVersions';

/**
 * The template a document of `code` is printed from now: the newest saved version, else the
 * built-in one as version 0. Refuses an unknown code (TEMPLATE_NOT_FOUND).
 */
export function currentTemplate(store: Store, code: string, onDamaged: OnDamaged = 'refuse'): CurrentTemplate {
  return resolveTemplate(code, currentTemplateRow(store, code), onDamaged);
}

/** Every template in the order the built-in list gives, each as it applies now. */
export function currentTemplates(store: Store, onDamaged: OnDamaged = 'refuse'): CurrentTemplate[] {
  const rows = new Map(currentTemplateRows(store).map((r) => [r.code, r]));
  return DEFAULT_TEMPLATES.map((t) => resolveTemplate(t.code, rows.get(t.code) ?? null, onDamaged));
}

/** The version of the template `code` a document printed now would carry (for the record). */
export function currentTemplateVersion(store: Store, code: string): number {
  return currentTemplateRow(store, code)?.version ?? 0;
}

