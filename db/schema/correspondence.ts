import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { parties } from './parties.ts';
import { units } from './units.ts';
import { users } from './users.ts';

/**
 * Przesyłka: one letter in (and later out) with its register number.
 *
 * `pk` is the local integer key (FTS rowid, cheap joins); `id` is the global identity that sync
 * uses. A final number (`seq`, `number`) comes from the numbering authority; until then the row
 * carries only its `provisional_label`, which stays findable forever because receipts and labels
 * may have been printed with it. Rows are never deleted: cancellation sets `status`.
 */
export const correspondence = sqliteTable(
  'correspondence',
  {
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    register: text('register').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq'),
    number: text('number'),
    provisionalLabel: text('provisional_label'),
    status: text('status', { enum: ['registered', 'cancelled'] }).notNull(),
    receivedAt: text('received_at').notNull(),
    channel: text('channel', {
      enum: ['paper', 'epuap', 'edoreczenia', 'email', 'fax', 'in_person', 'registered', 'registered_priority', 'ordinary', 'ordinary_priority'],
    }).notNull(),
    /** The other party: the sender of an incoming letter, the addressee of an outgoing one. */
    senderId: text('sender_id').notNull().references(() => parties.id),
    senderName: text('sender_name').notNull(),
    senderReference: text('sender_reference'),
    letterDate: text('letter_date'),
    subject: text('subject').notNull(),
    attachmentsCount: integer('attachments_count').notNull().default(0),
    trackingNumber: text('tracking_number'),
    remarks: text('remarks'),
    unitId: text('unit_id').notNull().references(() => units.id),
    statusCode: text('status_code').notNull().unique(),
    registeredBy: text('registered_by').notNull().references(() => users.id),
    registeredAt: text('registered_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    revision: integer('revision').notNull().default(1),
    cancelReason: text('cancel_reason'),
    /** Outgoing letters: the case they answer, and what the postal dispatch book needs. */
    caseId: text('case_id'),
    postageGrosze: integer('postage_grosze'),
    massGrams: integer('mass_grams'),
    dispatchedOn: text('dispatched_on'),
    delivery: text('delivery'),
    /** Incoming paper letters: the day of posting (data nadania) and with whom, which decide timeliness (KPA art. 57 §5). */
    postmarkedOn: text('postmarked_on'),
    postmarkOperator: text('postmark_operator', { enum: ['designated', 'other'] }),
    /** An incoming letter that is an appeal against a decision, or a party's waiver of it (art. 127a). */
    appealDecisionId: text('appeal_decision_id'),
    appealKind: text('appeal_kind', { enum: ['appeal', 'waiver'] }),
    appealPartyId: text('appeal_party_id'),
    /** The sender's own identifier of an electronic letter (an e-mail's Message-ID): the same one registered twice is caught. */
    externalId: text('external_id'),
    /** Registered post sent "za potwierdzeniem odbioru" (ZPO): a return card comes back. */
    returnReceipt: integer('return_receipt', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('correspondence_number').on(t.register, t.year, t.seq),
    // The register's default order (newest number first) read straight from an index; rowid
    // (pk) completes the order, so no sort step even for deep pages.
    index('correspondence_order').on(t.direction, t.year, t.seq),
    index('correspondence_received').on(t.direction, t.receivedAt),
    index('correspondence_unit').on(t.unitId, t.receivedAt),
    index('correspondence_channel').on(t.channel, t.receivedAt),
    index('correspondence_sender_ref').on(t.senderId, t.senderReference),
    index('correspondence_provisional').on(t.provisionalLabel),
    index('correspondence_number_text').on(t.number),
    index('correspondence_dispatched').on(t.direction, t.dispatchedOn),
    index('correspondence_appeal').on(t.appealDecisionId),
    index('correspondence_external').on(t.externalId),
  ],
);

/** Scans (skany) attached to a letter, in page order; the bytes live in the blob store. */
export const correspondenceScans = sqliteTable(
  'correspondence_scans',
  {
    correspondenceId: text('correspondence_id').notNull().references(() => correspondence.id),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    position: integer('position').notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
  },
  (t) => [uniqueIndex('scans_pk').on(t.correspondenceId, t.sha256), index('scans_sha').on(t.sha256)],
);
