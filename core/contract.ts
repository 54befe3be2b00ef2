/**
 * The API contract: every method the renderer may call, with zod schemas for input and output.
 *
 * Both transports (Electron IPC and the browser-mode HTTP bridge) validate every payload against
 * these schemas before a handler runs, and every result before it leaves. The renderer imports
 * this file for types and for the method list only.
 */
import { z } from 'zod';
import { peselSchema, nipSchema, regonSchema, postalCodeSchema } from '#core/identifiers';
import { trackingNumberSchema } from '#core/tracking';
import { validationMessage } from '#core/i18n/validation.pl';

// Every message a person reads comes from the Polish catalogue, zod's own included.
z.config({ customError: validationMessage });

const id = z.uuid();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'Skrót SHA-256 to 64 znaki szesnastkowe.');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable();

export const roleSchema = z.enum(['registry', 'clerk', 'head', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** Kanał wpływu. */
export const channelSchema = z.enum(['paper', 'epuap', 'edoreczenia', 'email', 'fax', 'in_person']);
export type Channel = z.infer<typeof channelSchema>;

/** How an outgoing letter leaves the office (kanał wysyłki). */
export const outgoingChannelSchema = z.enum(['registered', 'registered_priority', 'ordinary', 'ordinary_priority', 'epuap', 'edoreczenia', 'in_person']);
export type OutgoingChannel = z.infer<typeof outgoingChannelSchema>;

/** Who took a letter for the addressee (KPA art. 43) when it was not the addressee. */
export const recipientSchema = z.enum(['addressee', 'household', 'administrator', 'soltys', 'proxy']);

/** One evidence file of an electronic delivery, kept with the letter (core/dispatch/evidenceImport.ts). */
export const deliveryEvidenceRefSchema = z.object({
  sha256,
  title: z.string().max(200),
  event: z.enum(['sent', 'received', 'not-delivered']),
  at: z.iso.datetime({ offset: true }).nullable(),
  /** The seal's verdict in a sentence, as read when the file was imported. */
  verdict: z.string().max(1000),
});

/**
 * What came back of a letter sent (core/deadlines/finality.ts reads it): a return receipt, a
 * refusal, an awizo, an electronic delivery's evidence, or a letter returned undelivered.
 */
export const deliveryRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delivered'), on: z.iso.date(), to: recipientSchema }),
  z.object({ kind: z.literal('refused'), on: z.iso.date() }),
  z.object({ kind: z.literal('awizo'), firstNoticeOn: z.iso.date(), secondNoticeOn: z.iso.date().nullable(), collectedOn: z.iso.date().nullable() }),
  z.object({
    kind: z.literal('electronic'),
    sentOn: z.iso.date(),
    receivedOn: z.iso.date().nullable(),
    /** The provider's sealed evidence files it was read from (e-Doręczenia dowody, ePUAP UPD), each kept as a PDF with the XML inside. */
    evidence: z.array(deliveryEvidenceRefSchema).max(20).default([]),
  }),
  z.object({ kind: z.literal('returned'), on: z.iso.date(), reason: z.string().trim().min(1, 'Podaj przyczynę zwrotu, np. „adresat nieznany”.').max(200) }),
]);
export type DeliveryRecordInput = z.input<typeof deliveryRecordSchema>;
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;

/**
 * With whom a paper letter was posted. Posted at a Polish post office of the designated operator
 * (Poczta Polska), the posting day counts for its timeliness (KPA art. 57 §5 pkt 2); with
 * another operator (a courier) the day it reached the office does.
 */
export const postmarkOperatorSchema = z.enum(['designated', 'other']);

/** What an incoming letter is to a decision: an appeal (odwołanie) or a party's waiver of it (art. 127a). */
export const appealKindSchema = z.enum(['appeal', 'waiver']);

export const unitSchema = z.object({ id, symbol: z.string(), name: z.string(), parentId: id.nullable() });
export type Unit = z.infer<typeof unitSchema>;

const personFieldsInput = {
  fullName: z.string().trim().min(1, 'Podaj imię i nazwisko.').max(200),
  position: z.string().trim().max(300),
  role: roleSchema,
  unitId: z.uuid('Wybierz komórkę z listy.'),
};

export const directorySchema = z.object({
  units: z.array(z.object({ id, symbol: z.string(), name: z.string(), parentId: id.nullable(), active: z.boolean() })),
  people: z.array(z.object({ id, login: z.string(), fullName: z.string(), position: z.string(), role: roleSchema, unitId: id, active: z.boolean() })),
});
export type Directory = z.infer<typeof directorySchema>;

export const userSchema = z.object({
  id,
  login: z.string(),
  fullName: z.string(),
  position: z.string(),
  role: roleSchema,
  unitId: id,
  unitSymbol: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const officeSchema = z.object({
  name: z.string().min(1),
  shortName: z.string().min(1),
  addressLines: z.array(z.string()),
  city: z.string().min(1),
});
export type Office = z.infer<typeof officeSchema>;

/**
 * Adres do doręczeń elektronicznych: e-Doręczenia (`AE:PL-12345-67890-ABCDE-12`, the format of
 * the register of e-addresses) or an ePUAP box (`/identyfikator/skrytka`).
 */
export const electronicAddressSchema = z
  .string()
  .trim()
  .transform((v) => (/^ae:pl-/i.test(v) ? v.toUpperCase() : v))
  .refine((v) => /^AE:PL-\d{5}-\d{5}-[A-Z]{5}-\d{2}$/.test(v) || /^\/[A-Za-z0-9_.-]{2,64}\/[A-Za-z0-9_.-]{2,64}$/.test(v), {
    message: 'Adres elektroniczny to adres do e-Doręczeń (AE:PL-12345-67890-ABCDE-12) albo skrytka ePUAP (/identyfikator/skrytka).',
  });

export const partyKindSchema = z.enum(['person', 'company', 'institution']);
export type PartyKind = z.infer<typeof partyKindSchema>;

export const partyInputSchema = z
  .object({
    kind: partyKindSchema,
    firstName: optionalText(100).optional(),
    lastName: optionalText(100).optional(),
    name: optionalText(300).optional(),
    pesel: peselSchema.nullable().optional(),
    nip: nipSchema.nullable().optional(),
    regon: regonSchema.nullable().optional(),
    street: optionalText(200).optional(),
    postalCode: postalCodeSchema.nullable().optional(),
    city: optionalText(100).optional(),
    email: z.email().nullable().optional(),
    phone: optionalText(40).optional(),
    electronicAddress: electronicAddressSchema.nullable().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'person') {
      if (!p.lastName) ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'Podaj nazwisko osoby.' });
    } else if (!p.name) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'Podaj nazwę firmy lub instytucji.' });
    }
    if (p.kind !== 'person' && p.pesel) {
      ctx.addIssue({ code: 'custom', path: ['pesel'], message: 'PESEL podaje się tylko dla osoby fizycznej.' });
    }
  });
export type PartyInput = z.input<typeof partyInputSchema>;

export const partySchema = z.object({
  id,
  kind: partyKindSchema,
  name: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  pesel: z.string().nullable(),
  nip: z.string().nullable(),
  regon: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  electronicAddress: z.string().nullable(),
});
export type Party = z.infer<typeof partySchema>;

export const scanRefSchema = z.object({ sha256, fileName: z.string().min(1).max(255) });

