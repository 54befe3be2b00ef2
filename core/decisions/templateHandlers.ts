import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { TemplateDetail, TemplateFieldsInput, TemplateSummary } from '#core/contract';
import { requireRole, requireUser } from '#core/services/access';
import { execute } from '#core/services/execute';
import { saveTemplate } from '#core/commands/admin';
import { DomainError } from '#core/errors';
import { readSettings } from '#core/admin/settings';
import { PLACEHOLDERS, renderDocumentTemplate, requiredPlaceholders, type PlaceholderName, type TemplateValues } from '#core/decisions/templates';
import { availablePlaceholders, builtInTemplate, currentTemplate, currentTemplates, edited, parseStoredTemplate, sameFields, type CurrentTemplate } from '#core/decisions/templateStore';
import { renderDecision } from '#documents/decision';
import { getUser } from '#db/directory';
import { templateVersionRows, type TemplateVersionRow } from '#db/templateRepo';

// Szablony pism, edited by the administrator (issue 4). Every save is a new version in
// `document_templates`, never an overwrite; the text is checked as it will be printed: well-formed
// placeholders from the closed list (a misspelt one refused with a suggestion), and every
// element the law requires of the kind of document (KPA art. 107 §1 for a decision) present.

const EDIT_ACTION = 'zmiana szablonów pism';

function whoSaved(ctx: Ctx, current: CurrentTemplate): { name: string | null; at: string | null } {
  if (current.row === null) return { name: null, at: null };
  return { name: getUser(ctx.store, current.row.createdBy)?.fullName ?? '?', at: current.row.createdAt };
}

function summary(ctx: Ctx, current: CurrentTemplate): TemplateSummary {
  const { template, version } = current;
  const saved = whoSaved(ctx, current);
  return {
    code: template.code,
    name: template.name,
    kind: template.kind,
    version,
    updatedAt: saved.at,
    updatedByName: saved.name,
    isDefault: !current.damaged && sameFields(template.fields, builtInTemplate(template.code).fields),
  };
}

function detail(ctx: Ctx, current: CurrentTemplate): TemplateDetail {
  const { template } = current;
  const required = requiredPlaceholders(template.kind, template.procedure);
  const names = availablePlaceholders(template.kind);
  return {
    ...summary(ctx, current),
    procedure: template.procedure,
    fields: { ...template.fields },
    requiredBasis: required?.basis ?? null,
    placeholders: names.map((name) => ({ name, ...PLACEHOLDERS[name], required: required?.placeholders.includes(name) ?? false })),
  };
}

/** A stored version's fields, or `fallback` when the row does not parse. */
function storedFieldsOr<T>(row: TemplateVersionRow, fallback: T): TemplateFieldsInput | T {
  try {
    return parseStoredTemplate(row).fields;
  } catch {
    return fallback;
  }
}

/** Every placeholder's sample value: what the preview prints in place of a case's data. */
function exampleValues(): TemplateValues {
  const values: TemplateValues = {};
  for (const name of Object.keys(PLACEHOLDERS) as PlaceholderName[]) values[name] = PLACEHOLDERS[name].example;
  return values;
}

export const templateHandlers = {
  'templates.list': (ctx) => {
    requireUser(ctx);
    return currentTemplates(ctx.store, 'show-built-in').map((t) => summary(ctx, t));
  },

  'templates.get': (ctx, { code }) => {
    requireUser(ctx);
    return detail(ctx, currentTemplate(ctx.store, code, 'show-built-in'));
  },

  /** Every saved version, newest first, ending with the built-in wording as version 0. */
  'templates.history': (ctx, { code }) => {
    requireUser(ctx);
    const builtIn = builtInTemplate(code);
    const saved = templateVersionRows(ctx.store, code).map((row) => {
      const fields = storedFieldsOr(row, null);
      return {
        version: row.version,
        createdAt: row.createdAt,
        createdByName: getUser(ctx.store, row.createdBy)?.fullName ?? '?',
        isDefault: fields !== null && sameFields(fields, builtIn.fields),
      };
    });
    return [...saved, { version: 0, createdAt: null, createdByName: null, isDefault: true }];
  },

  'templates.save': (ctx, { code, expectedVersion, fields }) => {
    execute(ctx, requireUser(ctx), saveTemplate, { code, expectedVersion, fields, restoring: false });
    return detail(ctx, currentTemplate(ctx.store, code));
  },

  /** The built-in wording saved as a new version: the edited ones stay in the history. */
  'templates.restoreDefault': (ctx, { code, expectedVersion }) => {
    execute(ctx, requireUser(ctx), saveTemplate, { code, expectedVersion, fields: builtInTemplate(code).fields, restoring: true });
    return detail(ctx, currentTemplate(ctx.store, code));
  },

  /**
   * The edited wording on a page, before it is saved: checked as a save would check it, filled
   * with every placeholder's example and set by the same renderDecision as a real decision.
   */
  'templates.preview': async (ctx, { code, fields }) => {
    requireRole(ctx, ['admin'], EDIT_ACTION);
    const template = edited(currentTemplate(ctx.store, code), fields);
    const rendered = renderDocumentTemplate(template, exampleValues());
    if (!rendered.ok) throw new DomainError(rendered.code, rendered.message);
    const settings = readSettings(ctx.store);
    const party = PLACEHOLDERS.strony.example;
    const isLetter = template.kind !== 'decision' && template.kind !== 'certificate';
    const bytes = await renderDecision({
      office: settings.office,
      document: rendered.document,
      electronic: true,
      // A letter is addressed to the party at the top; a decision lists its parties under "Otrzymują".
      ...(isLetter ? { addressee: party.split(', ') } : {}),
      recipients: [party],
      createdAt: ctx.clock().toISOString(),
    });
    return { fileName: `podglad-szablonu-${code}.pdf`, mime: 'application/pdf', bytes };
  },
} satisfies Handlers<'templates.list' | 'templates.get' | 'templates.history' | 'templates.save' | 'templates.restoreDefault' | 'templates.preview'>;
