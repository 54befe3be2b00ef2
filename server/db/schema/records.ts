import { pgTable, uuid, text, integer, bigint, boolean, index, uniqueIndex, primaryKey, customType, jsonb, timestamp, foreignKey } from 'drizzle-orm/pg-core';
import type { SignedOver } from '#core/commands/records';
import { units } from './units.ts';
import { users } from './users.ts';

// The office's records as the server keeps them: the authoritative copy every workstation
// replicates (DESIGN.md "Sync"). Each top-level record carries `version`, the server version of
// the write transaction that last changed it or anything inside it (scans, assignments, case
// parties); a pull returns the records above the client's cursor.
//
// Instants and office days are kept as the ISO text the workstations write
// (`2026-11-22T10:00:00.000Z`, `2026-11-22`): they travel and compare unchanged, and an office
// day is not an instant.

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** Strona / nadawca / adresat. */
export const parties = pgTable(
  'parties',
  {
    id: uuid('id').primaryKey(),
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
    country: text('country').notNull(),
    email: text('email'),
    phone: text('phone'),
    electronicAddress: text('electronic_address'),
    createdAt: text('created_at').notNull(),
    createdBy: uuid('created_by').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [index('parties_version').on(t.version), index('parties_pesel').on(t.pesel), index('parties_nip').on(t.nip)],
);

/** Przesyłka with its register number, given here and nowhere else. Never deleted. */
export const correspondence = pgTable(
  'correspondence',
  {
    id: uuid('id').primaryKey(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    register: text('register').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    /** The label the workstation printed before the number came back (receipts carry it). */
    provisionalLabel: text('provisional_label'),
    status: text('status', { enum: ['registered', 'cancelled'] }).notNull(),
    receivedAt: text('received_at').notNull(),
    channel: text('channel').notNull(),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => parties.id),
    senderName: text('sender_name').notNull(),
    senderReference: text('sender_reference'),
    letterDate: text('letter_date'),
    subject: text('subject').notNull(),
    attachmentsCount: integer('attachments_count').notNull(),
    trackingNumber: text('tracking_number'),
    remarks: text('remarks'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    statusCode: text('status_code').notNull().unique(),
    registeredBy: uuid('registered_by')
      .notNull()
      .references(() => users.id),
    registeredAt: text('registered_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    revision: integer('revision').notNull(),
    cancelReason: text('cancel_reason'),
    caseId: uuid('case_id'),
    /** Outgoing letters: what the postal dispatch book needs. */
    postageGrosze: integer('postage_grosze'),
    massGrams: integer('mass_grams'),
    dispatchedOn: text('dispatched_on'),
    delivery: text('delivery'),
    postmarkedOn: text('postmarked_on'),
    postmarkOperator: text('postmark_operator', { enum: ['designated', 'other'] }),
    appealDecisionId: uuid('appeal_decision_id'),
    appealKind: text('appeal_kind', { enum: ['appeal', 'waiver'] }),
    appealPartyId: uuid('appeal_party_id'),
    externalId: text('external_id'),
    returnReceipt: boolean('return_receipt').notNull().default(false),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('correspondence_number').on(t.register, t.year, t.seq),
    index('correspondence_version').on(t.version),
    index('correspondence_unit').on(t.unitId, t.version),
    index('correspondence_sender_ref').on(t.senderId, t.senderReference),
    index('correspondence_appeal').on(t.appealDecisionId),
    index('correspondence_external').on(t.externalId),
  ],
);

export const correspondenceScans = pgTable(
  'correspondence_scans',
  {
    correspondenceId: uuid('correspondence_id')
      .notNull()
      .references(() => correspondence.id),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    position: integer('position').notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: uuid('added_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.correspondenceId, t.sha256] }), index('scans_sha').on(t.sha256)],
);

/** Dekretacja; rows are never rewritten, only their state changes. */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey(),
    correspondenceId: uuid('correspondence_id')
      .notNull()
      .references(() => correspondence.id),
    assignedBy: uuid('assigned_by').notNull(),
    onBehalfOf: uuid('on_behalf_of'),
    assigneeUserId: uuid('assignee_user_id'),
    assigneeUnitId: uuid('assignee_unit_id'),
    instruction: text('instruction', { enum: ['do_zalatwienia', 'do_wiadomosci', 'do_opinii'] }).notNull(),
    deadline: text('deadline'),
    note: text('note'),
    at: text('at').notNull(),
    state: text('state', { enum: ['active', 'done', 'withdrawn'] }).notNull(),
  },
  (t) => [index('assignments_item').on(t.correspondenceId), index('assignments_user').on(t.assigneeUserId, t.state)],
);

/** Sprawa with its sign, given here and nowhere else. Never deleted. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    unitSymbol: text('unit_symbol').notNull(),
    jrwaSymbol: text('jrwa_symbol').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    sign: text('sign').notNull(),
    provisionalLabel: text('provisional_label'),
    title: text('title').notNull(),
    ownerId: uuid('owner_id').notNull(),
    status: text('status', { enum: ['opened', 'in_progress', 'suspended', 'closed', 'cancelled'] }).notNull(),
    deadlineKind: text('deadline_kind').notNull(),
    startedOn: text('started_on').notNull(),
    dueOn: text('due_on'),
    openedAt: text('opened_at').notNull(),
    openedBy: uuid('opened_by').notNull(),
    closedOn: text('closed_on'),
    cancelReason: text('cancel_reason'),
    remarks: text('remarks'),
    revision: integer('revision').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('cases_sign_number').on(t.unitId, t.jrwaSymbol, t.year, t.seq), index('cases_version').on(t.version), index('cases_unit').on(t.unitId, t.version)],
);

export const caseParties = pgTable(
  'case_parties',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    role: text('role', { enum: ['strona', 'wnioskodawca', 'pelnomocnik', 'uczestnik'] }).notNull(),
    addedAt: text('added_at').notNull(),
    /** A party taken off the case keeps its row with this mark (the case's record). */
    removedAt: text('removed_at'),
    removedBy: uuid('removed_by'),
    removalReason: text('removal_reason'),
  },
  // By party too: a pull asks which parties the person's cases name.
  (t) => [primaryKey({ columns: [t.caseId, t.partyId] }), index('case_parties_party').on(t.partyId)],
);

export const caseItems = pgTable(
  'case_items',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    correspondenceId: uuid('correspondence_id')
      .notNull()
      .references(() => correspondence.id),
    initiating: boolean('initiating').notNull(),
    linkedAt: text('linked_at').notNull(),
    linkedBy: uuid('linked_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.correspondenceId] }), uniqueIndex('case_items_letter').on(t.correspondenceId)],
);

/** Documents in a case's file that are not registered letters (never removed). */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    title: text('title').notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: uuid('added_by').notNull(),
  },
  // By hash too: whether a person may read a blob asks which cases hold it.
  (t) => [index('case_documents_case').on(t.caseId), index('case_documents_sha256').on(t.sha256)],
);