/** What a person needs to know about one electronic signature in a PDF (PAdES). */
export const signatureCheckSchema = z.object({
  signer: z.string(),
  /** The identifier in the certificate subject's serialNumber (e.g. PNOPL-…). */
  identifier: z.string().nullable(),
  signingTime: z.string().nullable(),
  /** ETSI EN 319 102-1 verdict and, when not passed, why (e.g. NO_CERTIFICATE_CHAIN_FOUND). */
  indication: z.enum(['TOTAL_PASSED', 'INDETERMINATE', 'TOTAL_FAILED']),
  subIndication: z.string().nullable(),
  /** The verdict in one Polish word: ważny, nierozstrzygnięty, NIEWAŻNY. */
  verdict: z.string(),
  /** A qualified electronic signature (QES): qualified certificate under a CA/QC service of the trusted list. */
  qualified: z.boolean(),
  valid: z.boolean(),
  /** The signed bytes are unchanged, the signature verifies and nothing disallowed was changed since, whoever the signer is. */
  intact: z.boolean(),
  /** Whether the signer's certificate leads to a root the office trusts. */
  trusted: z.boolean(),
  /** One line in Polish, as the verifier words it. */
  summary: z.string(),
  /** Each check with its outcome, in Polish. */
  steps: z.array(z.object({ label: z.string(), outcome: z.enum(['passed', 'failed', 'indeterminate', 'warning', 'not-checked']), text: z.string() })),
  /** What changed in the file after this signature, allowed or not (with the page, where on one). */
  changes: z.array(z.object({ allowed: z.boolean(), page: z.number().int().positive().nullable(), text: z.string() })),
});
export type SignatureCheck = z.infer<typeof signatureCheckSchema>;

/** A file accepted into the blob store and waiting to be attached to a letter. */
export const stagedScanSchema = z.object({
  sha256,
  fileName: z.string(),
  mime: z.enum(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff']),
  size: z.number().int().nonnegative(),
  pageCount: z.number().int().positive(),
  /** Polish notes for the clerk (e.g. the extension did not match the content). */
  warnings: z.array(z.string()),
  /** Letters that already carry this very file. */
  registeredAs: z.array(z.object({ id, label: z.string() })),
  /** Electronic signatures found in a PDF, checked at intake. */
  signatures: z.array(signatureCheckSchema).default([]),
});
export type StagedScan = z.infer<typeof stagedScanSchema>;

const incomingFields = {
  channel: channelSchema,
  receivedAt: z.iso.datetime({ offset: true }),
  senderId: id,
  senderReference: optionalText(200),
  letterDate: z.iso.date().nullable(),
  /** Data nadania of a letter that came by post, and whether with the designated operator (art. 57 §5 pkt 2). */
  postmarkedOn: z.iso.date().nullable(),
  postmarkOperator: postmarkOperatorSchema.nullable(),
  subject: z.string().trim().min(1, 'Podaj, czego dotyczy pismo.').max(1000),
  attachmentsCount: z.number().int().min(0).max(9999),
  trackingNumber: trackingNumberSchema.nullable(),
  remarks: optionalText(2000),
  unitId: id,
};

export const registerIncomingInputSchema = z.object({
  ...incomingFields,
  postmarkedOn: incomingFields.postmarkedOn.default(null),
  postmarkOperator: incomingFields.postmarkOperator.default(null),
  /** The e-mail's Message-ID when the letter was read from a message file (intake.readMessage). */
  externalId: z.string().trim().min(1).max(998).nullable().default(null),
  scans: z
    .array(scanRefSchema)
    .max(200)
    .superRefine((scans, ctx) => {
      const seen = new Map<string, string>();
      scans.forEach((s, i) => {
        const first = seen.get(s.sha256);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i], message: `Ten sam plik dodano dwa razy („${first}” i „${s.fileName}”). Usuń powtórzenie.` });
        else seen.set(s.sha256, s.fileName);
      });
    }),
  /** Names of files in the watched scan folder to move aside once registered. */
  inboxFiles: z.array(z.string().min(1).max(255)).max(200).default([]),
  /** The clerk saw the duplicate warning and registers anyway. */
  acknowledgeDuplicates: z.boolean().default(false),
  /** The registration the server refused that this one makes again, corrected ("do wyjaśnienia"). */
  replaces: z.number().int().positive().nullable().default(null),
});
export type RegisterIncomingInput = z.input<typeof registerIncomingInputSchema>;

export const duplicateSchema = z.object({
  id,
  label: z.string(),
  reason: z.enum(['same_file', 'same_reference', 'same_message']),
  message: z.string(),
});
export type Duplicate = z.infer<typeof duplicateSchema>;

/** What registration takes from an e-mail or ePUAP file (intake.readMessage): the form pre-filled, the files staged. */
export const messageDraftSchema = z.object({
  format: z.enum(['eml', 'msg', 'epuap', 'edoreczenia']),
  /** How it came in: e-mail, ePUAP for a form the gateway saved, e-Doręczenia for a mailbox's ZIP. */
  channel: z.enum(['email', 'epuap', 'edoreczenia']),
  /** When it reached the office's box, as the provider's sealed evidence says (e-Doręczenia); null otherwise. */
  receivedAt: z.string().nullable().default(null),
  /** The XAdES signatures of an ePUAP document, each in a sentence (those in PDFs are with each scan). */
  signatures: z.array(z.object({ intact: z.boolean(), trusted: z.boolean(), summary: z.string() })),
  messageId: z.string().nullable(),
  fromName: z.string().nullable(),
  fromAddress: z.string().nullable(),
  subject: z.string(),
  sentAt: z.string().nullable(),
  /** The beginning of the text, for the clerk to see what it is about. */
  excerpt: z.string(),
  /** The party who sent it (by PESEL or NIP, else by e-mail address), if the register knows one. */
  sender: partySchema.nullable(),
  /** Who the document says sent it, for a party to add when the register knows none. */
  senderDetails: partyInputSchema.nullable(),
  /** The message rendered as PDF first, then its attachments that are documents (PDF, images). */
  scans: z.array(stagedScanSchema),
  /** Attachments not taken, each with why (a logo in the text, a file type that is not a document). */
  skipped: z.array(z.object({ fileName: z.string(), reason: z.string() })),
  /** Letters already registered from this very message (its Message-ID). */
  duplicates: z.array(duplicateSchema),
});
export type MessageDraft = z.infer<typeof messageDraftSchema>;

export const correctionInputSchema = z.object({
  id,
  expectedRevision: z.number().int().positive(),
  changes: z.object(incomingFields).partial(),
  reason: z.string().trim().min(3, 'Podaj powód korekty.').max(500),
});


export const correspondenceStatusSchema = z.enum(['registered', 'cancelled']);

/** Where a letter is now: who has it to deal with (active dekretacje) and the case it is filed in. */
export const whereaboutsSchema = z.object({ assignees: z.array(z.string()), caseLabel: z.string().nullable() });

export const incomingRowSchema = z.object({
  id,
  /** The final number, or the provisional label while there is none. */
  label: z.string(),
  provisional: z.boolean(),
  seq: z.number().int().nullable(),
  year: z.number().int(),
  status: correspondenceStatusSchema,
  receivedAt: z.string(),
  channel: channelSchema,
  senderName: z.string(),
  senderAddress: z.string(),
  senderReference: z.string().nullable(),
  letterDate: z.string().nullable(),
  postmarkedOn: z.iso.date().nullable(),
  postmarkOperator: postmarkOperatorSchema.nullable(),
  subject: z.string(),
  attachmentsCount: z.number().int(),
  trackingNumber: z.string().nullable(),
  remarks: z.string().nullable(),
  unitId: id,
  unitSymbol: z.string(),
  scanCount: z.number().int(),
  cancelReason: z.string().nullable(),
});
export type IncomingRow = z.infer<typeof incomingRowSchema>;

export const eventSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  /** Made here and not yet recorded by the central server: outside the hash chain until it is. */
  pending: z.boolean(),
  at: z.string(),
  actorName: z.string(),
  actorPosition: z.string(),
  onBehalfOfName: z.string().nullable(),
  action: z.string(),
  summary: z.string(),
  documentRef: z.string().nullable(),
});
export type EventEntry = z.infer<typeof eventSchema>;

