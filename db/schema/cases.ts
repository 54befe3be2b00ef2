import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units } from './units.ts';
import { users } from './users.ts';
import { parties } from './parties.ts';
import { correspondence } from './correspondence.ts';

/**
 * Sprawa: a unit of administrative work under its case sign (znak sprawy).
 *
 * The sign's sequence comes from the unit's case register (spis spraw) for the JRWA class and
 * year, allocated like register numbers (counter in the command's transaction, UNIQUE below).
 * `sign` is null while only a provisional label exists (opened offline). Never deleted.
 */
export const cases = sqliteTable(
  'cases',
  {
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    unitId: text('unit_id').notNull().references(() => units.id),
    /** The unit symbol as it was when the sign was given (a symbol belongs to one unit per year). */
    unitSymbol: text('unit_symbol').notNull(),
    jrwaSymbol: text('jrwa_symbol').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq'),
    sign: text('sign'),
    provisionalLabel: text('provisional_label'),
    title: text('title').notNull(),
    ownerId: text('owner_id').notNull().references(() => users.id),
    status: text('status', { enum: ['opened', 'in_progress', 'suspended', 'closed', 'cancelled'] }).notNull(),
    /** Which term applies (core/deadlines kinds), and the office day the term runs from. */
    deadlineKind: text('deadline_kind').notNull(),
    startedOn: text('started_on').notNull(),
    dueOn: text('due_on'),
    openedAt: text('opened_at').notNull(),
    openedBy: text('opened_by').notNull().references(() => users.id),
    closedOn: text('closed_on'),
    cancelReason: text('cancel_reason'),
    remarks: text('remarks'),
    revision: integer('revision').notNull().default(1),
  },
  (t) => [
    uniqueIndex('cases_sign_number').on(t.unitId, t.jrwaSymbol, t.year, t.seq),
    index('cases_owner').on(t.ownerId, t.status),
    index('cases_unit').on(t.unitId, t.status, t.dueOn),
    index('cases_due').on(t.status, t.dueOn),
  ],
);

/**
 * Strony sprawy. A party taken off the case keeps its row with the removal mark: who was a party
 * and when is part of the case's record (and a pull carries the mark to every replica).
 */
export const caseParties = sqliteTable(
  'case_parties',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    partyId: text('party_id').notNull().references(() => parties.id),
    role: text('role', { enum: ['strona', 'wnioskodawca', 'pelnomocnik', 'uczestnik'] }).notNull(),
    addedAt: text('added_at').notNull(),
    removedAt: text('removed_at'),
    removedBy: text('removed_by'),
    removalReason: text('removal_reason'),
  },
  (t) => [uniqueIndex('case_parties_pk').on(t.caseId, t.partyId)],
);

/** Letters in a case's file; the first one that started it fills the spis spraw's "from" columns. */
export const caseItems = sqliteTable(
  'case_items',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    correspondenceId: text('correspondence_id').notNull().references(() => correspondence.id),
    initiating: integer('initiating', { mode: 'boolean' }).notNull(),
    linkedAt: text('linked_at').notNull(),
    linkedBy: text('linked_by').notNull().references(() => users.id),
  },
  (t) => [uniqueIndex('case_items_pk').on(t.caseId, t.correspondenceId), index('case_items_letter').on(t.correspondenceId)],
);

/**
 * Documents in a case's file that are not registered letters: a scan of a site visit, a map, a
 * file received by hand. Never removed (akta sprawy keep what was put in them).
 */
export const caseDocuments = sqliteTable(
  'case_documents',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    title: text('title').notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
  },
  (t) => [index('case_documents_case').on(t.caseId)],
);

/** A colleague asked for an opinion on a case; answered when they write their opinion into it. */
export const opinionRequests = sqliteTable(
  'opinion_requests',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    askedBy: text('asked_by').notNull(),
    askedOf: text('asked_of').notNull(),
    question: text('question').notNull(),
    askedAt: text('asked_at').notNull(),
    dueOn: text('due_on'),
    answeredAt: text('answered_at'),
  },
  (t) => [index('opinion_requests_case').on(t.caseId), index('opinion_requests_of').on(t.askedOf, t.answeredAt)],
);

/** Periods a case was suspended (KPA art. 35 §5: not counted in its term). */
export const caseSuspensions = sqliteTable(
  'case_suspensions',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    fromOn: text('from_on').notNull(),
    toOn: text('to_on'),
    reason: text('reason').notNull(),
  },
  (t) => [index('case_suspensions_case').on(t.caseId)],
);
