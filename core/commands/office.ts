/**
 * The office around a decision, as the pure rules of core/cases take it: who acts, today's
 * office day (by the authority's clock), units, people with who has left, and zastępstwa.
 */
import type { Role } from '#core/contract';
import { fail } from '#core/errors';
import { roleLabels } from '#core/i18n/labels.pl';
import { warsawDate } from '#core/time';
import { visibleInboxOwners, type CalendarDate, type OfficeUser, type Person, type Substitution, type UnitRef } from '#core/cases/substitution';
import type { OfficeDirectory } from '#core/commands/reads';
import type { CommandEnv } from '#core/commands/engine';
import type { CaseRecord, LetterRecord, SubstitutionRecord } from '#core/commands/records';
import type { MetrykaEffect, MetrykaEntry } from '#core/commands/effects';

export type RuleOffice = { actor: Person; today: CalendarDate; units: UnitRef[]; users: OfficeUser[]; substitutions: Substitution[] };

export function ruleSubstitution(s: SubstitutionRecord): Substitution {
  return { id: s.id, substituteId: s.substituteId, forUserId: s.forUserId, from: s.fromOn as CalendarDate, to: s.toOn as CalendarDate, createdBy: s.createdBy };
}

export function ruleOffice(dir: OfficeDirectory, env: CommandEnv): RuleOffice {
  const a = env.actor;
  return {
    actor: { id: a.id, fullName: a.fullName, role: a.role, unitId: a.unitId },
    today: warsawDate(env.now) as CalendarDate,
    units: dir.units.map((u) => ({ id: u.id, symbol: u.symbol, parentId: u.parentId })),
    users: dir.users.map((u) => ({ id: u.id, fullName: u.fullName, role: u.role, unitId: u.unitId, active: u.active })),
    substitutions: dir.substitutions.filter((s) => s.cancelledAt === null).map(ruleSubstitution),
  };
}

/** Refuses an actor whose role is not among `roles`, naming the action and the roles it needs. */
export function allowRoles(actor: { role: Role }, roles: readonly Role[], action: string): void {
  if (!roles.includes(actor.role)) throw fail('FORBIDDEN', { action: `${action}; wymagana rola: ${roles.map((r) => roleLabels[r]).join(' lub ')}` });
}

/**
 * Units whose mail and cases a person may read: registry and admin see the whole office
 * (null); a head or clerk sees their own unit and its sub-units (GK sees GK-I), and while
 * substituting someone today, that person's units too.
 */
export function visibleUnits(person: { id: string; role: Role; unitId: string }, o: { units: readonly UnitRef[]; users: readonly Person[]; substitutions: readonly Substitution[]; today: CalendarDate }): Set<string> | null {
  if (person.role === 'registry' || person.role === 'admin') return null;
  const roots = visibleInboxOwners(person.id, o.substitutions, o.today)
    .map((id) => (id === person.id ? person.unitId : o.users.find((u) => u.id === id)?.unitId))
    .filter((u) => u !== undefined);
  const out = new Set<string>([person.unitId, ...roots]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of o.units) {
      if (u.parentId !== null && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

/** The letter, if the actor may see it: one outside their units is "not found" to them. */
export function visibleLetter(l: LetterRecord | null, o: RuleOffice, env: CommandEnv): LetterRecord {
  const scope = visibleUnits(env.actor, o);
  if (!l || (scope && !scope.has(l.unitId))) throw fail('CORRESPONDENCE_NOT_FOUND');
  return l;
}

/** The case, if the actor may see it (through its unit). */
export function visibleCase(c: CaseRecord | null, o: RuleOffice, env: CommandEnv): CaseRecord {
  const scope = visibleUnits(env.actor, o);
  if (!c || (scope && !scope.has(c.unitId))) throw fail('CASE_NOT_FOUND');
  return c;
}

/** A letter's label: its final number, else the provisional label it was printed with. */
export function labelOf(r: { number: string | null; provisionalLabel: string | null }): string {
  return r.number ?? r.provisionalLabel ?? '?';
}

/** A metryka entry about a letter, seen by the letter's unit (or `unitId`) and naming it by its label. */
export function letterEntry(
  l: Pick<LetterRecord, 'id' | 'unitId' | 'number' | 'provisionalLabel'>,
  entry: MetrykaEntry,
  o: { unitId?: string; onBehalfOf?: { id: string; fullName: string } | null; numbered?: Readonly<Record<string, string>> } = {},
): MetrykaEffect {
  return {
    kind: 'metryka',
    entityType: 'correspondence',
    entityId: l.id,
    unitId: o.unitId ?? l.unitId,
    documentRef: labelOf(l),
    onBehalfOf: o.onBehalfOf ?? null,
    entry,
    ...(o.numbered ? { numbered: o.numbered } : {}),
  };
}
