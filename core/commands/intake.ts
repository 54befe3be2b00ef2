/**
 * Intake commands: a new party, a letter entered in the incoming register (RPW), scans added
 * later, a correction and a cancellation. Defined once; the workstation and the server apply
 * the same effects (engine.ts).
 */
import { z } from 'zod';
import { channelSchema, correctionInputSchema, partyInputSchema, postmarkOperatorSchema, scanRefSchema, type Role } from '#core/contract';
import { trackingNumberSchema } from '#core/tracking';
import { fail, fieldProblems } from '#core/errors';
import { formatDateTime, warsawDate, warsawYear } from '#core/time';
import { settingsFrom } from '#core/settings';
import { correctedFields } from '#core/intake/correction';
import { duplicatesAmong } from '#core/intake/duplicates';
import { ask, defineCommand, type CommandEnv } from '#core/commands/engine';
import { allowRoles, labelOf, letterEntry } from '#core/commands/office';
import type { Effect } from '#core/commands/effects';
import type { LetterRecord, PartyRecord } from '#core/commands/records';

const id = z.uuid();
const text = (max: number) => z.string().max(max).nullable();

/** Who may register, correct and cancel incoming mail. */
export const REGISTRY_ROLES = ['registry', 'admin'] as const satisfies readonly Role[];
const INCOMING_REGISTER = 'RPW';
/** Seconds of tolerance for "not in the future": the form's "now" and the authority's clock. */
const FUTURE_TOLERANCE_MS = 5_000;

/**
 * What a registration's form may get wrong, each under its field and all at once: the receipt
 * in the future, the letter dated after it, a sender or unit that is not (or no longer) there.
 * Returns the sender, found.
 */
function checkLetterFields<P>(now: Date, f: { receivedAt: string; letterDate: string | null; postmarkedOn: string | null; channel: string; unitId: string }, o: { sender: P | null; units: readonly { id: string; active: boolean }[]; activeUnitOnly: boolean }): P {
  const problems = fieldProblems();
  const received = new Date(f.receivedAt);
  if (received.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) problems.add('receivedAt', fail('RECEIVED_IN_FUTURE', { when: formatDateTime(received) }));
  if (f.letterDate && f.letterDate > warsawDate(received)) problems.add('letterDate', fail('LETTER_AFTER_RECEIPT'));
  if (f.postmarkedOn !== null) {
    // Only a letter that came by post has a day of posting; a wrong one would make a late appeal look on time.
    if (f.channel !== 'paper') problems.add('postmarkedOn', fail('POSTMARK_NOT_BY_POST'));
    else if (f.postmarkedOn > warsawDate(received)) problems.add('postmarkedOn', fail('POSTMARK_AFTER_RECEIPT'));
    else if (f.letterDate && f.postmarkedOn < f.letterDate) problems.add('postmarkedOn', fail('POSTMARK_BEFORE_LETTER_DATE'));
  }
  if (!o.sender) problems.add('senderId', fail('PARTY_NOT_FOUND'));
  if (!o.units.some((u) => u.id === f.unitId && (u.active || !o.activeUnitOnly))) problems.add('unitId', fail('UNIT_NOT_FOUND'));
  problems.throwIfAny();
  // Refused above already; this tells the type checker the sender is there.
  if (!o.sender) throw fail('PARTY_NOT_FOUND');
  return o.sender;
}

function partyName(p: z.infer<typeof partyInputSchema>): string {
  return p.kind === 'person' ? [p.firstName, p.lastName].filter(Boolean).join(' ') : (p.name ?? '');
}

export const createParty = defineCommand({
  name: 'createParty',
  args: z.object({ id, party: partyInputSchema }),
  *read(a) {
    return { same: yield* ask.partiesWithIdentifier(a.party.pesel ?? null, a.party.nip ?? null) };
  },
  decide(s, a, env) {
    // One PESEL or one NIP is one party: a second would split a resident's letters in two.
    const existing = s.same[0];
    if (existing) throw fail('PARTY_EXISTS', { name: existing.name });
    const p = a.party;
    const name = partyName(p);
    const row: PartyRecord = {
      id: a.id,
      kind: p.kind,
      name,
      firstName: p.firstName ?? null,
      lastName: p.lastName ?? null,
      pesel: p.pesel ?? null,
      nip: p.nip ?? null,
      regon: p.regon ?? null,
      street: p.street ?? null,
      postalCode: p.postalCode ?? null,
      city: p.city ?? null,
      country: 'Polska',
      email: p.email ?? null,
      phone: p.phone ?? null,
      electronicAddress: p.electronicAddress ?? null,
      createdAt: env.now.toISOString(),
      createdBy: env.actor.id,
    };
    return [
      { kind: 'insert', table: 'parties', rows: [row] },
      { kind: 'metryka', entityType: 'party', entityId: a.id, unitId: env.actor.unitId, documentRef: null, onBehalfOf: null, entry: { action: 'party.created', data: { name } } },
    ];
  },
  describe: (_s, a) => `Nowa strona: ${partyName(a.party)}`,
});

