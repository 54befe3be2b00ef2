import { and, asc, eq, sql } from 'drizzle-orm';
import type { Store } from '#db/store';
import { units, users } from '#db/schema/index';

/** Units and users of the office (the organisational directory). */
export function listUnits(store: Store) {
  return store.db.select().from(units).where(eq(units.active, true)).orderBy(asc(units.symbol)).all();
}

// A person as the office's screens name them: active, with their unit's symbol.
function activeUsers(store: Store) {
  return store.db
    .select({
      id: users.id,
      login: users.login,
      fullName: users.fullName,
      position: users.position,
      role: users.role,
      unitId: users.unitId,
      unitSymbol: units.symbol,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .$dynamic();
}

export function listUsers(store: Store) {
  return activeUsers(store).where(eq(users.active, true)).orderBy(asc(users.fullName)).all();
}

/** One active person (by key: an office of thousands is not listed to find one). */
export function getUser(store: Store, id: string) {
  return activeUsers(store).where(and(eq(users.active, true), eq(users.id, id))).get() ?? null;
}

export function insertUnit(store: Store, u: typeof units.$inferInsert) {
  store.db.insert(units).values(u).run();
}

export function insertUser(store: Store, u: typeof users.$inferInsert) {
  store.db.insert(users).values(u).run();
}

export function unitCount(store: Store): number {
  return store.db.select({ n: sql<number>`count(*)` }).from(units).get()?.n ?? 0;
}

/** A person's name whether or not they still work here (records name former staff too). */
export function anyUserName(store: Store, id: string): string | null {
  return store.db.select({ fullName: users.fullName }).from(users).where(eq(users.id, id)).get()?.fullName ?? null;
}

/** The whole directory for its administrator: units and people, closed units and former staff included. */
export function wholeDirectory(store: Store) {
  return {
    units: store.db.select().from(units).orderBy(asc(units.symbol)).all(),
    people: store.db.select().from(users).orderBy(asc(users.fullName)).all(),
  };
}
