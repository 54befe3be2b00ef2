/**
 * Zastępstwa: set for a range of office days, and called off. Defined once (engine.ts); the
 * rules are core/cases/substitution's.
 */
import { z } from 'zod';
import { fail } from '#core/errors';
import { valueOrThrow } from '#core/checkResult';
import { checkSubstitution, headsUnit, type CalendarDate } from '#core/cases/substitution';
import { ask, defineCommand } from '#core/commands/engine';
import { allowRoles, ruleOffice } from '#core/commands/office';
import type { OfficeDirectory } from '#core/commands/reads';

const id = z.uuid();

function nameIn(dir: OfficeDirectory, personId: string): string {
  return dir.users.find((u) => u.id === personId)?.fullName ?? '?';
}

export const createSubstitution = defineCommand({
  name: 'createSubstitution',
  args: z.object({ id, substituteId: id, forUserId: id, from: z.iso.date(), to: z.iso.date() }),
  *read() {
    return { office: yield* ask.office() };
  },
  decide(s, a, env) {
    allowRoles(env.actor, ['head', 'admin'], 'ustanowienie zastępstwa');
    const o = ruleOffice(s.office, env);
    const ok = valueOrThrow(
      checkSubstitution({ id: a.id, substituteId: a.substituteId, forUserId: a.forUserId, from: a.from as CalendarDate, to: a.to as CalendarDate, createdBy: env.actor.id }, o.substitutions, {
        actor: o.actor,
        today: o.today,
        users: o.users,
        units: o.units,
      }),
    );
    const absent = s.office.users.find((u) => u.id === ok.forUserId);
    return [
      { kind: 'insert', table: 'substitutions', rows: [{ id: ok.id, substituteId: ok.substituteId, forUserId: ok.forUserId, fromOn: ok.from, toOn: ok.to, createdBy: env.actor.id, createdAt: env.now.toISOString(), cancelledAt: null }] },
      {
        kind: 'metryka',
        entityType: 'user',
        entityId: ok.forUserId,
        unitId: absent?.unitId ?? env.actor.unitId,
        documentRef: null,
        onBehalfOf: null,
        entry: { action: 'substitution.created', data: { substituteName: nameIn(s.office, ok.substituteId), forUserName: nameIn(s.office, ok.forUserId), from: ok.from, to: ok.to } },
      },
    ];
  },
  describe: () => 'Nowe zastępstwo',
});

export const cancelSubstitution = defineCommand({
  name: 'cancelSubstitution',
  args: z.object({ id }),
  *read(a) {
    return { office: yield* ask.office(), substitution: yield* ask.substitution(a.id) };
  },
  decide(s, _a, env) {
    allowRoles(env.actor, ['head', 'admin'], 'odwołanie zastępstwa');
    const sub = s.substitution;
    if (!sub || sub.cancelledAt !== null) throw fail('SUBSTITUTION_NOT_FOUND');
    const o = ruleOffice(s.office, env);
    const absent = o.users.find((u) => u.id === sub.forUserId);
    // The same people who may set a substitution may call it off.
    if (env.actor.role !== 'admin' && !(absent && headsUnit(o.actor, absent.unitId, o.units))) throw fail('SUBSTITUTION_FORBIDDEN', { absent: absent?.fullName ?? '?' });
    return [
      { kind: 'update', table: 'substitutions', ids: [sub.id], set: { cancelledAt: env.now.toISOString() } },
      {
        kind: 'metryka',
        entityType: 'user',
        entityId: sub.forUserId,
        unitId: absent?.unitId ?? env.actor.unitId,
        documentRef: null,
        onBehalfOf: null,
        entry: { action: 'substitution.cancelled', data: { substituteName: nameIn(s.office, sub.substituteId), forUserName: nameIn(s.office, sub.forUserId) } },
      },
    ];
  },
  describe: () => 'Odwołanie zastępstwa',
});
