import type { Handlers } from '#core/services/handlers';
import type { Party, PartyInput } from '#core/contract';
import { type partyInputSchema } from '#core/contract';
import { requireUser } from '#core/services/access';
import { runCommand } from '#core/services/commands';
import { foldText } from '#core/text/fold';
import { insertParty, searchParties, findPartyByIdentifier, type PartyRow } from '#db/partyRepo';
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

type ParsedPartyInput = ReturnType<typeof partyInputSchema.parse>;

function displayName(p: ParsedPartyInput): string {
  if (p.kind === 'person') return [p.firstName, p.lastName].filter(Boolean).join(' ');
  return p.name ?? '';
}

export const partiesHandlers = {
  'parties.search': (ctx, { q, limit }) => {
    requireUser(ctx);
    const words = foldText(q).split(/\s+/).filter(Boolean);
    return searchParties(ctx.store, words, limit).map(toParty);
  },
  'parties.create': (ctx, input) => {
    const user = requireUser(ctx);
    return runCommand(ctx, user, 'createParty', input, (c) => {
      const existing = findPartyByIdentifier(ctx.store, { pesel: input.pesel ?? null, nip: input.nip ?? null });
      if (existing) throw fail('PARTY_EXISTS', { name: existing.name });
      const name = displayName(input);
      const row: PartyRow = {
        id: crypto.randomUUID(),
        kind: input.kind,
        name,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        pesel: input.pesel ?? null,
        nip: input.nip ?? null,
        regon: input.regon ?? null,
        street: input.street ?? null,
        postalCode: input.postalCode ?? null,
        city: input.city ?? null,
        country: 'Polska',
        email: input.email ?? null,
        phone: input.phone ?? null,
        electronicAddress: input.electronicAddress ?? null,
        searchText: foldText([name, input.pesel, input.nip, input.regon, input.city, input.street].filter(Boolean).join(' ')),
        createdAt: c.nowIso,
        createdBy: c.user.id,
      };
      insertParty(ctx.store, row);
      c.event({ action: 'party.created', entityType: 'party', entityId: row.id, summary: `Dodano stronę: ${name}` });
      c.push('createParty', { id: row.id, party: input }, `Nowa strona: ${name}`);
      return toParty(row);
    });
  },
} satisfies Handlers<'parties.search' | 'parties.create'>;

export type { PartyInput };
