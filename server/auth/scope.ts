import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import { warsawDate } from '#core/time';
import { fail } from '#core/errors';
import type { SessionUser } from '#sync/protocol';
import type { ServerDb } from '#server/db/open';
import { units } from '#server/db/schema/units';
import { users } from '#server/db/schema/users';
import { substitutions } from '#server/db/schema/records';
import { feedCache } from '#server/db/changeFeed';

/**
 * The units whose records a user may see and act on.
 *
 * The workstation's rule (core/services/scope.ts): the registry office and admins see every
 * unit; a head or a clerk sees their own unit and its sub-units (GK sees GK-I). `extraRoots`
 * adds units reached another way — the units of people one substitutes for today, once the
 * server keeps substitutions.
 */
export type UnitScope = { readonly all: true } | { readonly all: false; readonly unitIds: ReadonlySet<string> };

type UnitLink = { id: string; parentId: string | null };

/** The scope as a pure function of the user and the unit tree. */
export function unitScopeOf(user: Pick<SessionUser, 'role' | 'unitId'>, tree: readonly UnitLink[], extraRoots: readonly string[] = []): UnitScope {
  if (user.role === 'registry' || user.role === 'admin') return { all: true };
  const out = new Set<string>([user.unitId, ...extraRoots]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of tree) {
      if (u.parentId !== null && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return { all: false, unitIds: out };
}

/** Loads the unit tree and computes the user's scope. */
export async function loadUnitScope(db: ServerDb, user: Pick<SessionUser, 'role' | 'unitId'>, extraRoots: readonly string[] = []): Promise<UnitScope> {
  if (user.role === 'registry' || user.role === 'admin') return { all: true };
  const tree = await db.select({ id: units.id, parentId: units.parentId }).from(units);
  return unitScopeOf(user, tree, extraRoots);
}

export function inUnitScope(scope: UnitScope, unitId: string): boolean {
  return scope.all || scope.unitIds.has(unitId);
}

/** Throws SERVER_OUT_OF_UNIT_SCOPE (403) unless `unitId` is in the scope. */
export async function requireUnitInScope(db: ServerDb, scope: UnitScope, unitId: string): Promise<void> {
  if (inUnitScope(scope, unitId)) return;
  const [u] = await db.select({ symbol: units.symbol }).from(units).where(eq(units.id, unitId));
  throw fail('SERVER_OUT_OF_UNIT_SCOPE', { unit: u?.symbol ?? unitId });
}

/**
 * The user's units, and today (server clock) those of the people they substitute: a substitute
 * sees the absent person's trays, on the server as on the workstation.
 */
export async function scopeToday(db: ServerDb, user: Pick<SessionUser, 'id' | 'role' | 'unitId'>): Promise<UnitScope> {
  const today = warsawDate(new Date());
  if (user.role === 'registry' || user.role === 'admin') return { all: true };
  // Remembered by the process until the directory (units, people, zastępstwa) changes: a pull
  // and a push ask it on every request (server/db/changeFeed.ts). The date is in the key: a
  // zastępstwo starts and ends with the day.
  const cache = feedCache<string, UnitScope>(db, 'unit-scopes', { maxAgeMs: 60_000, maxEntries: 20_000, forgets: (change) => change.what !== 'session' });
  return cache.through(`${user.id}|${user.role}|${user.unitId}|${today}`, async () => ({ value: await readScopeToday(db, user, today) }));
}

async function readScopeToday(db: ServerDb, user: Pick<SessionUser, 'id' | 'role' | 'unitId'>, today: string): Promise<UnitScope> {
  const rows = await db
    .select({ unitId: users.unitId })
    .from(substitutions)
    .innerJoin(users, eq(users.id, substitutions.forUserId))
    .where(and(eq(substitutions.substituteId, user.id), isNull(substitutions.cancelledAt), lte(substitutions.fromOn, today), gte(substitutions.toOn, today)));
  return loadUnitScope(db, user, rows.map((r) => r.unitId));
}
