/**
 * The office's records as commands read and write them: one shape for the workstation's
 * SQLite replica and the server's PostgreSQL copy. Each store maps these onto its own tables
 * and adds what is only its business (the local integer key and search text on the
 * workstation, the server version on the server).
 *
 * Instants are ISO text (`2026-11-22T10:00:00.000Z`), office days `YYYY-MM-DD`.
 */
import type { Role } from '#core/contract';

/** Strona / nadawca / adresat. */
export type PartyRecord = {
  id: string;
  kind: 'person' | 'company' | 'institution';
  name: string;
  firstName: string | null;
  lastName: string | null;
  pesel: string | null;
  nip: string | null;
  regon: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  email: string | null;
  phone: string | null;
  electronicAddress: string | null;
  createdAt: string;
  createdBy: string;
};

/** Przesyłka: `seq` and `number` stay null until the numbering authority gives them. */
export type LetterRecord = {
  id: string;
  direction: 'in' | 'out';
  register: string;
  year: number;
  seq: number | null;
  number: string | null;
  provisionalLabel: string | null;
  status: 'registered' | 'cancelled';
  receivedAt: string;
  channel: 'paper' | 'epuap' | 'edoreczenia' | 'email' | 'fax' | 'in_person' | 'registered' | 'registered_priority' | 'ordinary' | 'ordinary_priority';
  senderId: string;
  senderName: string;
  senderReference: string | null;
  letterDate: string | null;
  subject: string;
  attachmentsCount: number;
  trackingNumber: string | null;
  remarks: string | null;
  unitId: string;
  statusCode: string;
  registeredBy: string;
  registeredAt: string;
  updatedAt: string;
  revision: number;
  cancelReason: string | null;
  caseId: string | null;
  postageGrosze: number | null;
  massGrams: number | null;
  dispatchedOn: string | null;
  /** What came back of an outgoing letter (a DeliveryRecord as JSON, core/contract.ts), null until recorded. */
  delivery: string | null;
  /** Incoming paper letters: the day of posting (data nadania) and whether with the designated operator (art. 57 §5 pkt 2). */
  postmarkedOn: string | null;
  postmarkOperator: 'designated' | 'other' | null;
  /** An incoming letter that appeals against a decision (or waives the appeal), and for which party. */
  appealDecisionId: string | null;
  appealKind: 'appeal' | 'waiver' | null;
  appealPartyId: string | null;
  /** An electronic letter's own identifier (an e-mail's Message-ID). */
  externalId: string | null;
  /** Registered post sent with a return receipt (ZPO). */
  returnReceipt: boolean;
};

/** A scan (skan) in a letter, in page order; the bytes are a blob named by its SHA-256. */
export type ScanRecord = { correspondenceId: string; sha256: string; fileName: string; position: number; addedAt: string; addedBy: string };

/** Dekretacja: never rewritten, only its state changes. */
export type AssignmentRecord = {
  id: string;
  correspondenceId: string;
  assignedBy: string;
  onBehalfOf: string | null;
  assigneeUserId: string | null;
  assigneeUnitId: string | null;
  instruction: 'do_zalatwienia' | 'do_wiadomosci' | 'do_opinii';
  deadline: string | null;
  note: string | null;
  at: string;
  state: 'active' | 'done' | 'withdrawn';
};

/** Zastępstwo over an inclusive range of office days. */
export type SubstitutionRecord = {
  id: string;
  substituteId: string;
  forUserId: string;
  fromOn: string;
  toOn: string;
  createdBy: string;
  createdAt: string;
  cancelledAt: string | null;
};

/** Sprawa: `seq` and `sign` stay null until the numbering authority gives them. */
export type CaseRecord = {
  id: string;
  unitId: string;
  unitSymbol: string;
  jrwaSymbol: string;
  year: number;
  seq: number | null;
  sign: string | null;
  provisionalLabel: string | null;
  title: string;
  ownerId: string;
  status: 'opened' | 'in_progress' | 'suspended' | 'closed' | 'cancelled';
  deadlineKind: string;
  startedOn: string;
  dueOn: string | null;
  openedAt: string;
  openedBy: string;
  closedOn: string | null;
  cancelReason: string | null;
  remarks: string | null;
  revision: number;
};

export type CasePartyRole = 'strona' | 'wnioskodawca' | 'pelnomocnik' | 'uczestnik';

/** A party of a case; one taken off it keeps the row with `removedAt` (and who, and why). */
export type CasePartyRecord = { caseId: string; partyId: string; role: CasePartyRole; addedAt: string; removedAt: string | null; removedBy: string | null; removalReason: string | null };