export const registerIncomingArgs = z.object({
  id,
  /** The label a synced workstation printed on the receipt; null where the number is given at once. */
  provisionalLabel: z.string().min(1).max(40).nullable(),
  statusCode: z.string().regex(/^[0-9A-Z]{8}$/),
  receivedAt: z.iso.datetime({ offset: true }),
  channel: channelSchema,
  senderId: id,
  senderReference: text(100),
  letterDate: z.iso.date().nullable(),
  // Commands queued before postmarks were kept carry none.
  postmarkedOn: z.iso.date().nullable().default(null),
  postmarkOperator: postmarkOperatorSchema.nullable().default(null),
  /** An e-mail's Message-ID (without brackets). */
  externalId: z.string().min(1).max(998).nullable().default(null),
  subject: z.string().min(1).max(1000),
  attachmentsCount: z.number().int().min(0).max(9999),
  trackingNumber: trackingNumberSchema.nullable(),
  remarks: text(2000),
  unitId: id,
  scans: z.array(scanRefSchema).max(200),
  acknowledgeDuplicates: z.boolean(),
});

export const registerIncoming = defineCommand({
  name: 'registerIncoming',
  args: registerIncomingArgs,
  *read(a) {
    const sha256s = a.scans.map((s) => s.sha256);
    return {
      sender: yield* ask.party(a.senderId),
      office: yield* ask.office(),
      settings: yield* ask.settings(),
      stored: yield* ask.storedBlobs(sha256s),
      sameFile: yield* ask.lettersWithFiles(sha256s),
      sameSender: a.senderReference ? yield* ask.referencedLettersOf(a.senderId) : [],
      sameMessage: a.externalId ? yield* ask.lettersWithExternalId(a.externalId) : [],
    };
  },
  decide(s, a, env) {
    allowRoles(env.actor, REGISTRY_ROLES, 'rejestracja przesyłki');
    const sender = checkLetterFields(env.now, a, { sender: s.sender, units: s.office.units, activeUnitOnly: true });
    for (const scan of a.scans) if (!s.stored.includes(scan.sha256)) throw fail('SCAN_NOT_STAGED', { fileName: scan.fileName });
    if (!a.acknowledgeDuplicates) {
      const dupes = duplicatesAmong(s.sameFile, s.sameSender, a.senderReference, s.sameMessage);
      if (dupes.length > 0) throw fail('DUPLICATE_SUSPECTED', { list: dupes.map((d) => d.message).join(' ') });
    }
    const at = env.now.toISOString();
    // The register's year is the office's calendar year at registration (Europe/Warsaw), by the
    // authority's clock: a workstation's wrong clock never decides it.
    const year = warsawYear(env.now);
    const row: LetterRecord = {
      id: a.id,
      direction: 'in',
      register: INCOMING_REGISTER,
      year,
      seq: null,
      number: null,
      provisionalLabel: a.provisionalLabel,
      status: 'registered',
      receivedAt: new Date(a.receivedAt).toISOString(),
      channel: a.channel,
      senderId: sender.id,
      senderName: sender.name,
      senderReference: a.senderReference,
      letterDate: a.letterDate,
      postmarkedOn: a.postmarkedOn,
      postmarkOperator: a.postmarkedOn === null ? null : (a.postmarkOperator ?? 'designated'),
      subject: a.subject,
      attachmentsCount: a.attachmentsCount,
      trackingNumber: a.trackingNumber,
      remarks: a.remarks,
      unitId: a.unitId,
      statusCode: a.statusCode,
      registeredBy: env.actor.id,
      registeredAt: at,
      updatedAt: at,
      revision: 1,
      cancelReason: null,
      caseId: null,
      postageGrosze: null,
      massGrams: null,
      dispatchedOn: null,
      delivery: null,
      appealDecisionId: null,
      appealKind: null,
      appealPartyId: null,
      externalId: a.externalId,
      returnReceipt: false,
    };
    return [
      { kind: 'insert', table: 'correspondence', rows: [row] },
      { kind: 'insert', table: 'correspondenceScans', rows: a.scans.map((x, i) => ({ correspondenceId: a.id, sha256: x.sha256, fileName: x.fileName, position: i + 1, addedAt: at, addedBy: env.actor.id })) },
      { kind: 'number', table: 'correspondence', id: a.id, scope: `${INCOMING_REGISTER}/${String(year)}`, format: { kind: 'pattern', pattern: settingsFrom(s.settings).incomingPattern, year, at } },
      {
        kind: 'metryka',
        entityType: 'correspondence',
        entityId: a.id,
        unitId: a.unitId,
        documentRef: a.provisionalLabel,
        numbered: { label: a.id },
        onBehalfOf: null,
        entry: {
          action: 'correspondence.registered',
          data: { label: a.provisionalLabel ?? '?', provisionalLabel: a.provisionalLabel, senderName: sender.name, subject: a.subject, scans: a.scans.map((x) => x.sha256), acknowledgedDuplicates: a.acknowledgeDuplicates },
        },
      },
    ];
  },
  describe: (_s, a) => `Rejestracja ${a.provisionalLabel ?? 'przesyłki'}: ${a.subject}`,
});