/** A letter as its window shows it: incoming or outgoing (a search finds both). */
export const incomingDetailSchema = incomingRowSchema.extend({
  direction: z.enum(['in', 'out']),
  /** How it came in, or for an outgoing letter how it was sent. */
  channel: z.union([channelSchema, outgoingChannelSchema]),
  revision: z.number().int(),
  sender: partySchema,
  statusCode: z.string(),
  registeredAt: z.string(),
  registeredByName: z.string(),
  /** Where the letter is now: who has it to deal with (active dekretacje) and the case it is filed in. */
  whereabouts: whereaboutsSchema,
  scans: z.array(z.object({ sha256, fileName: z.string(), mime: z.string(), pageCount: z.number().int(), size: z.number().int() })),
  events: z.array(eventSchema),
  /** The decision this letter appeals against (or whose appeal it waives), and for whom. */
  appeal: z.object({ decisionId: id, decisionNumber: z.string().nullable(), kind: appealKindSchema, partyId: id, partyName: z.string() }).nullable().default(null),
});
export type IncomingDetail = z.infer<typeof incomingDetailSchema>;

export const registerFilterSchema = z.object({
  from: z.iso.date().nullable().default(null),
  to: z.iso.date().nullable().default(null),
  channel: channelSchema.nullable().default(null),
  unitId: id.nullable().default(null),
  text: z.string().trim().max(200).default(''),
  includeCancelled: z.boolean().default(true),
});
export type RegisterFilter = z.input<typeof registerFilterSchema>;

export const registerSortSchema = z.object({
  by: z.enum(['number', 'receivedAt', 'sender', 'subject', 'unit', 'channel']).default('number'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});

/** A certificate on a card in a reader, as the signing tray offers it. */
export const tokenCertificateSchema = z.object({
  module: z.string(),
  tokenLabel: z.string(),
  tokenSerial: z.string(),
  certificateId: z.string(),
  signerName: z.string(),
  issuerName: z.string(),
  notAfter: z.string(),
  qualified: z.boolean(),
  /** Why it cannot sign now (expired, no signing usage), in Polish; null when it can. */
  problem: z.string().nullable(),
});
export type TokenCertificateView = z.infer<typeof tokenCertificateSchema>;

/** What a head signs with: a .p12/.pfx file (as base64) or a certificate on a card. */
export const signingMeansSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pkcs12'), p12Base64: z.string().min(1).max(400_000) }),
  z.object({
    kind: z.literal('pkcs11'),
    module: z.string().min(1).max(1000),
    tokenSerial: z.string().max(64),
    certificateId: z.string().regex(/^[0-9a-f]{0,256}$/, 'Nieprawidłowy identyfikator certyfikatu na karcie.'),
  }),
]);
export type SigningMeans = z.infer<typeof signingMeansSchema>;