/** A document in a case's file that is not a registered letter (a file kept by its hash). */
export type CaseDocumentRecord = { id: string; caseId: string; sha256: string; fileName: string; title: string; addedAt: string; addedBy: string };

/** A colleague asked for an opinion on a case; `answeredAt` once their opinion is in the case. */
export type OpinionRequestRecord = { id: string; caseId: string; askedBy: string; askedOf: string; question: string; askedAt: string; dueOn: string | null; answeredAt: string | null };

/** A letter in a case's file; `initiating` for the one that started it. */
export type CaseItemRecord = { caseId: string; correspondenceId: string; initiating: boolean; linkedAt: string; linkedBy: string };

/** A period a case stood still (KPA art. 35 §5); `toOn` null while it lasts. */
export type SuspensionRecord = { caseId: string; fromOn: string; toOn: string | null; reason: string };

/** Klasa JRWA as a case needs it. */
export type JrwaRecord = { symbol: string; name: string; parentSymbol: string | null; categoryOwner: string | null; categoryOther: string | null; remarks: string | null; isLeaf: boolean };

/** Projekt decyzji (or of another letter) in a case; numbered in `DEC/<year>` before signing. */
export type DecisionRecord = {
  id: string;
  caseId: string;
  typeCode: string;
  status: 'draft' | 'submitted' | 'returned' | 'approved' | 'signed' | 'cancelled';
  currentVersion: number;
  authorId: string;
  approverId: string | null;
  /** The ścieżka akceptacji fixed at submission: a JSON array of user ids. */
  approvalPath: string | null;
  approvalStage: number | null;
  templateVersion: number | null;
  year: number | null;
  seq: number | null;
  number: string | null;
  signedAt: string | null;
  signedPdfSha256: string | null;
  createdAt: string;
  updatedAt: string;
};

/** One saved version of a draft (never overwritten); `content` is the DecisionContent as JSON. */
export type DecisionVersionRecord = { decisionId: string; version: number; content: string; createdAt: string; createdBy: string };

export type DecisionReviewRecord = { decisionId: string; version: number; reviewerId: string; outcome: 'approved' | 'returned'; remarks: string | null; at: string };

/** A letter to send ("Do wysyłki"), made when a decision is signed, one per addressee. */
export type DispatchItemRecord = {
  id: string;
  decisionId: string | null;
  caseId: string;
  unitId: string;
  partyId: string | null;
  addresseeName: string;
  addresseeAddress: string;
  subject: string;
  documentSha256: string;
  status: 'awaiting' | 'dispatched' | 'cancelled';
  channel: string | null;
  correspondenceId: string | null;
  collectedBy: string | null;
  createdAt: string;
  updatedAt: string;
  seqInDecision: number;
};

/** A saved version of a template's wording (every one kept; the newest applies). */
export type TemplateVersionRecord = { code: string; version: number; template: string; createdAt: string; createdBy: string };

/** Komórka organizacyjna as the directory lists it. */
export type UnitRecord = { id: string; symbol: string; name: string; parentId: string | null; active: boolean };

/** A person in the office's directory; `active` is false for someone who has left. */
export type PersonRecord = { id: string; login: string; fullName: string; position: string; role: Role; unitId: string; active: boolean };

/** The tables a command's effects write, by the name effects use. */
export type Tables = {
  units: UnitRecord;
  users: PersonRecord;
  parties: PartyRecord;
  correspondence: LetterRecord;
  correspondenceScans: ScanRecord;
  assignments: AssignmentRecord;
  substitutions: SubstitutionRecord;
  cases: CaseRecord;
  caseParties: CasePartyRecord;
  caseItems: CaseItemRecord;
  caseDocuments: CaseDocumentRecord;
  opinionRequests: OpinionRequestRecord;
  caseSuspensions: SuspensionRecord;
  decisions: DecisionRecord;
  decisionVersions: DecisionVersionRecord;
  decisionReviews: DecisionReviewRecord;
  dispatchItems: DispatchItemRecord;
  documentTemplates: TemplateVersionRecord;
};

/** The tables whose rows have an `id` and may be updated (a scan is only ever added). */
export type UpdatableTable = 'units' | 'users' | 'parties' | 'correspondence' | 'assignments' | 'substitutions' | 'cases' | 'opinionRequests' | 'decisions' | 'dispatchItems';

/** The decision a valid signature in a held file covers (core/decisions/signedMark.ts reads and writes the mark). */
export type SignedOver = { decisionId: string; number: string | null };
