/**
 * The administrator's commands: the office settings and the wording of the document templates
 * (every version kept). Defined once (engine.ts).
 */
import { z } from 'zod';
import { settingsSchema, templateFieldsSchema, type Settings } from '#core/contract';
import { fail } from '#core/errors';
import { valueOrThrow } from '#core/checkResult';
import { formatDateTime } from '#core/time';
import { validatePattern } from '#core/numbering/pattern';
import { decisionType } from '#core/decisions/prefill';
import { builtInTemplate, edited, resolveTemplate, sameFields } from '#core/decisions/templateVersions';
import { ask, defineCommand } from '#core/commands/engine';
import { allowRoles } from '#core/commands/office';
import type { OfficeDirectory } from '#core/commands/reads';

/** Every path names a unit, a decision type and people still working here, once per unit and type. */
export function checkApprovalPaths(paths: Settings['approvalPaths'], dir: OfficeDirectory): void {
  const seen = new Set<string>();
  for (const path of paths) {
    const unit = dir.units.find((u) => u.id === path.unitId);
    if (!unit) throw fail('SETTINGS_PATH_UNIT_UNKNOWN');
    if (path.typeCode !== null && !decisionType(path.typeCode)) throw fail('DECISION_TYPE_UNKNOWN_CODE', { code: path.typeCode });
    const key = `${path.unitId}/${path.typeCode ?? '*'}`;
    if (seen.has(key)) throw fail('SETTINGS_PATH_DUPLICATE', { unit: unit.symbol });
    seen.add(key);
    for (const personId of path.approverIds) {
      const person = dir.users.find((u) => u.id === personId);
      if (!person?.active) throw fail('DECISION_PATH_INACTIVE', { name: person?.fullName ?? personId });
    }
  }
}

export const updateSettings = defineCommand({
  name: 'updateSettings',
  args: z.object({ settings: settingsSchema }),
  *read() {
    return { office: yield* ask.office() };
  },
  decide(s, a, env) {
    allowRoles(env.actor, ['admin'], 'ustawienia urzędu');
    valueOrThrow(validatePattern(a.settings.incomingPattern));
    checkApprovalPaths(a.settings.approvalPaths, s.office);
    return [
      { kind: 'settings', value: a.settings },
      { kind: 'metryka', entityType: 'settings', entityId: 'office', unitId: env.actor.unitId, documentRef: null, onBehalfOf: null, entry: { action: 'settings.updated', data: {} } },
    ];
  },
  describe: () => 'Ustawienia urzędu',
});

export const saveTemplate = defineCommand({
  name: 'saveTemplate',
  /** A new version of a template's wording; `restoring` when it is the built-in wording put back. */
  args: z.object({ code: z.string().min(1).max(40), expectedVersion: z.number().int().nonnegative(), fields: templateFieldsSchema, restoring: z.boolean() }),
  *read(a) {
    return { newest: yield* ask.newestTemplate(a.code), office: yield* ask.office() };
  },
  decide(s, a, env) {
    allowRoles(env.actor, ['admin'], 'zmiana szablonów pism');
    // Unknown codes are refused here (TEMPLATE_NOT_FOUND): the set of templates is the built-in one.
    const current = resolveTemplate(a.code, s.newest, 'show-built-in');
    const name = current.template.name;
    if (current.version !== a.expectedVersion) {
      const who = current.row === null ? 'treść wbudowana w program' : `${s.office.users.find((u) => u.id === current.row?.createdBy)?.fullName ?? '?'}, ${formatDateTime(current.row.createdAt)}`;
      throw fail('TEMPLATE_STALE', { name, version: current.version, who });
    }
    const fields = a.restoring ? builtInTemplate(a.code).fields : a.fields;
    if (!current.damaged && sameFields(current.template.fields, fields)) throw fail(a.restoring ? 'TEMPLATE_ALREADY_DEFAULT' : 'TEMPLATE_UNCHANGED', { name });
    const template = edited(current, fields);
    const version = current.version + 1;
    return [
      { kind: 'insert', table: 'documentTemplates', rows: [{ code: a.code, version, template: JSON.stringify(template), createdAt: env.now.toISOString(), createdBy: env.actor.id }] },
      {
        kind: 'metryka',
        entityType: 'template',
        entityId: a.code,
        unitId: env.actor.unitId,
        documentRef: `szablon ${a.code}`,
        onBehalfOf: null,
        entry: { action: a.restoring ? 'template.restored' : 'template.saved', data: { code: a.code, name, version, previousVersion: current.version } },
      },
    ];
  },
  describe: (s, a) => `Szablon „${resolveTemplate(a.code, s.newest, 'show-built-in').template.name}”, wersja ${String(a.expectedVersion + 1)}`,
});