export const fileSchema = z.object({ fileName: z.string(), mime: z.string(), bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Oczekiwano zawartości pliku.') });
export type FileResult = z.infer<typeof fileSchema>;

export const inboxFileSchema = z.object({
  name: z.string(),
  size: z.number().int(),
  modifiedAt: z.string(),
  /** Still being written by the scanner (size changed since the last look). */
  settling: z.boolean(),
});
export type InboxFile = z.infer<typeof inboxFileSchema>;

export const settingsSchema = z.object({
  office: officeSchema,
  incomingPattern: z.string().min(1).max(60),
  scanFolder: z.string().max(1000).nullable(),
  maxScanMb: z.number().int().min(1).max(1000),
  /** The organ that issues decisions (KPA art. 107 §1 pkt 1), e.g. "Wójt Gminy Przykładowa". */
  organ: z.string().max(200).default('Wójt Gminy'),
  /** Root certificates (PEM) whose signatures the office trusts when verifying PDFs. */
  trustedRootsPem: z.array(z.string().max(20_000)).max(50).default([]),
  /**
   * The office's time-stamping authority (RFC 3161 over HTTP, e.g. a qualified TSA's address):
   * with it every signature made here carries a signature time-stamp (PAdES B-T). Null: none.
   */
  tsaUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().default(null),
  /**
   * The imported trusted list (ETSI TS 119 612, e.g. Poland's from NCCert): its CA and TSA
   * services with their status history and certificates, anchors for verifying signatures.
   */
  trustedList: z
    .object({
      territory: z.string().max(10),
      sequenceNumber: z.number().int(),
      issuedAt: z.string().max(40),
      nextUpdate: z.string().max(40).nullable(),
      signer: z.object({ name: z.string().max(1000), sha256: z.string().max(64) }),
      importedAt: z.string().max(40),
      services: z
        .array(
          z.object({
            provider: z.string().max(500),
            name: z.string().max(500),
            type: z.enum(['CA/QC', 'TSA/QTST', 'CA/PKC', 'TSA', 'other']),
            history: z.array(z.object({ granted: z.boolean(), since: z.string().max(40) })).max(100),
            certificatesPem: z.array(z.string().max(20_000)).max(20),
          }),
        )
        .max(5_000),
    })
    .nullable()
    .default(null),
  /** Where appeals go, in the genitive as the appeal instruction needs it (KPA art. 127 §1). */
  appealBody: z.string().max(300).default('Samorządowego Kolegium Odwoławczego'),
  /** Warn this many working days before a case's term (office practice differs). */
  deadlineWarningDays: z.number().int().min(0).max(30).default(3),
  /**
   * Ścieżki akceptacji: for a unit (and optionally one decision type) the people who approve a
   * draft in turn. Without a path the head of the case's unit approves alone.
   */
  approvalPaths: z
    .array(z.object({ unitId: id, typeCode: z.string().max(40).nullable().default(null), approverIds: z.array(id).min(1, 'Ścieżka akceptacji musi mieć co najmniej jedną osobę.').max(6) }))
    .max(200)
    .default([]),
  /**
   * Kopie zapasowe of a workstation without a server: the folder (null: beside the profile),
   * the hour from which the day's copy is made, and how many daily and monthly copies to keep.
   */
  backup: z
    .object({
      folder: z.string().max(1000).nullable(),
      hour: z.number().int().min(0).max(23),
      keepDaily: z.number().int().min(1).max(90),
      keepMonthly: z.number().int().min(0).max(120),
    })
    .default({ folder: null, hour: 12, keepDaily: 7, keepMonthly: 12 }),
});
export type Settings = z.infer<typeof settingsSchema>;

export const jrwaClassSchema = z.object({
  symbol: z.string(),
  name: z.string(),
  parentSymbol: z.string().nullable(),
  categoryOwner: z.string().nullable(),
  categoryOther: z.string().nullable(),
  remarks: z.string().nullable(),
  isLeaf: z.boolean(),
});

export const jrwaImportReportSchema = z.object({
  dryRun: z.boolean(),
  accepted: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  problems: z.array(z.object({ line: z.number().int(), lineLabel: z.string(), symbol: z.string().nullable(), reason: z.string() })),
  notices: z.array(z.string()),
});
export type JrwaImportReport = z.infer<typeof jrwaImportReportSchema>;

/** What a template makes (core/decisions/templates.ts TemplateKind). */
export const templateKindSchema = z.enum(['decision', 'certificate', 'start-notice', 'deficiency-request', 'delay-notice']);
export type TemplateKindName = z.infer<typeof templateKindSchema>;

const templateText = z.string().max(100_000);
/** The editable text fields of a template of a decision or letter, each with `{{placeholders}}`. */
export const templateFieldsSchema = z.object({ reference: templateText, placeDate: templateText, title: templateText, body: templateText, signature: templateText });
export type TemplateFieldsInput = z.infer<typeof templateFieldsSchema>;

export const templateSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: templateKindSchema,
  /** 0 while the built-in wording applies; each save adds one. */
  version: z.number().int().nonnegative(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  /** The current wording is the built-in one (never edited, or restored). */
  isDefault: z.boolean(),
});
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

export const templateDetailSchema = templateSummarySchema.extend({
  procedure: z.enum(['kpa', 'op']),
  fields: templateFieldsSchema,
  /** The provision whose elements the template must carry (e.g. art. 107 § 1 KPA), if any. */
  requiredBasis: z.string().nullable(),
  /** Every placeholder the template may use, for the editor's list. */
  placeholders: z.array(z.object({ name: z.string(), label: z.string(), hint: z.string(), example: z.string(), required: z.boolean() })),
});
export type TemplateDetail = z.infer<typeof templateDetailSchema>;

export const templateVersionSchema = z.object({
  version: z.number().int().nonnegative(),
  /** Null for version 0, the wording built into the program. */
  createdAt: z.string().nullable(),
  createdByName: z.string().nullable(),
  isDefault: z.boolean(),
});
export type TemplateVersion = z.infer<typeof templateVersionSchema>;

export const caseStatusSchema = z.enum(['opened', 'in_progress', 'suspended', 'closed', 'cancelled']);
export const caseActionSchema = z.enum(['start', 'suspend', 'resume', 'close', 'reopen', 'cancel']);
export const deadlineKindSchema = z.enum([
  'kpa35-standard',
  'kpa35-complicated',
  'kpa35-appeal',
  'certificate',
  'complaint',
  'public-information',
  'public-information-extended',
  'op139-standard',
  'op139-complicated',
]);
export const instructionSchema = z.enum(['do_zalatwienia', 'do_wiadomosci', 'do_opinii']);

export const caseSummarySchema = z.object({
  id,
  /** The case sign, or the provisional label while there is none. */
  label: z.string(),
  provisional: z.boolean(),
  title: z.string(),
  status: caseStatusSchema,
  unitId: id,
  unitSymbol: z.string(),
  jrwaSymbol: z.string(),
  ownerId: id,
  ownerName: z.string(),
  startedOn: z.iso.date(),
  dueOn: z.iso.date().nullable(),
  deadline: z.enum(['ok', 'due-soon', 'due-today', 'overdue', 'suspended', 'none']),
  workingDaysLeft: z.number().int().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  revision: z.number().int(),
  deadlineKind: deadlineKindSchema,
  deadlineBasis: z.string(),
  suspendedDays: z.number().int(),
  closedOn: z.iso.date().nullable(),
  cancelReason: z.string().nullable(),
  parties: z.array(partySchema.extend({ role: z.string() })),
  items: z.array(z.object({ id, label: z.string(), subject: z.string(), senderName: z.string(), receivedAt: z.string(), initiating: z.boolean() })),
  /** Files put into the akta besides the letters. */
  documents: z.array(z.object({ id, title: z.string(), fileName: z.string(), sha256, mime: z.string(), pageCount: z.number().int(), addedAt: z.string(), addedByName: z.string() })),
  opinionRequests: z.array(z.object({ id, askedOfId: id, askedOfName: z.string(), askedByName: z.string(), question: z.string(), askedAt: z.string(), dueOn: z.iso.date().nullable(), answeredAt: z.string().nullable() })),
  /** The signed-in person works this case (its parties, documents, opinions asked); it is open. */
  mayWork: z.boolean(),
  /** Whom this person may ask for an opinion on it (empty unless `mayWork`). */
  opinionColleagues: z.array(z.object({ id, fullName: z.string() })),
  allowedActions: z.array(caseActionSchema),
  /** Metryka sprawy: every action on the case and its documents, oldest first. */
  metryka: z.array(eventSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** An opinion the person was asked for and has not given yet (their "Do zaopiniowania"). */
export const opinionAskedSchema = z.object({ id, caseId: id, caseLabel: z.string(), caseTitle: z.string(), question: z.string(), askedByName: z.string(), askedAt: z.string(), dueOn: z.iso.date().nullable() });
export type OpinionAsked = z.infer<typeof opinionAskedSchema>;

export const inboxItemSchema = z.object({
  id,
  label: z.string(),
  receivedAt: z.string(),
  senderName: z.string(),
  subject: z.string(),
  unitSymbol: z.string(),
  instruction: instructionSchema.nullable(),
  deadline: z.iso.date().nullable(),
  assignedByName: z.string().nullable(),
  /** What the head wrote with the dekretacja, lines kept. */
  note: z.string().nullable(),
  /** Whose inbox it is in when the viewer substitutes for someone (their authority is used). */
  forUserId: id.nullable(),
  forUserName: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const substitutionSchema = z.object({
  id,
  substituteId: id,
  substituteName: z.string(),
  forUserId: id,
  forUserName: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  createdByName: z.string(),
  /** In force today. */
  active: z.boolean(),
});
export type SubstitutionView = z.infer<typeof substitutionSchema>;

/** One search result: what it is, how it is labelled, and the matching text with marks. */
/**
 * What text recognition (OCR) made of a stored scan on this workstation: waiting, being read
 * (page and how far), read (with the new file carrying the text layer), skipped or stopped
 * (with the reason), or off (recognition does not run here).
 */
export const scanTextStateSchema = z.object({
  sha256,
  state: z.enum(['off', 'waiting', 'working', 'done', 'skipped', 'failed']),
  page: z.number().int().nullable(),
  pages: z.number().int().nullable(),
  /** 0–1 while working. */
  fraction: z.number().min(0).max(1).nullable(),
  pagesRead: z.number().int().nullable(),
  /** The scan's copy with the text layer (a PDF, `scans.blob`). */
  layerSha256: sha256.nullable(),
  reason: z.string().nullable(),
  /** The first words read, for a glance. */
  excerpt: z.string().nullable(),
});
export type ScanTextState = z.infer<typeof scanTextStateSchema>;

export const searchHitSchema = z.object({
  kind: z.enum(['letter', 'case', 'party']),
  id,
  label: z.string(),
  title: z.string(),
  /** Text around the match; the matched words are wrapped in [[ and ]] for highlighting. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;


export const outgoingRowSchema = z.object({
  id,
  label: z.string(),
  status: correspondenceStatusSchema,
  dispatchedOn: z.iso.date(),
  addresseeName: z.string(),
  addresseeAddress: z.string(),
  caseSign: z.string().nullable(),
  subject: z.string(),
  channel: outgoingChannelSchema,
  trackingNumber: z.string().nullable(),
  postageGrosze: z.number().int().nullable(),
  massGrams: z.number().int().nullable(),
  remarks: z.string().nullable(),
  /** Sent "za potwierdzeniem odbioru": its return card (ZPO) can be printed. */
  returnReceipt: z.boolean(),
  /** The documents sent (the signed decision), as kept with the register entry. */
  documents: z.array(z.object({ fileName: z.string(), sha256 })),
  /** What came back (null until recorded), and the day it counts as delivered, in fact or deemed (null while it does not). */
  delivery: deliveryRecordSchema.nullable(),
  delivered: z.object({ on: z.iso.date(), deemed: z.boolean(), basis: z.string() }).nullable(),
});
export type OutgoingRow = z.infer<typeof outgoingRowSchema>;

/**
 * The fields of a decision draft. Every field may be empty while drafting; submission checks
 * that the KPA art. 107 §1 elements are there.
 */
/**
 * A template's own placeholders that a draft carries as text (no element of a decision fills
 * them): what a certificate confirms, the deficiencies, the reason for a delay and the new
 * deadline, where the file can be inspected.
 */
export const detailNameSchema = z.enum(['tresc', 'braki', 'przyczyna_zwloki', 'nowy_termin', 'miejsce_wgladu']);

export const decisionContentSchema = z.object({
  organ: z.string().max(300),
  place: z.string().max(100),
  date: z.iso.date().nullable(),
  /** The parties the decision is addressed to ("Otrzymują"); `partyId` links one to the party register. */
  parties: z.array(z.object({ name: z.string().max(300), address: z.string().max(500), partyId: id.nullable().default(null) })).max(50),
  legalBasis: z.string().max(5000),
  /**
   * What the matter concerns, as the decision names it after "dla inwestycji:" — the investment,
   * the trees, the device — in the clerk's words; the case's title is a registry's summary.
   */
  subject: z.string().max(2000).default(''),
  /** The date the application bears ("po rozpatrzeniu wniosku z dnia …"), not the day the case was opened. */
  applicationDate: z.iso.date().nullable().default(null),
  /** Texts of the template's own placeholders: braki, przyczyna_zwloki, nowy_termin, miejsce_wgladu, tresc. */
  details: z.partialRecord(detailNameSchema, z.string().max(20_000)).default({}),
  ruling: z.string().max(50_000),
  justification: z.string().max(100_000),
  /** KPA art. 107 §4: no justification when the decision grants the party's request in full. */
  justificationWaived: z.boolean(),
  appealInstruction: z.string().max(10_000),
  fee: z.string().max(500),
  signatoryName: z.string().max(200),
  signatoryPosition: z.string().max(300),
  electronic: z.boolean(),
});
export type DecisionContent = z.infer<typeof decisionContentSchema>;

export const dispatchItemSchema = z.object({
  id,
  decisionId: id.nullable(),
  decisionNumber: z.string().nullable(),
  caseId: id,
  caseSign: z.string(),
  unitSymbol: z.string(),
  partyId: id.nullable(),
  addresseeName: z.string(),
  addresseeAddress: z.string(),
  electronicAddress: z.string().nullable(),
  subject: z.string(),
  status: z.enum(['awaiting', 'dispatched', 'cancelled']),
  channel: z.string().nullable(),
  /** The outgoing register number once sent (WYCH/…). */
  outgoingNumber: z.string().nullable(),
  createdAt: z.string(),
});
export type DispatchItem = z.infer<typeof dispatchItemSchema>;

/** How a party's appeal (or a letter filed against a term) stands against the term: art. 57 §5. */
export const filingTimelinessSchema = z.object({
  letterId: id,
  label: z.string(),
  onTime: z.boolean(),
  daysLate: z.number().int(),
  /** The day that counts: the postmark (designated operator) or the day it reached the office. */
  filedOn: z.iso.date(),
  countedFrom: z.enum(['postmark', 'receipt']),
});
export type FilingTimeliness = z.infer<typeof filingTimelinessSchema>;

/** One addressee of a signed decision: delivery, appeal period, waiver, appeal (core/deadlines/finality.ts). */
export const partyStandingSchema = z.object({
  partyId: id,
  name: z.string(),
  /** The outgoing register entry of the letter to them; null while it waits to be sent. */
  outgoingLabel: z.string().nullable(),
  /** A returned letter: it did not reach them (sent again, it is another letter). */
  returned: z.boolean(),
  deliveredOn: z.iso.date().nullable(),
  /** Delivered by the law's fiction (awizo, refusal, e-Doręczenia not collected). */
  deemed: z.boolean(),
  basis: z.string().nullable(),
  appealEnd: z.iso.date().nullable(),
  /** Days off the end was moved past (art. 57 §4), e.g. "sobota", "Wszystkich Świętych". */
  appealEndMovedBecause: z.array(z.string()),
  waivedOn: z.iso.date().nullable(),
  appeal: filingTimelinessSchema.nullable(),
  lateAppeals: z.array(filingTimelinessSchema),
});

/** Where a signed decision stands: awaiting delivery, appeal period running, appealed, or final (ostateczna). */
export const decisionFinalitySchema = z.object({
  status: z.enum(['awaiting-delivery', 'appeal-running', 'appealed', 'final']),
  /** The day it becomes (or became) final; while periods run, the day it will if no one appeals. */
  finalOn: z.iso.date().nullable(),
  parties: z.array(partyStandingSchema),
});
export type DecisionFinality = z.infer<typeof decisionFinalitySchema>;

/** "Terminy": a signed decision of the person's units with where it stands. */
export const termsRowSchema = z.object({
  decisionId: id,
  number: z.string().nullable(),
  typeName: z.string(),
  caseId: id,
  caseSign: z.string(),
  caseTitle: z.string(),
  ownerName: z.string(),
  signedAt: z.string(),
  finality: decisionFinalitySchema,
});
export type TermsRow = z.infer<typeof termsRowSchema>;

export const decisionStatusSchema = z.enum(['draft', 'submitted', 'returned', 'approved', 'signed', 'cancelled']);

export const decisionSummarySchema = z.object({
  id,
  caseId: id,
  caseSign: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  status: decisionStatusSchema,
  currentVersion: z.number().int(),
  number: z.string().nullable(),
  authorName: z.string(),
  updatedAt: z.string(),
  /** Where a signed decision stands (delivery, appeal, finality); null for the others. */
  finality: decisionFinalitySchema.nullable().default(null),
});
export type DecisionSummary = z.infer<typeof decisionSummarySchema>;


export const decisionDetailSchema = decisionSummarySchema.extend({
  content: decisionContentSchema,
  /** The person asking may correct and submit it: a draft of theirs, or of a case they lead. */
  yoursToWrite: z.boolean(),
  /** The art. 107 §1 elements still missing (Polish names); empty when the draft is complete. */
  missing: z.array(z.string()),
  /** A decision, a certificate, or a letter of the procedure (which the decision register does not number). */
  kind: templateKindSchema,
  /** The template's own placeholders the editor asks for, with their words. */
  detailFields: z.array(z.object({ name: z.string(), label: z.string(), hint: z.string() })),
  versions: z.array(z.object({ version: z.number().int(), createdAt: z.string(), createdByName: z.string() })),
  reviews: z.array(z.object({ version: z.number().int(), reviewerName: z.string(), outcome: z.enum(['approved', 'returned']), remarks: z.string().nullable(), at: z.string() })),
  /** Ścieżka akceptacji of the current submission: who approves in turn, and where it waits. */
  approvalPath: z.array(z.object({ userId: id, fullName: z.string(), position: z.string(), state: z.enum(['approved', 'waiting', 'pending']) })),
  /** The letters to send that signing created (one per addressee). */
  dispatch: z.array(dispatchItemSchema),
  /** A signed decision: delivery, appeal periods and finality; null for drafts, certificates and letters. */
  finality: decisionFinalitySchema.nullable(),
});
export type DecisionDetail = z.infer<typeof decisionDetailSchema>;

type MethodKind = 'query' | 'command' | 'file' | 'upload';
const method = <K extends MethodKind, I extends z.ZodType, O extends z.ZodType>(kind: K, input: I, output: O) => ({
  kind,
  input,
  output,
});
const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

/** The workstation's link to the central server, as the status bar and the sync panel show it. */
export const syncStatusSchema = z.object({
  state: z.enum(['offline', 'online', 'syncing']),
  serverUrl: z.string(),
  signedIn: z.boolean(),
  /** Commands waiting to be sent. */
  pending: z.number().int(),
  /** Commands the server refused ("do wyjaśnienia"). */
  rejected: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /**
   * A pull of many windows under way (a new workstation's first sync, a resync): the rows
   * written so far and how far the cursor is towards the server's horizon. Null otherwise.
   */
  progress: z.object({ rows: z.number().int().min(0), percent: z.number().int().min(0).max(100) }).nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncCommandRowSchema = z.object({
  mutationId: z.number().int(),
  label: z.string(),
  status: z.enum(['pending', 'applied', 'rejected']),
  createdAt: z.string(),
  /** Why the server refused it. */
  reason: z.string().nullable(),
  /** A refused registration can be opened again in the intake form, corrected and sent. */
  reopenable: z.boolean(),
});

/** A refused registration back in the intake form: what the person typed, the scans they attached. */
export const reopenedIncomingSchema = incomingRowSchema
  .pick({ channel: true, receivedAt: true, senderReference: true, letterDate: true, postmarkedOn: true, postmarkOperator: true, subject: true, attachmentsCount: true, trackingNumber: true, remarks: true, unitId: true })
  .extend({ mutationId: z.number().int(), sender: partySchema.nullable(), scans: z.array(stagedScanSchema) });
export type ReopenedIncoming = z.infer<typeof reopenedIncomingSchema>;

export const contract = {
  'session.demoUsers': method('query', none, z.array(userSchema)),
  'session.signIn': method('command', z.object({ userId: id }), userSchema),
  /**
   * Who is signed in, and how one signs in here: `server` (password, checked by the office's
   * server), `local` (password kept on this workstation), `demo` (picking a demo account), or
   * `none` (no way in: the screen says what to do).
   */
  'session.current': method('query', none, z.object({ user: userSchema.nullable(), office: officeSchema, mode: z.enum(['electron', 'browser']), demo: z.boolean(), signIn: z.enum(['server', 'local', 'demo', 'none']), sync: syncStatusSchema.nullable() })),
  /** With a central server: sign in with login and password (the server checks them). */
  'session.login': method('command', z.object({ login: z.string().trim().min(1, 'Podaj login.').max(64), password: z.string().min(1, 'Podaj hasło.').max(1024) }), userSchema),
  'sync.status': method('query', none, syncStatusSchema.nullable()),
  /** This workstation's backups (null with a server, which keeps the office's records). */
  'backup.status': method(
    'query',
    none,
    z
      .object({
        /** The workstation's own copies, or (with a server) the server's. */
        kind: z.enum(['workstation', 'server']),
        lastGoodAt: z.string().nullable(),
        /** Office days since the last good copy (null: never). */
        daysSinceGood: z.number().int().nullable(),
        /** Two office days or more without a good copy: everyone is told, so someone tells IT. */
        overdue: z.boolean(),
        problem: z.string().nullable(),
        /** Shown to the administrator only. */
        folder: z.string().nullable(),
        phraseShown: z.boolean(),
      })
      .nullable(),
  ),
  /** Push and pull now (the status bar's "Synchronizuj"). */
  'sync.now': method('command', none, syncStatusSchema),
  /** Commands still waiting and those the server refused, newest first. */
  'sync.commands': method('query', none, z.array(syncCommandRowSchema)),
  /** Drops a command the server refused from "do wyjaśnienia" (it stays in the outbox's history). */
  'sync.discard': method('command', z.object({ mutationId: z.number().int().positive() }), ok),
  /** A refused registration as a draft for the intake form; registering it with `replaces` settles the refused one. */
  'sync.reopen': method('query', z.object({ mutationId: z.number().int().positive() }), reopenedIncomingSchema),
  'session.signOut': method('command', none, ok),

  'office.units': method('query', none, z.array(unitSchema)),
  /** The office's people who work today (who has left is not listed): every people list in the UI. */
  'office.people': method('query', none, z.array(userSchema)),

  'parties.search': method('query', z.object({ q: z.string().trim().max(200), limit: z.number().int().min(1).max(50).default(10) }), z.array(partySchema)),
  'parties.create': method('command', partyInputSchema, partySchema),

  'scans.inbox': method('query', none, z.object({ folder: z.string().nullable(), files: z.array(inboxFileSchema), problem: z.string().nullable() })),
  'scans.stageFromInbox': method('command', z.object({ name: z.string().min(1).max(255) }), stagedScanSchema),
  'scans.upload': method('upload', z.object({ fileName: z.string().min(1).max(255) }), stagedScanSchema),
  /** An e-mail saved as .eml or .msg: read, its text rendered and its documents staged as scans. */
  'intake.readMessage': method('upload', z.object({ fileName: z.string().min(1).max(255) }), messageDraftSchema),
  /** The same from the watched folder (where the office's mail rule and gateway save their files). */
  'intake.readMessageFromInbox': method('command', z.object({ name: z.string().min(1).max(255) }), messageDraftSchema),
  'scans.blob': method('file', z.object({ sha256 }), fileSchema),
  'scans.inboxFile': method('file', z.object({ name: z.string().min(1).max(255) }), fileSchema),
  'scans.verify': method('query', z.object({ sha256 }), z.array(signatureCheckSchema)),
  'scans.texts': method('query', z.object({ sha256s: z.array(sha256).max(200) }), z.array(scanTextStateSchema)),
  'scans.textLayer': method('file', z.object({ sha256 }), fileSchema),

  'intake.checkDuplicates': method('query', z.object({ senderId: id.nullable(), senderReference: z.string().trim().max(200).nullable(), sha256s: z.array(sha256).max(200), externalId: z.string().trim().max(998).nullable().default(null) }), z.array(duplicateSchema)),
  'intake.register': method('command', registerIncomingInputSchema, incomingDetailSchema),
  'intake.get': method('query', z.object({ id }), incomingDetailSchema),
  'intake.findByLabel': method('query', z.object({ label: z.string().trim().min(1).max(100) }), z.object({ id: id.nullable() })),
  'intake.attachScans': method(
    'command',
    z.object({ id, scans: z.array(scanRefSchema).min(1).max(200), inboxFiles: z.array(z.string().min(1).max(255)).max(200).default([]) }),
    incomingDetailSchema,
  ),
  'intake.correct': method('command', correctionInputSchema, incomingDetailSchema),
  'intake.cancel': method('command', z.object({ id, reason: z.string().trim().min(3, 'Podaj powód anulowania.').max(500) }), incomingDetailSchema),

  'register.list': method(
    'query',
    // A register holds millions of entries at most: an offset past that is no page of it.
    z.object({ filter: registerFilterSchema, sort: registerSortSchema, offset: z.number().int().min(0).max(100_000_000), limit: z.number().int().min(1).max(500) }),
    // Each row says where the letter is, as the registry is asked at the counter.
    z.object({ total: z.number().int(), rows: z.array(incomingRowSchema.extend({ whereabouts: whereaboutsSchema })) }),
  ),
  'register.csv': method('file', z.object({ filter: registerFilterSchema, sort: registerSortSchema }), fileSchema),
  /** The printed register (a legal record): always in register-number order, whatever the screen's sort. */
  'register.pdf': method('file', z.object({ filter: registerFilterSchema }), fileSchema),

  'documents.receipt': method('file', z.object({ id }), fileSchema),
  'documents.label': method('file', z.object({ id }), fileSchema),
  'documents.labelSheet': method('file', z.object({ ids: z.array(id).min(1).max(480), startAt: z.number().int().min(1).max(24).default(1) }), fileSchema),

  'inbox.summary': method(
    'query',
    none,
    z.object({ toAssign: z.array(inboxItemSchema), mine: z.array(inboxItemSchema), deadlines: z.array(caseSummarySchema), myCases: z.array(caseSummarySchema), toOpine: z.array(opinionAskedSchema) }),
  ),
  'dekretacja.assign': method(
    'command',
    z.object({
      itemIds: z.array(id).min(1).max(200),
      userIds: z.array(id).min(1).max(50),
      instruction: instructionSchema,
      deadline: z.iso.date().nullable().default(null),
      note: optionalText(2000).default(null),
      actingForId: id.nullable().default(null),
    }),
    z.array(z.object({ itemId: id, label: z.string(), ok: z.boolean(), message: z.string() })),
  ),
  'cases.open': method(
    'command',
    z.object({
      itemId: id.nullable().default(null),
      jrwaSymbol: z.string().trim().regex(/^\d{1,4}$/, 'Symbol klasy JRWA to od 1 do 4 cyfr.'),
      title: z.string().trim().min(3, 'Podaj krótką treść sprawy.').max(500),
      deadlineKind: deadlineKindSchema,
      /** The day the case started (KPA art. 61 §3); by default the day its letter came in. */
      startedOn: z.iso.date().nullable().default(null),
      partyIds: z.array(id).max(50).default([]),
    }),
    caseDetailSchema,
  ),
  'cases.get': method('query', z.object({ id }), caseDetailSchema),
  'cases.linkItem': method('command', z.object({ caseId: id, itemId: id }), caseDetailSchema),
  'cases.act': method(
    'command',
    z.object({ id, action: caseActionSchema, expectedRevision: z.number().int().positive(), reason: optionalText(500).default(null) }),
    caseDetailSchema,
  ),
  /** Zmiana prowadzącego, with the reason (the head). */
  'cases.changeOwner': method('command', z.object({ id, ownerId: id, reason: z.string().trim().min(1, 'Podaj powód zmiany prowadzącego.').max(1000), expectedRevision: z.number().int().positive() }), caseDetailSchema),
  /** A notatka służbowa or an opinion, written into the case's metryka. */
  'cases.addNote': method('command', z.object({ caseId: id, kind: z.enum(['note', 'opinion']), text: z.string().trim().min(1, 'Wpisz treść.').max(4000) }), caseDetailSchema),
  'cases.addParty': method('command', z.object({ caseId: id, partyId: id, role: z.enum(['strona', 'wnioskodawca', 'pelnomocnik', 'uczestnik']) }), caseDetailSchema),
  'cases.removeParty': method('command', z.object({ caseId: id, partyId: id, reason: z.string().trim().min(3, 'Podaj powód usunięcia strony.').max(1000) }), caseDetailSchema),
  /** A file for the akta, stored by its hash before `cases.addDocument` names it. */
  'cases.stageDocument': method('upload', z.object({ fileName: z.string().min(1).max(255) }), stagedScanSchema),
  'cases.addDocument': method(
    'command',
    z.object({ caseId: id, sha256, fileName: z.string().min(1).max(255), title: z.string().trim().min(1, 'Podaj tytuł dokumentu, np. „Protokół oględzin”.').max(300) }),
    caseDetailSchema,
  ),
  'cases.document': method('file', z.object({ caseId: id, documentId: id }), fileSchema),
  'cases.requestOpinion': method(
    'command',
    z.object({ caseId: id, askedOf: id, question: z.string().trim().min(1, 'Napisz, o co prosisz.').max(2000), dueOn: z.iso.date().nullable().default(null) }),
    caseDetailSchema,
  ),
  'cases.register': method(
    'query',
    z.object({ unitId: id, jrwaSymbol: z.string().regex(/^\d{1,4}$/), year: z.number().int().min(1990).max(2200) }),
    z.array(caseSummarySchema.extend({ seq: z.number().int().nullable(), fromWhom: z.string().nullable(), letterReference: z.string().nullable(), letterDate: z.string().nullable(), closedOn: z.string().nullable() })),
  ),
  'cases.registerPdf': method('file', z.object({ unitId: id, jrwaSymbol: z.string().regex(/^\d{1,4}$/), year: z.number().int().min(1990).max(2200) }), fileSchema),

  'dekretacja.forward': method('command', z.object({ itemId: id, toUnitId: id, reason: z.string().trim().min(3, 'Podaj powód przekazania.').max(1000), actingForId: id.nullable().default(null) }), incomingDetailSchema),
  'dekretacja.returnToRegistry': method('command', z.object({ itemId: id, reason: z.string().trim().min(3, 'Podaj powód zwrotu.').max(1000), actingForId: id.nullable().default(null) }), incomingDetailSchema),
  'cases.metrykaPdf': method('file', z.object({ id }), fileSchema),
  'cases.overdueByClerk': method(
    'query',
    none,
    z.array(z.object({ ownerId: id, ownerName: z.string(), open: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int(), cases: z.array(caseSummarySchema) })),
  ),
  'substitutions.list': method('query', none, z.array(substitutionSchema)),
  'substitutions.create': method(
    'command',
    z.object({ substituteId: id, forUserId: id, from: z.iso.date(), to: z.iso.date() }),
    substitutionSchema,
  ),
  'substitutions.cancel': method('command', z.object({ id }), z.object({ ok: z.literal(true) })),
  'search.all': method(
    'query',
    z.object({ q: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(50).default(20) }),
    z.object({
      letters: z.array(searchHitSchema),
      cases: z.array(searchHitSchema),
      parties: z.array(searchHitSchema),
    }),
  ),

  'outgoing.register': method(
    'command',
    z.object({
      caseId: id.nullable().default(null),
      addresseeId: id,
      subject: z.string().trim().min(1, 'Podaj, czego dotyczy pismo.').max(1000),
      channel: outgoingChannelSchema,
      trackingNumber: trackingNumberSchema.nullable().default(null),
      postageGrosze: z.number().int().min(0).max(1_000_000).nullable().default(null),
      massGrams: z.number().int().min(1).max(30_000).nullable().default(null),
      dispatchedOn: z.iso.date(),
      remarks: optionalText(500).default(null),
      /** Registered post "za potwierdzeniem odbioru" (ZPO). */
      returnReceipt: z.boolean().default(false),
    }),
    outgoingRowSchema,
  ),
  'outgoing.list': method('query', z.object({ from: z.iso.date(), to: z.iso.date() }), z.array(outgoingRowSchema)),
  'outgoing.dispatchBook': method('file', z.object({ date: z.iso.date() }), fileSchema),
  /** The return receipt card (formularz potwierdzenia odbioru, ZPO) of a registered letter. */
  'outgoing.returnReceiptPdf': method('file', z.object({ id }), fileSchema),
  /** The letter a returned card's tracking number (its barcode) names: the registry scans it to record what came back. */
  'outgoing.byTracking': method('query', z.object({ trackingNumber: trackingNumberSchema }), z.array(outgoingRowSchema)),
  /** What came back of a letter sent: the return receipt, an awizo, a refusal, a return, or an electronic delivery's evidence. */
  'outgoing.recordDelivery': method('command', z.object({ id, record: deliveryRecordSchema }), outgoingRowSchema),
  /**
   * An electronic delivery recorded from the provider's sealed evidence (an e-Doręczenia dowód,
   * an ePUAP UPD): the letter found by what the file names (`letterId` picks one when it names several).
   */
  'outgoing.importEvidence': method(
    'upload',
    z.object({ fileName: z.string().min(1).max(255), letterId: id.nullable().default(null) }),
    z.object({ letter: outgoingRowSchema, evidence: deliveryEvidenceRefSchema, already: z.boolean() }),
  ),
  /** "Do wysyłki": signed letters waiting for the registry, one per addressee. */
  'dispatch.awaiting': method('query', none, z.array(dispatchItemSchema)),
  /**
   * Sends one waiting letter by a channel: enters it in the outgoing register with the signed
   * document attached. Registered post needs its tracking number; ePUAP / e-Doręczenia need the
   * addressee's electronic address (the package for the gateway is then exported); collection
   * in person needs who collected it.
   */
  'dispatch.send': method(
    'command',
    z.object({
      itemId: id,
      channel: outgoingChannelSchema,
      trackingNumber: trackingNumberSchema.nullable().default(null),
      postageGrosze: z.number().int().min(0).max(1_000_000).nullable().default(null),
      massGrams: z.number().int().min(1).max(30_000).nullable().default(null),
      dispatchedOn: z.iso.date(),
      /** Registered post "za potwierdzeniem odbioru" (ZPO), as a decision is sent. */
      returnReceipt: z.boolean().default(false),
      collectedBy: optionalText(300).default(null),
      /** When the decision named an addressee not in the party register, the registry picks one. */
      addresseeId: id.nullable().default(null),
    }),
    outgoingRowSchema,
  ),
  /** The package for the ePUAP / e-Doręczenia gateway: the signed documents and their envelopes (ZIP). */
  'dispatch.package': method('file', z.object({ outgoingIds: z.array(id).min(1).max(500) }), fileSchema),

  'decisions.types': method('query', none, z.array(z.object({ code: z.string(), name: z.string(), isDecision: z.boolean(), kind: templateKindSchema }))),
  'decisions.create': method('command', z.object({ caseId: id, typeCode: z.string().min(1).max(40) }), decisionDetailSchema),
  'decisions.save': method('command', z.object({ id, expectedVersion: z.number().int().positive(), content: decisionContentSchema }), decisionDetailSchema),
  'decisions.submit': method('command', z.object({ id }), decisionDetailSchema),
  'decisions.review': method(
    'command',
    z.object({ id, outcome: z.enum(['approved', 'returned']), remarks: optionalText(5000).default(null) }),
    decisionDetailSchema,
  ),
  'decisions.get': method('query', z.object({ id }), decisionDetailSchema),
  'decisions.forCase': method('query', z.object({ caseId: id }), z.array(decisionSummarySchema)),
  'decisions.toApprove': method('query', none, z.array(decisionSummarySchema)),
  /** Drafts returned for correction to the person (or to someone they stand in for) who wrote them. */
  'decisions.returned': method('query', none, z.array(decisionSummarySchema)),
  'decisions.pdf': method('file', z.object({ id, version: z.number().int().positive().nullable().default(null) }), fileSchema),
  'decisions.version': method(
    'query',
    z.object({ id, version: z.number().int().positive() }),
    z.object({ version: z.number().int(), content: decisionContentSchema, createdAt: z.string(), createdByName: z.string(), changedFields: z.array(z.string()) }),
  ),
  /** Marks an incoming letter as a party's appeal against a signed decision or its waiver (null takes the mark off). */
  'decisions.markAppeal': method(
    'command',
    z.object({ letterId: id, mark: z.object({ decisionId: id, kind: appealKindSchema, partyId: id }).nullable() }),
    z.object({ ok: z.literal(true) }),
  ),
  /** Signed decisions a letter may be an appeal against: those of its case, else those sent to its sender. */
  'decisions.appealable': method(
    'query',
    z.object({ letterId: id }),
    z.array(z.object({ decisionId: id, number: z.string().nullable(), typeName: z.string(), caseSign: z.string(), signedAt: z.string(), parties: z.array(z.object({ partyId: id, name: z.string() })) })),
  ),
  /**
   * "Terminy": signed decisions of the person's units awaiting delivery, with an appeal period
   * running or an appeal lodged, and those that became final in the last `finalWithinDays` days.
   */
  /** A copy of a final decision with the klauzula ostateczności, to print and sign by hand. */
  'decisions.finalityCopy': method('file', z.object({ id }), fileSchema),
  'decisions.terms': method('query', z.object({ finalWithinDays: z.number().int().min(0).max(366).default(7) }), z.array(termsRowSchema)),
  'decisions.toSign': method('query', none, z.array(decisionSummarySchema)),
  /** The certificates on the cards in this workstation's readers (no PIN needed: they are public). */
  'signing.means': method('query', none, z.object({ certificates: z.array(tokenCertificateSchema), problems: z.array(z.string()) })),
  /**
   * Opens the head's key for a batch: a .p12 file with its password, or a card's certificate
   * with its PIN. The secret comes typed in the page (browser mode only) or as the handle the
   * desktop shell's own dialog left with the backend (`secret`); it is used here and not kept.
   */
  'signing.begin': method(
    'command',
    z
      .object({
        means: signingMeansSchema,
        password: z.string().max(200).optional(),
        secret: id.optional(),
      })
      .refine((v) => (v.password === undefined) !== (v.secret === undefined), { message: 'Podaj PIN karty albo hasło do pliku.', path: ['password'] }),
    z.object({ session: id, signerName: z.string(), issuerName: z.string(), qualified: z.boolean(), notAfter: z.string() }),
  ),
  /** Ends a signing session: the card is logged out, the key forgotten. */
  'signing.end': method('command', z.object({ session: id }), ok),
  'decisions.sign': method(
    'command',
    z.object({
      ids: z.array(id).min(1).max(100),
      /** The signing session `signing.begin` opened. */
      session: id,
      visibleStamp: z.boolean().default(true),
    }),
    z.array(z.object({ id, label: z.string(), ok: z.boolean(), message: z.string() })),
  ),

  'admin.settings': method('query', none, settingsSchema),
  /** A standalone workstation: the administrator sets a person's password (with a server, the server's CLI does). */
  'accounts.setPassword': method('command', z.object({ userId: id, password: z.string().min(1, 'Podaj hasło.').max(1024) }), ok),
  'admin.updateSettings': method('command', settingsSchema, settingsSchema),
  'admin.jrwaList': method('query', none, z.array(jrwaClassSchema)),
  /** A class of the wykaz akt added or corrected by hand; answers the whole list. */
  'admin.jrwaSave': method(
    'command',
    z.object({
      symbol: z.string().trim().regex(/^\d{1,4}$/, 'Symbol klasy JRWA to od 1 do 4 cyfr, np. 6730.'),
      name: z.string().trim().min(1, 'Podaj nazwę klasy.').max(500),
      categoryOwner: optionalText(10).default(null),
      categoryOther: optionalText(10).default(null),
      remarks: optionalText(1000).default(null),
    }),
    z.array(jrwaClassSchema),
  ),
  /** The office's units and people for the administrator, closed units and former staff included. */
  'directory.list': method('query', none, directorySchema),
  'directory.addUnit': method('command', z.object({ symbol: z.string().trim().min(1, 'Podaj symbol komórki, np. GK albo GK-I.').max(40), name: z.string().trim().min(1, 'Podaj nazwę komórki, np. „Referat Finansowy”.').max(200), parentId: id.nullable().default(null) }), directorySchema),
  'directory.changeUnit': method('command', z.object({ id, name: z.string().trim().min(1, 'Podaj nazwę komórki.').max(200), parentId: id.nullable(), active: z.boolean() }), directorySchema),
  'directory.addPerson': method('command', z.object({ login: z.string().trim().min(1, 'Podaj login, np. akowalska.').max(64), ...personFieldsInput }), directorySchema),
  'directory.changePerson': method('command', z.object({ id, ...personFieldsInput, active: z.boolean() }), directorySchema),
  /** Dziennik zdarzeń: the whole metryka of the office this workstation holds, newest first, a page at a time. */
  'admin.eventLog': method(
    'query',
    z.object({
      text: optionalText(200).default(null),
      actorId: id.nullable().default(null),
      from: z.iso.date().nullable().default(null),
      to: z.iso.date().nullable().default(null),
      beforeSeq: z.number().int().positive().nullable().default(null),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.object({ rows: z.array(eventSchema.extend({ entityType: z.string() })), hasMore: z.boolean() }),
  ),
  /** The log's hash chain walked end to end: how many entries, and the first that does not hold. */
  'admin.eventLogVerify': method('query', none, z.object({ count: z.number().int(), firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable() })),
  /** Import of a trusted list (XML): verified and summarised; with dryRun false, it becomes the office's. */
  'admin.trustedListImport': method(
    'command',
    z.object({ fileName: z.string().max(255), text: z.string().max(30_000_000), dryRun: z.boolean() }),
    z.object({
      territory: z.string(),
      sequenceNumber: z.number().int(),
      issuedAt: z.string(),
      nextUpdate: z.string().nullable(),
      signer: z.object({ name: z.string(), sha256: z.string() }),
      services: z.number().int(),
      qualifiedCas: z.number().int(),
      qualifiedTsas: z.number().int(),
    }),
  ),
  'admin.jrwaImport': method('command', z.object({ fileName: z.string().max(255), text: z.string().max(20_000_000), dryRun: z.boolean() }), jrwaImportReportSchema),

  'templates.list': method('query', none, z.array(templateSummarySchema)),
  'templates.get': method('query', z.object({ code: z.string().min(1).max(40) }), templateDetailSchema),
  'templates.history': method('query', z.object({ code: z.string().min(1).max(40) }), z.array(templateVersionSchema)),
  'templates.save': method('command', z.object({ code: z.string().min(1).max(40), expectedVersion: z.number().int().nonnegative(), fields: templateFieldsSchema }), templateDetailSchema),
  'templates.restoreDefault': method('command', z.object({ code: z.string().min(1).max(40), expectedVersion: z.number().int().nonnegative() }), templateDetailSchema),
  /** The edited, not yet saved, wording set on a page with every placeholder's example value. */
  'templates.preview': method('file', z.object({ code: z.string().min(1).max(40), fields: templateFieldsSchema }), fileSchema),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodArgs<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export type MethodsOfKind<K extends MethodKind> = { [M in MethodName]: Contract[M]['kind'] extends K ? M : never }[MethodName];

/** The error payload every transport returns instead of an output. */
export const apiErrorSchema = z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() });
export type ApiError = z.infer<typeof apiErrorSchema>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
