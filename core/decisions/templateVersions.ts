import { DomainError, fail } from '#core/errors';
import { valueOrThrow } from '#core/checkResult';
import { templateByCode } from '#core/decisions/defaultTemplates';
import { documentTemplateSchema, PLACEHOLDERS, TEMPLATE_FIELD_NAMES, validateDocumentTemplate, type DocumentTemplate, type PlaceholderName, type TemplateFields, type TemplateKind } from '#core/decisions/templates';
import type { TemplateVersionRecord } from '#core/commands/records';

/** A saved version of a template as stored (the template as JSON). */
export type TemplateVersionRow = TemplateVersionRecord;

// Which wording a document is printed from (the pure part: the store reads are in templateStore.ts). The administrator's saved versions live in
// `document_templates` (db/templateRepo.ts), every one kept; the newest applies. A template
// never saved is the built-in one of defaultTemplates.ts, numbered version 0, so a decision can
// always say which wording it was printed from (decisions.template_version).
//
// Decisions:
// - The set of templates is the built-in one: an office edits the wording, not the list. The
//   name, kind and procedure of a template stay as built in, because the kind decides what the
//   law requires of the text (validateDocumentTemplate) and must not be edited away.
// - A stored row that no longer parses is refused by name rather than replaced by the built-in
//   wording: printing an office's decision in words it did not choose, silently, is worse than
//   asking the administrator to save the template again.

/** A template as it applies now, with the version it was saved as (0: the built-in one). */
export type CurrentTemplate = {
  template: DocumentTemplate;
  version: number;
  /** Who saved it and when; null for the built-in version 0. */
  row: TemplateVersionRow | null;
  /** The stored version did not parse and the built-in wording stands in for it (editor only). */
  damaged: boolean;
};

/** The built-in template with `code`, or TEMPLATE_NOT_FOUND. */
export function builtInTemplate(code: string): DocumentTemplate {
  return valueOrThrow(templateByCode(code));
}

/** A stored version's template, parsed and checked against the built-in one it replaces. */
export function parseStoredTemplate(row: TemplateVersionRow): DocumentTemplate {
  let raw: unknown;
  try {
    raw = JSON.parse(row.template);
  } catch {
    throw fail('TEMPLATE_STORED_INVALID', { code: row.code, version: row.version });
  }
  const parsed = documentTemplateSchema.safeParse(raw);
  if (!parsed.success || parsed.data.code !== row.code) throw fail('TEMPLATE_STORED_INVALID', { code: row.code, version: row.version });
  return parsed.data;
}

/** For printing a stored version that does not parse is refused; the editor shows the built-in wording in its place, so the administrator can save over it. */
export type OnDamaged = 'refuse' | 'show-built-in';

/** The template as it applies given its newest stored version (null: the built-in one, version 0). */
export function resolveTemplate(code: string, row: TemplateVersionRow | null, onDamaged: OnDamaged): CurrentTemplate {
  const builtIn = builtInTemplate(code);
  if (row === null) return { template: builtIn, version: 0, row: null, damaged: false };
  let stored: DocumentTemplate;
  try {
    stored = parseStoredTemplate(row);
  } catch (e) {
    if (onDamaged === 'refuse') throw e;
    return { template: builtIn, version: row.version, row, damaged: true };
  }
  // Only the wording is the office's; what the template is stays as built in (see above).
  return { template: { ...builtIn, fields: stored.fields }, version: row.version, row, damaged: false };
}



/** The same wording in every field (what "unchanged" and "the default" mean). */
export function sameFields(a: TemplateFields, b: TemplateFields): boolean {
  return TEMPLATE_FIELD_NAMES.every((f) => a[f] === b[f]);
}


/**
 * The placeholders a decision is printed with: the values decisionPdf (core/decisions/handlers.ts)
 * fills from the draft and its case. The letters' own (braki, przyczyna_zwloki, nowy_termin,
 * miejsce_wgladu, tresc) have nothing to fill them in a decision: a decision template using one
 * could never be printed, so the editor neither offers nor accepts them there.
 */
export const DECISION_PLACEHOLDERS = [
  'organ',
  'strony',
  'podstawa_prawna',
  'rozstrzygniecie',
  'uzasadnienie',
  'pouczenie',
  'oplata',
  'znak_sprawy',
  'miejscowosc',
  'data',
  'podpis_imie_nazwisko',
  'podpis_stanowisko',
  'numer',
  'data_wniosku',
  'przedmiot',
] as const satisfies readonly PlaceholderName[];

/** The placeholders a template of this kind may use (every one, but for decisions). */
export function availablePlaceholders(kind: TemplateKind): readonly PlaceholderName[] {
  return kind === 'decision' ? DECISION_PLACEHOLDERS : (Object.keys(PLACEHOLDERS) as PlaceholderName[]);
}

/** The template with the edited wording, refused (with the validator's Polish message) unless fit to print. */
export function edited(current: CurrentTemplate, fields: TemplateFields): DocumentTemplate {
  const template: DocumentTemplate = { ...current.template, fields: { ...fields } };
  const checked = validateDocumentTemplate(template);
  // The validator's failures come from the error catalogue already (checkFailure).
  if (!checked.ok) throw new DomainError(checked.code, checked.message, { field: checked.field });
  const available = availablePlaceholders(template.kind);
  const foreign = checked.placeholders.filter((name) => !available.includes(name));
  if (foreign.length > 0) throw fail('TEMPLATE_PLACEHOLDER_NOT_FOR_KIND', { list: foreign.map((name) => `{{${name}}} (${PLACEHOLDERS[name].label})`).join(', ') });
  return template;
}

