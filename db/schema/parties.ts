import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';

/** Strona / nadawca / adresat: a person, company or institution. */
export const parties = sqliteTable(
  'parties',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['person', 'company', 'institution'] }).notNull(),
    name: text('name').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    pesel: text('pesel'),
    nip: text('nip'),
    regon: text('regon'),
    street: text('street'),
    postalCode: text('postal_code'),
    city: text('city'),
    country: text('country').notNull().default('Polska'),
    email: text('email'),
    phone: text('phone'),
    /**
     * Adres do doręczeń elektronicznych: an e-Doręczenia address (`AE:PL-…`) or an ePUAP box
     * (`/identyfikator/skrytka`), where outgoing letters go electronically.
     */
    electronicAddress: text('electronic_address'),
    /** Name, identifiers and city folded to ASCII lower case (ł→l): what type-ahead matches. */
    searchText: text('search_text').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('parties_search').on(t.searchText), index('parties_pesel').on(t.pesel), index('parties_nip').on(t.nip)],
);