/** A colleague asked for an opinion on a case; answered when they write their opinion into it. */
export const opinionRequests = pgTable(
  'opinion_requests',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    askedBy: uuid('asked_by').notNull(),
    askedOf: uuid('asked_of').notNull(),
    question: text('question').notNull(),
    askedAt: text('asked_at').notNull(),
    dueOn: text('due_on'),
    answeredAt: text('answered_at'),
  },
  (t) => [index('opinion_requests_case').on(t.caseId)],
);

export const caseSuspensions = pgTable(
  'case_suspensions',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    fromOn: text('from_on').notNull(),
    toOn: text('to_on'),
    reason: text('reason').notNull(),
  },
  (t) => [index('case_suspensions_case').on(t.caseId)],
);

/**
 * The metryka: who did what to which letter or case, as workstations show it. Its ids are the
 * ones the acting workstation gave its own entries, so a replica never holds one twice. The
 * tamper evidence is the audit log's hash chain, written in the same transaction.
 */
export const recordEvents = pgTable(
  'record_events',
  {
    id: uuid('id').primaryKey(),
    at: text('at').notNull(),
    actorId: uuid('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    actorPosition: text('actor_position').notNull(),
    onBehalfOfId: uuid('on_behalf_of_id'),
    onBehalfOfName: text('on_behalf_of_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    // Text: the office's settings and a template (its code) have entries too, not only records.
    entityId: text('entity_id').notNull(),
    documentRef: text('document_ref'),
    summary: text('summary').notNull(),
    data: text('data').notNull(),
    /** The unit whose people may see it (the letter's or case's unit when written). */
    unitId: uuid('unit_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    /**
     * The entry's place in the office's metryka, fixed when it is written (a move to another
     * unit changes its version, never this): every replica chains its entries in this order,
     * so a replica's chain is the same whenever and however its entries arrived.
     */
    ordinal: bigint('ordinal', { mode: 'number' }).generatedAlwaysAsIdentity(),
  },
  (t) => [index('record_events_version').on(t.version), index('record_events_entity').on(t.entityType, t.entityId)],
);

/**
 * A record moved to another unit (a letter forwarded GK → FN), at the version of the move: the
 * pull tells the people of the unit it left to drop it from their replicas.
 */
export const recordMoves = pgTable(
  'record_moves',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    fromUnitId: uuid('from_unit_id').notNull(),
    toUnitId: uuid('to_unit_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [index('record_moves_version').on(t.version)],
);

/**
 * A content-addressed file (scan, signed PDF), uploaded in pieces (tus-style offsets) before
 * the command that refers to it; visible once its bytes hash to its name.
 */
/**
 * A whole file the office holds, named by the SHA-256 of its bytes. Only files that arrived
 * whole and hashed to their name are here; an upload in progress is a person's own
 * (`blobUploads`). Size, type, pages and what a signature in it covers are read from the bytes.
 */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  pageCount: integer('page_count').notNull().default(1),
  /** Who completed it first (everyone who sent the same bytes: `blobSenders`). */
  uploadedBy: uuid('uploaded_by').notNull(),
  createdAt: text('created_at').notNull(),
  /** The decision a signature in this PDF covers (core/decisions/signedMark.ts); null for anything else. */
  signedOver: jsonb('signed_over').$type<SignedOver>(),
});

export const blobChunks = pgTable(
  'blob_chunks',
  {
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    offset: bigint('offset', { mode: 'number' }).notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.offset] })],
);

