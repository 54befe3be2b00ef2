import type { Handlers } from '#core/services/handlers';
import type { Party, PartyInput } from '#core/contract';
import { requireUser } from '#core/services/access';
import { execute } from '#core/services/execute';
import { createParty } from '#core/commands/intake';
import { foldText } from '#core/text/fold';
import { getParty, searchParties, type PartyRow } from '#db/partyRepo';
import { fail } from '#core/errors';

export function toParty(r: PartyRow): Party {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    firstName: r.firstName,
    lastName: r.lastName,
    pesel: r.pesel,
    nip: r.nip,
    regon: r.regon,
    street: r.street,
    postalCode: r.postalCode,
    city: r.city,
    email: r.email,
    phone: r.phone,
    electronicAddress: r.electronicAddress,
  };
}

/** One line of a party's postal address: "ul. Polna 3, 00-950 Łódź". */
export function partyAddress(p: { street: string | null; postalCode: string | null; city: string | null }): string {
  const town = [p.postalCode, p.city].filter(Boolean).join(' ');
  return [p.street, town].filter(Boolean).join(', ');
}

export const partiesHandlers = {
  'parties.search': (ctx, { q, limit }) => {
    requireUser(ctx);
    const words = foldText(q).split(/\s+/).filter(Boolean);
    return searchParties(ctx.store, words, limit).map(toParty);
  },
  'parties.create': (ctx, input) => {
    const user = requireUser(ctx);
    const id = crypto.randomUUID();
    execute(ctx, user, createParty, { id, party: input });
    const row = getParty(ctx.store, id);
    if (!row) throw fail('PARTY_NOT_FOUND');
    return toParty(row);
  },
} satisfies Handlers<'parties.search' | 'parties.create'>;

export type { PartyInput };
