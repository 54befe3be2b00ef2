/**
 * The office's directory as the administrator keeps it: units (komórki) added, renamed, moved
 * under another unit or closed; people added, moved, given another role or position, and
 * leaving. Defined once (engine.ts): a workstation without a server applies them itself, and
 * with a server the pushed command is decided again there (its CLI uses the same checks).
 */
import { z } from 'zod';
import { roleSchema, type Role } from '#core/contract';
import { DomainError, fail, fieldProblems } from '#core/errors';
import { checkUnitSymbol } from '#core/cases/caseSign';
import { roleLabels } from '#core/i18n/labels.pl';
import { ask, defineCommand, type CommandEnv } from '#core/commands/engine';
import { allowRoles } from '#core/commands/office';
import type { MetrykaEffect, MetrykaEntry } from '#core/commands/effects';
import type { OfficeDirectory } from '#core/commands/reads';
import type { PersonRecord, UnitRecord } from '#core/commands/records';

const id = z.uuid();

/** A login: lower-case Latin letters, digits, `.`, `_`, `-`; starts with a letter; 2–64 characters. */
export const LOGIN_SHAPE = /^[a-z][a-z0-9._-]{1,63}$/;

/** A login as stored: trimmed, lower case. */
export function normalLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** Why this login cannot be a new person's (its shape, or someone has it, who left included), or null. */
export function loginProblem(login: string, users: readonly Pick<PersonRecord, 'login'>[]) {
  if (!LOGIN_SHAPE.test(login)) return fail('SERVER_LOGIN_FORMAT', { login });
  if (users.some((u) => u.login === login)) return fail('SERVER_LOGIN_TAKEN', { login });
  return null;
}

/** Why this symbol cannot be a new unit's (its form, or another unit has it), or null. */
export function unitSymbolProblem(symbol: string, units: readonly Pick<UnitRecord, 'symbol'>[]) {
  const checked = checkUnitSymbol(symbol);
  if (!checked.ok) return new DomainError(checked.code, checked.message);
  if (units.some((u) => u.symbol === checked.value)) return fail('SERVER_UNIT_SYMBOL_TAKEN', { symbol: checked.value });
  return null;
}

const ADMIN: readonly Role[] = ['admin'];

function directoryEntry(entityType: 'user' | 'unit', entityId: string, unitId: string, entry: MetrykaEntry): MetrykaEffect {
  return { kind: 'metryka', entityType, entityId, unitId, documentRef: null, onBehalfOf: null, entry };
}

