import { eq, or, asc, sql } from 'drizzle-orm';
import type { Store } from '#db/store';
import { parties } from '#db/schema/index';

export type PartyRow = typeof parties.$inferSelect;

export function insertParty(store: Store, p: typeof parties.$inferInsert) {
  store.db.insert(parties).values(p).run();
}

export function getParty(store: Store, id: string): PartyRow | null {
  return store.db.select().from(parties).where(eq(parties.id, id)).get() ?? null;
}

/** Type-ahead: parties whose folded text contains every folded word typed. */
export function searchParties(store: Store, foldedWords: string[], limit: number): PartyRow[] {
  const [first, ...rest] = foldedWords;
  if (!first) return store.db.select().from(parties).orderBy(asc(parties.name)).limit(limit).all();
  const escape = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = store.db
    .select()
    .from(parties)
    .where(sql`${parties.searchText} LIKE ${`%${escape(first)}%`} ESCAPE '\\'`)
    .orderBy(asc(parties.name))
    .limit(limit * 20)
    .all();
  return rows.filter((r) => rest.every((w) => r.searchText.includes(w))).slice(0, limit);
}

/** Parties with this e-mail address (compared without regard to case), oldest first. */
export function partiesWithEmail(store: Store, email: string): PartyRow[] {
  return store.db.select().from(parties).where(sql`lower(${parties.email}) = ${email.toLowerCase()}`).orderBy(asc(parties.createdAt)).limit(5).all();
}

/** Parties with this electronic address (AE:PL-… or an ePUAP box), oldest first. */
export function partiesWithElectronicAddress(store: Store, address: string): PartyRow[] {
  return store.db.select().from(parties).where(sql`upper(${parties.electronicAddress}) = ${address.toUpperCase()}`).orderBy(asc(parties.createdAt)).limit(5).all();
}

export function findPartyByIdentifier(store: Store, id: { pesel?: string | null; nip?: string | null }): PartyRow | null {
  const conds = [id.pesel ? eq(parties.pesel, id.pesel) : undefined, id.nip ? eq(parties.nip, id.nip) : undefined].filter((c) => c !== undefined);
  if (conds.length === 0) return null;
  return store.db.select().from(parties).where(or(...conds)).get() ?? null;
}