/**
 * Everyone who sent a file whole: they may read it back even if no record names it yet. Two
 * people sending the same bytes each upload them (nobody learns that the office holds a file
 * they may not read); the second upload is checked and dropped.
 */
export const blobSenders = pgTable(
  'blob_senders',
  {
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    userId: uuid('user_id').notNull(),
    /** When they sent it: the daily upload quota counts what a person sent in the last 24 hours. */
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.userId] }), index('blob_senders_user_sent').on(t.userId, t.sentAt)],
);

/**
 * One person's upload in progress (tus-style, resumable). Each person's is separate, so no one
 * can fix a file's size for others by starting it with a false one; untouched ones expire.
 */
export const blobUploads = pgTable(
  'blob_uploads',
  {
    sha256: text('sha256').notNull(),
    userId: uuid('user_id').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    received: bigint('received', { mode: 'number' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    touchedAt: timestamp('touched_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.userId] }), index('blob_uploads_touched').on(t.touchedAt)],
);

export const uploadChunks = pgTable(
  'upload_chunks',
  {
    sha256: text('sha256').notNull(),
    userId: uuid('user_id').notNull(),
    offset: bigint('offset', { mode: 'number' }).notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.userId, t.offset] }), foreignKey({ columns: [t.sha256, t.userId], foreignColumns: [blobUploads.sha256, blobUploads.userId] }).onDelete('cascade')],
);

/** Kwarantanna: commands the rules refused, with the reason, kept for the people concerned. */
export const quarantine = pgTable(
  'quarantine',
  {
    clientId: uuid('client_id').notNull(),
    mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    args: text('args').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.mutationId] }), index('quarantine_user').on(t.userId)],
);

