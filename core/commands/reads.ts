/**
 * What a command may read, as one small interface every store implements: synchronously on
 * the workstation (inside better-sqlite3's transaction), asynchronously on the server (inside
 * the push's PostgreSQL transaction). A command asks with `yield* ask.letter(id)`, so one
 * definition reads the same way from both (see engine.ts).
 *
 * Each query returns records as records.ts shapes them; choosing among them (what counts as a
 * duplicate, who may act) is the command's pure decision, never the store's SQL.
 */
import type { SignedOver } from '#core/commands/records';
import type { AssignmentRecord, CasePartyRecord, CaseRecord, OpinionRequestRecord, DecisionRecord, DecisionVersionRecord, DispatchItemRecord, TemplateVersionRecord, JrwaRecord, LetterRecord, PartyRecord, PersonRecord, ScanRecord, SubstitutionRecord, SuspensionRecord, UnitRecord } from '#core/commands/records';

/** Units, people (with who has left) and the zastępstwa not called off. */
export type OfficeDirectory = { units: UnitRecord[]; users: PersonRecord[]; substitutions: SubstitutionRecord[] };

/** A letter as a duplicate check names it. */
export type LetterLabel = { id: string; number: string | null; provisionalLabel: string | null };

export type Reads = {
  office(): OfficeDirectory;
  /** The stored office settings, raw (core/settings completes them). */
  settings(): unknown;
  party(id: string): PartyRecord | null;
  /** Parties holding this PESEL or this NIP (either may be null). */
  partiesWithIdentifier(pesel: string | null, nip: string | null): PartyRecord[];
  letter(id: string): LetterRecord | null;
  /** Letters carrying any of these files. */
  lettersWithFiles(sha256s: string[]): (LetterLabel & { sha256: string })[];
  /** Letters registered from the electronic message with this identifier (an e-mail's Message-ID). */
  lettersWithExternalId(externalId: string): LetterLabel[];
  /** Registered letters of this sender that carry a sender's reference. */
  referencedLettersOf(senderId: string): (LetterLabel & { senderReference: string })[];
  /** Which of these blobs are held whole (uploaded and checked). */
  storedBlobs(sha256s: string[]): string[];
  /** What a valid signature in this held file covers (read from its bytes when it arrived); null for any other file. */
  signedOver(sha256: string): SignedOver | null;
  scansOf(letterId: string): ScanRecord[];
  activeAssignments(letterId: string): AssignmentRecord[];
  /** The case whose file holds this letter, if any. */
  caseOfLetter(letterId: string): string | null;
  substitution(id: string): SubstitutionRecord | null;
  case(id: string): CaseRecord | null;
  suspensionsOf(caseId: string): SuspensionRecord[];
  /** The case's parties, those taken off included. */
  partiesOfCase(caseId: string): CasePartyRecord[];
  opinionRequestsOf(caseId: string): OpinionRequestRecord[];
  /** What a person still holds: open cases they lead, letters in their tray (active dekretacje). */
  openWorkOf(userId: string): { cases: number; letters: number };
  jrwa(symbol: string): JrwaRecord | null;
  /** How many cases are kept under this class. */
  jrwaCaseCount(symbol: string): number;
  decision(id: string): DecisionRecord | null;
  decisionVersion(decisionId: string, version: number): DecisionVersionRecord | null;
  dispatchItem(id: string): DispatchItemRecord | null;
  /** The letters to send that signing the decision created, in order. */
  dispatchItemsOf(decisionId: string): DispatchItemRecord[];
  /** The newest saved version of a template (null while the built-in one applies). */
  newestTemplate(code: string): TemplateVersionRecord | null;
};

/** Every query's name, so `ask` can be built without a Proxy and a store cannot miss one. */
export const READ_NAMES = {
  office: true,
  settings: true,
  party: true,
  partiesWithIdentifier: true,
  letter: true,
  lettersWithFiles: true,
  referencedLettersOf: true,
  lettersWithExternalId: true,
  storedBlobs: true,
  signedOver: true,
  scansOf: true,
  activeAssignments: true,
  caseOfLetter: true,
  substitution: true,
  case: true,
  suspensionsOf: true,
  partiesOfCase: true,
  opinionRequestsOf: true,
  openWorkOf: true,
  jrwa: true,
  jrwaCaseCount: true,
  decision: true,
  decisionVersion: true,
  dispatchItem: true,
  dispatchItemsOf: true,
  newestTemplate: true,
} as const satisfies { [K in keyof Reads]: true };

/** The same queries as the server answers them. */
export type AsyncReads = { [K in keyof Reads]: (...args: Parameters<Reads[K]>) => Promise<ReturnType<Reads[K]>> };
