import { checkFailure, type CheckResult } from '#core/checkResult';
import type { Role } from '#core/contract';
import { isCalendarDate, type CalendarDate } from '#core/deadlines/holidays';
import { formatDate } from '#core/time';

// Zastępstwo (substitution): X acts for Y in an inclusive range of office days. X sees Y's
// inboxes and may do what Y may do; every action is recorded with both names (metryka sprawy,
// Rozporządzenie MAiC z 6 marca 2012 r.: "who acted" must be the real person).
//
// This file is also the base the other case rules stand on: the people and units they reason
// about, and "who heads which unit". Decisions:
// - A substitution is not transitive. If A stands in for B and B stands in for C, A does not act
//   for C: B's substitute takes over B's own work, not what B was holding for someone else, and
//   the attribution must name exactly the person whose authority was used. When B is away the
//   head (or admin) sets a direct substitution for C.
// - Acting for someone uses that person's rights only (not the actor's own added to them), so
//   the record "X w zastępstwie: Y" is true: it is Y's authority. Rights of the admin role are
//   never passed on by a substitution (administering the system is not a desk duty that stands
//   in for an absent colleague); see mayActOnCase in core/cases/status.ts.
// - Date ranges are whole office days, inclusive at both ends (`from` and `to` are days the
//   substitute works for the absent person).
// - Two different substitutes may cover the same absent person on the same days (work is often
//   split); only the same pair may not have overlapping ranges: that is one substitution typed
//   twice, and editing it must not leave two rows that disagree about its end.
// - Only the head of the absent person's unit, or of a unit above it, or an admin may set a
//   substitution. A head's own substitute (acting for the head) may set one too: a deputy covers
//   staff falling ill while the head is away. Cancelled substitutions are left out by the caller.

export type { CalendarDate } from '#core/deadlines/holidays';

/** Pracownik: the parts of a user the case rules need. */
export type Person = { id: string; fullName: string; role: Role; unitId: string };

/** A user who may receive work: `active` is false for someone who has left or is blocked. */
export type OfficeUser = Person & { active: boolean };

/** Komórka organizacyjna, as the rules see it: its symbol (GK, GK-I) and its parent. */
export type UnitRef = { id: string; symbol: string; parentId: string | null };

/** Zastępstwo: `substituteId` acts for `forUserId` from `from` to `to`, both days included. */
export type Substitution = {
  id: string;
  substituteId: string;
  forUserId: string;
  from: CalendarDate;
  to: CalendarDate;
  createdBy: string;
};

// ---------------------------------------------------------------------------------------------
// Units

/**
 * The unit and the units above it, nearest first: `['gk-i', 'gk']` for GK-I under GK.
 *
 * An unknown unit gives `[unitId]`. A cycle in bad data stops the climb instead of looping.
 */