/** A registered letter the registry may change: it exists and is not cancelled. */
function registryLetter(letter: LetterRecord | null, env: CommandEnv): LetterRecord {
  allowRoles(env.actor, REGISTRY_ROLES, 'zmiana wpisu w rejestrze');
  if (!letter) throw fail('CORRESPONDENCE_NOT_FOUND');
  if (letter.status === 'cancelled') throw fail('ALREADY_CANCELLED');
  return letter;
}

export const attachScans = defineCommand({
  name: 'attachScans',
  args: z.object({ id, scans: z.array(scanRefSchema).min(1).max(200) }),
  *read(a) {
    return { letter: yield* ask.letter(a.id), present: yield* ask.scansOf(a.id), stored: yield* ask.storedBlobs(a.scans.map((s) => s.sha256)) };
  },
  decide(s, a, env) {
    const r = registryLetter(s.letter, env);
    // An outgoing letter's content is the document the office signed and sent; a scan added
    // to it would travel in the e-delivery package as if it had been sent.
    if (r.direction !== 'in') throw fail('SCAN_ONLY_INCOMING', { label: labelOf(r) });
    for (const scan of a.scans) {
      if (!s.stored.includes(scan.sha256)) throw fail('SCAN_NOT_STAGED', { fileName: scan.fileName });
      if (s.present.some((p) => p.sha256 === scan.sha256)) throw fail('SCAN_ALREADY_ATTACHED', { fileName: scan.fileName, label: labelOf(r) });
    }
    const at = env.now.toISOString();
    return [
      { kind: 'insert', table: 'correspondenceScans', rows: a.scans.map((x, i) => ({ correspondenceId: r.id, sha256: x.sha256, fileName: x.fileName, position: s.present.length + i + 1, addedAt: at, addedBy: env.actor.id })) },
      { kind: 'update', table: 'correspondence', ids: [r.id], set: { revision: r.revision + 1, updatedAt: at } },
      letterEntry(r, { action: 'correspondence.scansAttached', data: { label: labelOf(r), files: a.scans.map((x) => x.fileName), scans: a.scans.map((x) => x.sha256) } }),
    ];
  },
  describe: (s) => `Skan do ${s.letter ? labelOf(s.letter) : '?'}`,
});

export const correctIncoming = defineCommand({
  name: 'correctIncoming',
  args: correctionInputSchema,
  *read(a) {
    const letter = yield* ask.letter(a.id);
    // No letter, no sender to read (an empty id is no UUID to PostgreSQL): decide refuses the letter.
    const senderId = a.changes.senderId ?? letter?.senderId ?? null;
    return { letter, sender: senderId === null ? null : yield* ask.party(senderId), office: yield* ask.office() };
  },
  decide(s, a, env) {
    const r = registryLetter(s.letter, env);
    if (r.revision !== a.expectedRevision) throw fail('STALE_REVISION');
    const { next, changed } = correctedFields(r, a.changes);
    const sender = checkLetterFields(env.now, next, { sender: s.sender, units: s.office.units, activeUnitOnly: false });
    const fields = Object.keys(changed);
    if (fields.length === 0) throw fail('NOTHING_CHANGED');
    const at = env.now.toISOString();
    const effects: Effect[] = [
      { kind: 'update', table: 'correspondence', ids: [r.id], set: { ...next, senderName: sender.name, revision: r.revision + 1, updatedAt: at } },
    ];
    if (next.unitId !== r.unitId) effects.push({ kind: 'rehome', entityType: 'correspondence', entityId: r.id, fromUnitId: r.unitId, unitId: next.unitId });
    effects.push(letterEntry(r, { action: 'correspondence.corrected', data: { label: labelOf(r), fields, reason: a.reason, changed } }, { unitId: next.unitId }));
    return effects;
  },
  describe: (s) => `Korekta ${s.letter ? labelOf(s.letter) : '?'}`,
});

export const cancelIncoming = defineCommand({
  name: 'cancelIncoming',
  args: z.object({ id, reason: z.string().min(3).max(500) }),
  *read(a) {
    return { letter: yield* ask.letter(a.id) };
  },
  decide(s, a, env) {
    const r = registryLetter(s.letter, env);
    return [
      { kind: 'update', table: 'correspondence', ids: [r.id], set: { status: 'cancelled', cancelReason: a.reason, revision: r.revision + 1, updatedAt: env.now.toISOString() } },
      letterEntry(r, { action: 'correspondence.cancelled', data: { label: labelOf(r), reason: a.reason } }),
    ];
  },
  describe: (s) => `Anulowanie ${s.letter ? labelOf(s.letter) : '?'}`,
});