/** Zastępstwo: one person acts for another in an inclusive range of office days. */
export const substitutions = pgTable(
  'substitutions',
  {
    id: uuid('id').primaryKey(),
    substituteId: uuid('substitute_id')
      .notNull()
      .references(() => users.id),
    forUserId: uuid('for_user_id')
      .notNull()
      .references(() => users.id),
    fromOn: text('from_on').notNull(),
    toOn: text('to_on').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    cancelledAt: text('cancelled_at'),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [index('substitutions_substitute').on(t.substituteId, t.fromOn)],
);

/** Decyzja (or another letter drafted in a case), as on the workstation; numbered in `DEC/<year>` when signed. */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    typeCode: text('type_code').notNull(),
    status: text('status', { enum: ['draft', 'submitted', 'returned', 'approved', 'signed', 'cancelled'] }).notNull(),
    currentVersion: integer('current_version').notNull(),
    authorId: uuid('author_id').notNull(),
    approverId: uuid('approver_id'),
    approvalPath: text('approval_path'),
    approvalStage: integer('approval_stage'),
    templateVersion: integer('template_version'),
    year: integer('year'),
    seq: integer('seq'),
    number: text('number'),
    signedAt: text('signed_at'),
    signedPdfSha256: text('signed_pdf_sha256'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('decisions_number').on(t.year, t.seq), index('decisions_case').on(t.caseId), index('decisions_version').on(t.version)],
);

export const decisionVersions = pgTable(
  'decision_versions',
  {
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    version: integer('version').notNull(),
    content: text('content').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: uuid('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.version] })],
);

export const decisionReviews = pgTable(
  'decision_reviews',
  {
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    version: integer('version').notNull(),
    reviewerId: uuid('reviewer_id').notNull(),
    outcome: text('outcome', { enum: ['approved', 'returned'] }).notNull(),
    remarks: text('remarks'),
    at: text('at').notNull(),
  },
  (t) => [index('decision_reviews_decision').on(t.decisionId)],
);

/** Pismo do wysyłki created by signing, one per addressee; sent through the outgoing register. */
export const dispatchItems = pgTable(
  'dispatch_items',
  {
    id: uuid('id').primaryKey(),
    decisionId: uuid('decision_id').references(() => decisions.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    unitId: uuid('unit_id').notNull(),
    partyId: uuid('party_id'),
    addresseeName: text('addressee_name').notNull(),
    addresseeAddress: text('addressee_address').notNull(),
    subject: text('subject').notNull(),
    documentSha256: text('document_sha256').notNull(),
    status: text('status', { enum: ['awaiting', 'dispatched', 'cancelled'] }).notNull(),
    channel: text('channel'),
    correspondenceId: uuid('correspondence_id'),
    collectedBy: text('collected_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    seqInDecision: integer('seq_in_decision').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [index('dispatch_items_version').on(t.version), index('dispatch_items_unit').on(t.unitId, t.status), index('dispatch_items_party').on(t.partyId)],
);

/** Szablony pism as the office's administrator saved them (every version kept, as on the workstation). */
export const documentTemplates = pgTable(
  'document_templates',
  {
    code: text('code').notNull(),
    version: integer('version').notNull(),
    template: text('template').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: uuid('created_by').notNull(),
    /** The server version of the write that saved it (the pull cursor). */
    serverVersion: bigint('server_version', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.code, t.version] }), index('document_templates_server_version').on(t.serverVersion)],
);