/** The units below `unitId`, at any depth. */
function below(unitId: string, units: readonly UnitRecord[]): Set<string> {
  const out = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of units) {
      if (u.parentId !== null && (u.parentId === unitId || out.has(u.parentId)) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

const unitName = z.string().trim().min(1).max(200);

export const addUnit = defineCommand({
  name: 'addUnit',
  args: z.object({ id, symbol: z.string().trim().max(40), name: unitName, parentId: id.nullable() }),
  *read() {
    return { office: yield* ask.office() };
  },
  decide(s, a, env) {
    allowRoles(env.actor, ADMIN, 'dodanie komórki');
    const problems = fieldProblems();
    const symbol = a.symbol.normalize('NFC');
    const symbolProblem = unitSymbolProblem(symbol, s.office.units);
    if (symbolProblem) problems.add('symbol', symbolProblem);
    const parent = a.parentId === null ? null : s.office.units.find((u) => u.id === a.parentId && u.active);
    if (parent === undefined) problems.add('parentId', fail('UNIT_NOT_FOUND'));
    problems.throwIfAny();
    const row: UnitRecord = { id: a.id, symbol, name: a.name, parentId: parent?.id ?? null, active: true };
    return [
      { kind: 'insert', table: 'units', rows: [row] },
      directoryEntry('unit', row.id, row.id, { action: 'unit.added', data: { symbol, name: a.name, parentSymbol: parent?.symbol ?? null } }),
    ];
  },
  describe: (_s, a) => `Nowa komórka ${a.symbol}`,
});

export const changeUnit = defineCommand({
  name: 'changeUnit',
  args: z.object({ id, name: unitName, parentId: id.nullable(), active: z.boolean() }),
  *read() {
    return { office: yield* ask.office() };
  },
  decide(s, a, env) {
    allowRoles(env.actor, ADMIN, 'zmiana komórki');
    const unit = s.office.units.find((u) => u.id === a.id);
    if (!unit) throw fail('UNIT_NOT_FOUND');
    const problems = fieldProblems();
    const parent = a.parentId === null ? null : s.office.units.find((u) => u.id === a.parentId);
    // A unit under itself or under one of its own sub-units would leave the tree.
    if (parent === undefined || (parent && (parent.id === unit.id || below(unit.id, s.office.units).has(parent.id)))) problems.add('parentId', fail('DIRECTORY_UNIT_PARENT_LOOP', { symbol: unit.symbol }));
    else if (parent && !parent.active && a.parentId !== unit.parentId) problems.add('parentId', fail('UNIT_NOT_FOUND'));
    if (!a.active && unit.active) {
      // A closed unit keeps its records; nobody may still work in it, nor a sub-unit stay open under it.
      const people = s.office.users.filter((u) => u.active && u.unitId === unit.id).length;
      const units = s.office.units.filter((u) => u.active && u.parentId === unit.id).length;
      if (people > 0 || units > 0) problems.add('active', fail('DIRECTORY_UNIT_NOT_EMPTY', { symbol: unit.symbol, people, units }));
    }
    problems.throwIfAny();
    const next: UnitRecord = { ...unit, name: a.name, parentId: parent?.id ?? null, active: a.active };
    const changed = (['name', 'parentId', 'active'] as const).filter((k) => next[k] !== unit[k]);
    if (changed.length === 0) throw fail('DIRECTORY_NOTHING_CHANGED');
    const symbolOf = (unitId: string | null) => (unitId === null ? null : (s.office.units.find((u) => u.id === unitId)?.symbol ?? '?'));
    return [
      { kind: 'update', table: 'units', ids: [unit.id], set: { name: next.name, parentId: next.parentId, active: next.active } },
      directoryEntry('unit', unit.id, unit.id, {
        action: 'unit.changed',
        data: { symbol: unit.symbol, name: changed.includes('name') ? next.name : null, parentSymbol: changed.includes('parentId') ? (symbolOf(next.parentId) ?? '—') : null, active: changed.includes('active') ? next.active : null },
      }),
    ];
  },
  describe: (s, a) => `Zmiana komórki ${s.office.units.find((u) => u.id === a.id)?.symbol ?? '?'}`,
});

const personFields = {
  fullName: z.string().trim().min(1).max(200),
  position: z.string().trim().max(300),
  role: roleSchema,
  unitId: id,
};

export const addPerson = defineCommand({
  name: 'addPerson',
  args: z.object({ id, login: z.string().max(64), ...personFields }),
  *read() {
    return { office: yield* ask.office() };
  },
  decide(s, a, env) {
    allowRoles(env.actor, ADMIN, 'dodanie pracownika');
    const login = normalLogin(a.login);
    const problems = fieldProblems();
    const taken = loginProblem(login, s.office.users);
    if (taken) problems.add('login', taken);
    const unit = s.office.units.find((u) => u.id === a.unitId && u.active);
    if (!unit) problems.add('unitId', fail('UNIT_NOT_FOUND'));
    problems.throwIfAny();
    const row: PersonRecord = { id: a.id, login, fullName: a.fullName, position: a.position, role: a.role, unitId: a.unitId, active: true };
    return [
      { kind: 'insert', table: 'users', rows: [row] },
      directoryEntry('user', row.id, row.unitId, { action: 'user.added', data: { login, fullName: a.fullName, role: roleLabels[a.role], unitSymbol: unit?.symbol ?? '?' } }),
    ];
  },
  describe: (_s, a) => `Nowy pracownik ${a.fullName}`,
});

/** Whether, after the change, somebody still administers the office. */
function adminsLeft(dir: OfficeDirectory, changedId: string, next: { role: Role; active: boolean }): number {
  return dir.users.filter((u) => (u.id === changedId ? next.active && next.role === 'admin' : u.active && u.role === 'admin')).length;
}

export const changePerson = defineCommand({
  name: 'changePerson',
  args: z.object({ id, ...personFields, active: z.boolean() }),
  *read(a) {
    return { office: yield* ask.office(), work: yield* ask.openWorkOf(a.id) };
  },
  decide(s, a, env: CommandEnv) {
    allowRoles(env.actor, ADMIN, 'zmiana danych pracownika');
    const person = s.office.users.find((u) => u.id === a.id);
    if (!person) throw fail('USER_NOT_FOUND');
    const problems = fieldProblems();
    if (a.unitId !== person.unitId && !s.office.units.some((u) => u.id === a.unitId && u.active)) problems.add('unitId', fail('UNIT_NOT_FOUND'));
    // Nobody locks themself out, and the office always keeps an administrator.
    if (person.id === env.actor.id && (!a.active || a.role !== 'admin')) problems.add(a.active ? 'role' : 'active', fail('DIRECTORY_NOT_YOURSELF'));
    else if (person.active && person.role === 'admin' && adminsLeft(s.office, person.id, a) === 0) problems.add(a.active ? 'role' : 'active', fail('DIRECTORY_LAST_ADMIN'));
    // Cases and letters someone leads go to someone else first (zmiana prowadzącego, dekretacja):
    // a person who left, or who no longer sees the unit, would hold them where nobody works them.
    const leaves = person.active && !a.active;
    if ((leaves || a.unitId !== person.unitId) && (s.work.cases > 0 || s.work.letters > 0)) {
      problems.add(leaves ? 'active' : 'unitId', fail('DIRECTORY_OPEN_WORK', { name: person.fullName, cases: s.work.cases, letters: s.work.letters }));
    }
    problems.throwIfAny();
    const next: PersonRecord = { ...person, fullName: a.fullName, position: a.position, role: a.role, unitId: a.unitId, active: a.active };
    const changed = (['fullName', 'position', 'role', 'unitId', 'active'] as const).filter((k) => next[k] !== person[k]);
    if (changed.length === 0) throw fail('DIRECTORY_NOTHING_CHANGED');
    const symbolOf = (unitId: string) => s.office.units.find((u) => u.id === unitId)?.symbol ?? '?';
    return [
      // Only what changed: the server ends a person's sessions when their role, unit or presence does.
      { kind: 'update', table: 'users', ids: [person.id], set: Object.fromEntries(changed.map((k) => [k, next[k]])) },
      directoryEntry('user', person.id, next.unitId, {
        action: 'user.changed',
        data: {
          login: person.login,
          fullName: next.fullName,
          changes: changed.map((k) =>
            k === 'role' ? `rola: ${roleLabels[next.role]}` : k === 'unitId' ? `komórka: ${symbolOf(person.unitId)} → ${symbolOf(next.unitId)}` : k === 'active' ? (next.active ? 'wraca do pracy' : 'odchodzi z urzędu') : k === 'position' ? `stanowisko: ${next.position}` : `nazwisko: ${person.fullName} → ${next.fullName}`,
          ),
        },
      }),
    ];
  },
  describe: (s, a) => `Zmiana danych: ${s.office.users.find((u) => u.id === a.id)?.fullName ?? '?'}`,
});
