import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { cases } from './cases.ts';
import { decisions } from './decisions.ts';
import { parties } from './parties.ts';
import { units } from './units.ts';

/**
 * Pismo do wysyłki: a signed document waiting for the registry to send it to one addressee.
 * Signing a decision creates one per party; the registry dispatches each by a channel (post,
 * ePUAP / e-Doręczenia package, collection in person), which enters it in the outgoing register
 * (`correspondence_id`). Never deleted; a withdrawn item is `cancelled` with its reason.
 */
export const dispatchItems = sqliteTable(
  'dispatch_items',
  {
    id: text('id').primaryKey(),
    decisionId: text('decision_id').references(() => decisions.id),
    caseId: text('case_id').notNull().references(() => cases.id),
    unitId: text('unit_id').notNull().references(() => units.id),
    partyId: text('party_id').references(() => parties.id),
    addresseeName: text('addressee_name').notNull(),
    addresseeAddress: text('addressee_address').notNull(),
    subject: text('subject').notNull(),
    /** The signed file to send (blob sha256). */
    documentSha256: text('document_sha256').notNull(),
    status: text('status', { enum: ['awaiting', 'dispatched', 'cancelled'] }).notNull(),
    channel: text('channel'),
    correspondenceId: text('correspondence_id'),
    /** Collection in person: who took it, when. */
    collectedBy: text('collected_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    seqInDecision: integer('seq_in_decision').notNull(),
  },
  (t) => [index('dispatch_items_status').on(t.status, t.createdAt), index('dispatch_items_decision').on(t.decisionId), index('dispatch_items_party').on(t.partyId)],
);