export function unitAncestry(unitId: string, units: readonly UnitRef[]): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: string[] = [];
  let current: string | null = unitId;
  while (current !== null && !chain.includes(current)) {
    chain.push(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return chain;
}

/** Whether `unitId` is `ancestorId` itself or lies below it. */
export function isWithinUnit(unitId: string, ancestorId: string, units: readonly UnitRef[]): boolean {
  return unitAncestry(unitId, units).includes(ancestorId);
}

/**
 * Whether `person` is a head (kierownik) of `unitId` or of a unit above it.
 *
 * A head of a department supervises its sub-units: the head of GK may do in GK-I what GK-I's
 * own head may.
 */
export function headsUnit(person: Person, unitId: string, units: readonly UnitRef[]): boolean {
  return person.role === 'head' && isWithinUnit(unitId, person.unitId, units);
}

// ---------------------------------------------------------------------------------------------
// Substitutions in force

/** Whether the substitution covers `day` (both ends included). */
export function coversDay(sub: Substitution, day: CalendarDate): boolean {
  // YYYY-MM-DD with a four-digit year orders as text exactly as it orders in time.
  return sub.from <= day && day <= sub.to;
}

/** The substitutions in force on `today`. */
export function activeSubstitutions(subs: readonly Substitution[], today: CalendarDate): Substitution[] {
  return subs.filter((s) => coversDay(s, today));
}

/** Who may act for `userId` on `today`: the ids of their substitutes, each once, in list order. */
export function whoCanActFor(userId: string, subs: readonly Substitution[], today: CalendarDate): string[] {
  return unique(activeSubstitutions(subs, today).filter((s) => s.forUserId === userId).map((s) => s.substituteId));
}

/**
 * Whose inboxes `userId` sees on `today`: their own first, then those of the people they stand
 * in for. Not transitive (see the decisions at the top of this file).
 */
export function visibleInboxOwners(userId: string, subs: readonly Substitution[], today: CalendarDate): string[] {
  return unique([userId, ...activeSubstitutions(subs, today).filter((s) => s.substituteId === userId).map((s) => s.forUserId)]);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Checks that `actor` may act for `actingFor` on `today` and returns the substitution that
 * allows it.
 *
 * Every rule that accepts `actingFor` calls this first and then judges the action by the rights
 * of `actingFor`.
 */
export function checkActingFor(input: {
  actor: Person;
  actingFor: Person;
  substitutions: readonly Substitution[];
  today: CalendarDate;
}): CheckResult<Substitution> {
  const { actor, actingFor, substitutions, today } = input;
  const found = activeSubstitutions(substitutions, today).find((s) => s.substituteId === actor.id && s.forUserId === actingFor.id);
  if (found === undefined || actor.id === actingFor.id) {
    return checkFailure('ACTING_FOR_NOT_ACTIVE', { absent: actingFor.fullName, date: formatDate(today) });
  }
  return { ok: true, value: found };
}

/**
 * The person whose rights an action uses: `actingFor` once checked, else the actor.
 *
 * Shared by the case rules so that "acting for" means the same everywhere.
 */
export function principal(input: {
  actor: Person;
  actingFor?: Person | null | undefined;
  substitutions: readonly Substitution[];
  today: CalendarDate;
}): CheckResult<Person> {
  const { actor, actingFor } = input;
  if (actingFor === undefined || actingFor === null) return { ok: true, value: actor };
  const allowed = checkActingFor({ actor, actingFor, substitutions: input.substitutions, today: input.today });
  return allowed.ok ? { ok: true, value: actingFor } : allowed;
}

// ---------------------------------------------------------------------------------------------
// Attribution

/** Who did it, as the metryka sprawy and the history show it. */
export type Attribution = { actorName: string; onBehalfOfName: string | null; text: string };

/**
 * The attribution line: "Anna Nowak" or "Anna Nowak w zastępstwie: Jan Kowalski".
 *
 * Polish wants the genitive after "w zastępstwie" (Jana Kowalskiego), and declining names by
 * rule gets many surnames wrong (Nowak, Kowalska, foreign names). The colon turns the second
 * name into a labelled value, which stays correct in the nominative for everyone.
 */
export function attribution(input: { actor: { fullName: string }; actingFor?: { fullName: string } | null | undefined }): Attribution {
  const actorName = input.actor.fullName.trim();
  const onBehalfOfName = input.actingFor === undefined || input.actingFor === null ? null : input.actingFor.fullName.trim();
  return {
    actorName,
    onBehalfOfName,
    text: onBehalfOfName === null ? actorName : `${actorName} w zastępstwie: ${onBehalfOfName}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Setting a substitution

/** Who is setting a substitution, and what the rule needs to know about the office. */
export type SubstitutionSetter = {
  actor: Person;
  actingFor?: Person | null | undefined;
  today: CalendarDate;
  users: readonly OfficeUser[];
  units: readonly UnitRef[];
};

/**
 * Checks a new or edited substitution against the existing ones and the setter's rights.
 *
 * In order: both dates exist, `from` ≤ `to`, it does not end before `today` (a range wholly in
 * the past is nearly always a mistyped year, and a past day cannot be acted on anyway), not
 * oneself, both people known, the substitute active, the setter allowed (admin in their own
 * name, or the head of the absent person's unit or of a unit above it, or that head's
 * substitute), and no overlap with another substitution of the same pair. An existing row with
 * the same `id` is the one being edited and is not compared with itself.
 */
export function checkSubstitution(
  candidate: Substitution,
  existing: readonly Substitution[],
  who: SubstitutionSetter,
): CheckResult<Substitution> {
  for (const day of [candidate.from, candidate.to]) {
    if (!isCalendarDate(day)) return checkFailure('CALENDAR_DATE_INVALID', { input: String(day) });
  }
  if (candidate.from > candidate.to) {
    return checkFailure('SUBSTITUTION_RANGE', { from: formatDate(candidate.from), to: formatDate(candidate.to) });
  }
  if (candidate.to < who.today) return checkFailure('SUBSTITUTION_IN_PAST', { to: formatDate(candidate.to) });
  if (candidate.substituteId === candidate.forUserId) return checkFailure('SUBSTITUTION_SELF');

  const substitute = who.users.find((u) => u.id === candidate.substituteId);
  const absent = who.users.find((u) => u.id === candidate.forUserId);
  if (substitute === undefined || absent === undefined) return checkFailure('USER_NOT_FOUND');
  if (!substitute.active) return checkFailure('SUBSTITUTE_INACTIVE', { name: substitute.fullName });

  const setter = principal({ actor: who.actor, actingFor: who.actingFor, substitutions: existing, today: who.today });
  if (!setter.ok) return setter;
  const isOwnAdmin = setter.value.id === who.actor.id && who.actor.role === 'admin';
  if (!isOwnAdmin && !headsUnit(setter.value, absent.unitId, who.units)) {
    return checkFailure('SUBSTITUTION_FORBIDDEN', { absent: absent.fullName });
  }

  const clash = existing.find(
    (s) =>
      s.id !== candidate.id &&
      s.substituteId === candidate.substituteId &&
      s.forUserId === candidate.forUserId &&
      s.from <= candidate.to &&
      candidate.from <= s.to,
  );
  if (clash !== undefined) {
    return checkFailure('SUBSTITUTION_OVERLAP', {
      substitute: substitute.fullName,
      absent: absent.fullName,
      from: formatDate(clash.from),
      to: formatDate(clash.to),
    });
  }
  return { ok: true, value: candidate };
}
