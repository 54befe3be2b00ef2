/**
 * The commands a workstation pushes, and how push and pull look on the wire (DESIGN.md "Sync").
 *
 * A command is one of the engine's (core/commands): its arguments are that command's one schema,
 * with the ids the workstation gave new rows (so later commands can refer to them before the
 * server answered) and the provisional label it printed. The server decides the same definition
 * against its own records and answers with the final numbers; where the two states differ, the
 * server's decision stands.
 *
 * Pure zod: loaded by the workstation's sync client and by the server.
 */
import { z } from 'zod';
import { instructionSchema, scanRefSchema } from '#core/contract';
import type { engineCommands, EngineCommandName } from '#core/commands/registry';

const id = z.uuid();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Every command the server applies, by name: the commands of the engine (core/commands), each with its one schema. */
export type SyncCommandName = EngineCommandName;
export type SyncCommandArgs<N extends SyncCommandName> = z.infer<(typeof engineCommands)[N]['args']>;

/** One outbox row on its way: the per-client mutation id orders and deduplicates it. */
export const mutationSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1).max(60),
  args: z.unknown(),
  /**
   * The ids of the metryka entries the workstation wrote, for the record: both sides derive them
   * from the client and mutation ids (core/commands/metryka.ts), so the server never reads them.
   */
  eventIds: z.array(id).max(50),
  /** The workstation's clock when the user acted: kept for the record, never used to order. */
  createdAt: z.iso.datetime({ offset: true }),
  /**
   * Sent again only to keep the numbering whole: a command the person already saw refused (or
   * dropped), whose refusal a server restored from a copy no longer knows. Recorded as passed
   * over, never applied (docs/sync.md "After a restore").
   */
  skip: z.literal(true).optional(),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.object({
  clientId: id,
  mutations: z.array(mutationSchema).min(1).max(100),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** A number the server gave: the workstation's provisional label now maps to it. */
export const assignedNumberSchema = z.object({ entity: z.enum(['correspondence', 'case']), id, number: z.string(), provisionalLabel: z.string() });

export const mutationResultSchema = z.object({
  id: z.number().int().positive(),
  status: z.enum(['applied', 'rejected', 'duplicate']),
  /** Why the rules refused it (shown in the quarantine, "do wyjaśnienia"). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  assigned: z.array(assignedNumberSchema),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  /** The client's last mutation id the server has processed (applied or rejected). */
  lastMutationId: z.number().int().min(0),
  results: z.array(mutationResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
  clientId: id,
  /** The server version the workstation has seen; null for a first (full) pull. */
  cursor: z.number().int().min(0).nullable(),
  limit: z.number().int().min(1).max(20_000).default(5_000),
  /**
   * The digest of the directory (units, people, zastępstwa, settings) the workstation holds:
   * while it is the server's, the pull leaves the directory out. Null (or an older workstation):
   * the directory comes every time.
   */
  directoryDigest: z.string().max(100).nullable().default(null),
});
export type PullRequest = z.input<typeof pullRequestSchema>;

// Rows as the server sends them: the office's records in their final form.
const isoAt = z.string();
export const wirePartySchema = z.object({
  id,
  kind: z.enum(['person', 'company', 'institution']),
  name: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  pesel: z.string().nullable(),
  nip: z.string().nullable(),
  regon: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  electronicAddress: z.string().nullable(),
  createdAt: isoAt,
  createdBy: z.string(),
});
export const wireLetterSchema = z.object({
  id,
  direction: z.enum(['in', 'out']),
  register: z.string(),
  year: z.number().int(),
  seq: z.number().int().nullable(),
  number: z.string().nullable(),
  provisionalLabel: z.string().nullable(),
  status: z.enum(['registered', 'cancelled']),
  receivedAt: isoAt,
  channel: z.string(),
  senderId: id,
  senderName: z.string(),
  senderReference: z.string().nullable(),
  letterDate: z.string().nullable(),
  subject: z.string(),
  attachmentsCount: z.number().int(),
  trackingNumber: z.string().nullable(),
  remarks: z.string().nullable(),
  unitId: id,
  statusCode: z.string(),
  registeredBy: z.string(),
  registeredAt: isoAt,
  updatedAt: isoAt,
  revision: z.number().int(),
  cancelReason: z.string().nullable(),
  caseId: z.string().nullable(),
  postageGrosze: z.number().int().nullable(),
  massGrams: z.number().int().nullable(),
  dispatchedOn: z.string().nullable(),
  // A server from before delivery records sends none.
  delivery: z.string().nullable().default(null),
  // A server from before postmarks and appeals sends none.
  postmarkedOn: z.string().nullable().default(null),
  postmarkOperator: z.enum(['designated', 'other']).nullable().default(null),
  appealDecisionId: z.string().nullable().default(null),
  appealKind: z.enum(['appeal', 'waiver']).nullable().default(null),
  appealPartyId: z.string().nullable().default(null),
  externalId: z.string().nullable().default(null),
  returnReceipt: z.boolean().default(false),
  scans: z.array(z.object({ sha256, fileName: z.string(), position: z.number().int(), addedAt: isoAt, addedBy: z.string(), size: z.number().int(), mime: z.string(), pageCount: z.number().int() })),
  assignments: z.array(
    z.object({
      id,
      assignedBy: z.string(),
      onBehalfOf: z.string().nullable(),
      assigneeUserId: z.string().nullable(),
      assigneeUnitId: z.string().nullable(),
      instruction: instructionSchema,
      deadline: z.string().nullable(),
      note: z.string().nullable(),
      at: isoAt,
      state: z.enum(['active', 'done', 'withdrawn']),
    }),
  ),
});
export const wireCaseSchema = z.object({
  id,
  unitId: id,
  unitSymbol: z.string(),
  jrwaSymbol: z.string(),
  year: z.number().int(),
  seq: z.number().int().nullable(),
  sign: z.string().nullable(),
  provisionalLabel: z.string().nullable(),
  title: z.string(),
  ownerId: z.string(),
  status: z.enum(['opened', 'in_progress', 'suspended', 'closed', 'cancelled']),
  deadlineKind: z.string(),
  startedOn: z.string(),
  dueOn: z.string().nullable(),
  openedAt: isoAt,
  openedBy: z.string(),
  closedOn: z.string().nullable(),
  cancelReason: z.string().nullable(),
  remarks: z.string().nullable(),
  revision: z.number().int(),
  parties: z.array(
    z.object({
      partyId: id,
      role: z.enum(['strona', 'wnioskodawca', 'pelnomocnik', 'uczestnik']),
      addedAt: isoAt,
      removedAt: isoAt.nullable(),
      removedBy: id.nullable(),
      removalReason: z.string().nullable(),
    }),
  ),
  items: z.array(z.object({ correspondenceId: id, initiating: z.boolean(), linkedAt: isoAt, linkedBy: z.string() })),
  suspensions: z.array(z.object({ fromOn: z.string(), toOn: z.string().nullable(), reason: z.string() })),
  /** Files put into the case's akta, with what the server read of them (as a letter's scans). */
  documents: z.array(z.object({ id, sha256, fileName: z.string(), title: z.string(), addedAt: isoAt, addedBy: id, size: z.number().int(), mime: z.string(), pageCount: z.number().int() })),
  opinionRequests: z.array(z.object({ id, askedBy: id, askedOf: id, question: z.string(), askedAt: isoAt, dueOn: z.string().nullable(), answeredAt: isoAt.nullable() })),
});
/** One entry of the metryka, as the server recorded it (its own hash chain is the audit log). */
export const wireEventSchema = z.object({
  id,
  at: isoAt,
  actorId: z.string(),
  actorName: z.string(),
  actorPosition: z.string(),
  onBehalfOfId: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  documentRef: z.string().nullable(),
  summary: z.string(),
  data: z.string(),
  /** Its place in the office's metryka (server/db/schema/records.ts): replicas chain in this order. */
  ordinal: z.number().int().positive(),
});
export const wireUnitSchema = z.object({ id, symbol: z.string(), name: z.string(), parentId: z.string().nullable(), active: z.boolean() });
export const wireUserSchema = z.object({ id, login: z.string(), fullName: z.string(), position: z.string(), role: z.enum(['registry', 'clerk', 'head', 'admin']), unitId: id, active: z.boolean() });
export const wireJrwaSchema = z.object({
  symbol: z.string(),
  name: z.string(),
  parentSymbol: z.string().nullable(),
  categoryOwner: z.string().nullable(),
  categoryOther: z.string().nullable(),
  remarks: z.string().nullable(),
  isLeaf: z.boolean(),
});

export const pullResponseSchema = z.object({
  /** Pass it back on the next pull. */
  cursor: z.number().int().min(0),
  /** The cursor is unknown to this server (another database, or older than it keeps): start over with a full pull. */
  resyncRequired: z.boolean(),
  /**
   * Which history of the office the server holds; a new one after a restore from a copy. A
   * workstation that synced with another pulls from the start and sends again what the
   * server no longer has.
   */
  epoch: z.string(),
  /** More changes than `limit`: pull again at once with the new cursor. */
  hasMore: z.boolean(),
  /** The pull's horizon: where the cursor will be when this pull has caught up (for progress). An older server sends none. */
  horizon: z.number().int().min(0).optional(),
  lastMutationId: z.number().int().min(0),
  /**
   * The person's commands whose effects this pull's rows hold, up to this mutation id (0: none
   * yet — their last one committed above the pull's horizon). An older server sends none:
   * `lastMutationId` then.
   */
  confirmedThrough: z.number().int().min(0).optional(),
  /**
   * The digest of the office's directory as it is. When it equals the request's, `units`,
   * `users` and `substitutions` are empty and `settings` null: nothing there changed. An older
   * server sends none, and the directory every time.
   */
  directoryDigest: z.string().nullable().default(null),
  units: z.array(wireUnitSchema),
  users: z.array(wireUserSchema),
  jrwa: z.array(wireJrwaSchema),
  /** The office settings (JSON, validated by the workstation's settings schema). */
  settings: z.record(z.string(), z.unknown()).nullable(),
  parties: z.array(wirePartySchema),
  letters: z.array(wireLetterSchema),
  cases: z.array(wireCaseSchema),
  events: z.array(wireEventSchema),
  /** Records that left the person's units since the cursor (a letter forwarded elsewhere): dropped from the replica. */
  departed: z.array(z.object({ entityType: z.string(), entityId: z.string() })),
  /** The units whose records this person's replica holds now (a substitution widens it for its days). */
  scope: z.object({ all: z.boolean(), unitIds: z.array(id) }),
  decisions: z.array(
    z.object({
      id,
      caseId: id,
      typeCode: z.string(),
      status: z.enum(['draft', 'submitted', 'returned', 'approved', 'signed', 'cancelled']),
      currentVersion: z.number().int(),
      authorId: z.string(),
      approverId: z.string().nullable(),
      approvalPath: z.string().nullable(),
      approvalStage: z.number().int().nullable(),
      templateVersion: z.number().int().nullable(),
      year: z.number().int().nullable(),
      seq: z.number().int().nullable(),
      number: z.string().nullable(),
      signedAt: z.string().nullable(),
      signedPdfSha256: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
      versions: z.array(z.object({ version: z.number().int(), content: z.string(), createdAt: z.string(), createdBy: z.string() })),
      reviews: z.array(z.object({ version: z.number().int(), reviewerId: z.string(), outcome: z.enum(['approved', 'returned']), remarks: z.string().nullable(), at: z.string() })),
    }),
  ),
  dispatchItems: z.array(
    z.object({
      id,
      decisionId: z.string().nullable(),
      caseId: id,
      unitId: id,
      partyId: z.string().nullable(),
      addresseeName: z.string(),
      addresseeAddress: z.string(),
      subject: z.string(),
      documentSha256: z.string(),
      status: z.enum(['awaiting', 'dispatched', 'cancelled']),
      channel: z.string().nullable(),
      correspondenceId: z.string().nullable(),
      collectedBy: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
      seqInDecision: z.number().int(),
    }),
  ),
  /** Template versions saved since the cursor. */
  templates: z.array(z.object({ code: z.string(), version: z.number().int(), template: z.string(), createdAt: z.string(), createdBy: z.string() })),
  /** Zastępstwa (few): every pull carries all of them, so who sees what is the same everywhere. */
  substitutions: z.array(z.object({ id, substituteId: id, forUserId: id, fromOn: z.string(), toOn: z.string(), createdBy: id, createdAt: z.string(), cancelledAt: z.string().nullable() })),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
export type WireLetter = z.infer<typeof wireLetterSchema>;
export type WireCase = z.infer<typeof wireCaseSchema>;
export type WireParty = z.infer<typeof wirePartySchema>;
export type WireEvent = z.infer<typeof wireEventSchema>;

/** `POST /decisions/:id/number`: the number in the decision register, reserved for this decision. */
export const decisionNumberSchema = z.object({ number: z.string(), year: z.number().int(), seq: z.number().int() });

/** Blob upload state (tus-style): how many bytes the server holds for this hash. */
export const blobStateSchema = z.object({ sha256, size: z.number().int().min(0), received: z.number().int().min(0), complete: z.boolean() });
export type BlobState = z.infer<typeof blobStateSchema>;

/** The blobs a command refers to: uploaded before it is pushed. */
export function registerIncomingBlobs(m: { name: string; args: unknown }): string[] {
  if (m.name === 'signDecision' || m.name === 'addCaseDocument') {
    const sha = (m.args as { sha256?: unknown } | null)?.sha256;
    return typeof sha === 'string' ? [sha] : [];
  }
  if (m.name === 'recordDelivery') {
    // An electronic delivery's evidence files (core/dispatch/evidenceImport.ts).
    const parsed = z.object({ record: z.object({ evidence: z.array(z.object({ sha256: z.string() })).optional() }) }).safeParse(m.args);
    return parsed.success ? (parsed.data.record.evidence ?? []).map((e) => e.sha256) : [];
  }
  if (m.name !== 'registerIncoming' && m.name !== 'attachScans') return [];
  const parsed = z.array(scanRefSchema).safeParse((m.args as { scans?: unknown } | null)?.scans);
  return parsed.success ? parsed.data.map((s) => s.sha256) : [];
}
