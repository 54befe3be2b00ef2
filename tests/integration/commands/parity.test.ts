/**
 * Parity: every command defined on the engine (core/commands) decides and writes the same on
 * the workstation's SQLite store and the server's PostgreSQL store (PGlite and PostgreSQL).
 *
 * Both stores start from one office (the same unit and people ids, one person who has left),
 * then one scenario runs step by step on both: the rule tables of each command — who may act,
 * the refusals, the successes. Each step's outcome must be the same (the refusal's code, or
 * applied), and at the end every table the commands write is compared row for row, metryka
 * text, time and ids included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { openStore, type Store } from '#db/store';
import * as local from '#db/schema/index';
import { applyEffects, sqliteReads } from '#db/commandStore';
import { writeSetting } from '#db/settingsRepo';
import { openServerDb, type OpenedServerDb } from '#server/db/open';
import { writeTx } from '#server/db/tx';
import * as remote from '#server/db/schema/index';
import type { SignedOver } from '#core/commands/records';
import { assignments as pgAssignments, blobs as pgBlobs, correspondence as pgLetters, correspondenceScans as pgScans, parties as pgParties, recordEvents, substitutions as pgSubstitutions } from '#server/db/schema/records';
import { applyEffectsPg, pgReads } from '#server/sync/commandStore';
import { decideAsync, decideSync, type Actor, type AnyCommand } from '#core/commands/engine';
import { engineCommands, requestedCommands, type EngineCommandName } from '#core/commands/registry';
import { builtInTemplate } from '#core/decisions/templateVersions';
import { metrykaId } from '#core/commands/metryka';
import { isDomainError } from '#core/errors';
import { DEMO_SETTINGS, DEMO_UNITS, DEMO_USERS } from '#core/demo/office';
import { createServerDatabase, SERVER_ENGINES, type ServerDatabase } from '#tests/support/server';
import { removeDir, tempDir } from '#tests/support/profile';
import { parseJrwa } from '#core/jrwa/import';
import demoJrwa from '../../../core/jrwa/demo-jrwa.json' with { type: 'json' };

const CLIENT = 'parity';
const NOW = new Date('2026-06-10T09:00:00.000Z');

// The office both stores start from.
const unitIds = new Map(DEMO_UNITS.map((u) => [u.symbol, crypto.randomUUID()]));
const people = DEMO_USERS.map((u) => ({ id: crypto.randomUUID(), login: u.login, fullName: u.fullName, position: u.position, role: u.role, unitId: unitIds.get(u.unit) ?? '', active: true }));
// Someone who has left: no dekretacja, no zastępstwo may name her.
const gone = { id: crypto.randomUUID(), login: 'bodeszla', fullName: 'Beata Odeszła', position: 'Inspektor', role: 'clerk' as const, unitId: unitIds.get('GK') ?? '', active: false };
// A second clerk of GK: sees GK's cases, but writes no one else's draft.
const colleague = { id: crypto.randomUUID(), login: 'kkolega', fullName: 'Karol Kolega', position: 'Inspektor', role: 'clerk' as const, unitId: unitIds.get('GK') ?? '', active: true };
const directory = [...people, gone, colleague];
const unitRows = DEMO_UNITS.map((u) => ({ id: unitIds.get(u.symbol) ?? '', symbol: u.symbol, name: u.name, parentId: u.parent ? (unitIds.get(u.parent) ?? null) : null, active: true }));

function person(login: string): Actor {
  const p = directory.find((u) => u.login === login);
  if (!p) throw new Error(login);
  return { id: p.id, fullName: p.fullName, position: p.position, role: p.role, unitId: p.unitId };
}
const unit = (symbol: string) => unitIds.get(symbol) ?? '';

/** A valid PESEL for a birth date and serial (checksum computed). */
function pesel(serial: number): string {
  const base = `850312${String(serial).padStart(4, '0')}`;
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = w.reduce((s, weight, i) => s + Number(base.charAt(i)) * weight, 0);
  return `${base}${String((10 - (sum % 10)) % 10)}`;
}

/** A valid NIP (checksum computed; serials giving 10 are skipped by the caller). */
function nip(serial: number): string {
  for (let n = serial; ; n++) {
    const base = `526${String(n).padStart(6, '0')}`;
    const w = [6, 5, 7, 2, 3, 4, 5, 6, 7];
    const c = w.reduce((s, weight, i) => s + Number(base.charAt(i)) * weight, 0) % 11;
    if (c !== 10) return `${base}${String(c)}`;
  }
}

const JRWA = parseJrwa(JSON.stringify(demoJrwa)).classes;

const sha = (n: number) => n.toString(16).padStart(64, '0');
const STORED = [sha(1), sha(2), sha(3), sha(4), sha(5)];
/** What a valid signature in each stored file covers, as signing/signedOver.ts reads it from the bytes (tested on real files in tests/unit/signedOver.test.ts). */
const signedOverOf = (s: string): SignedOver | null => (s === sha(4) ? { decisionId: ids.decision1, number: '1/2026' } : s === sha(5) ? { decisionId: ids.letterDoc, number: null } : null);

type Step = { title: string; as: string; command: EngineCommandName | keyof typeof requestedCommands; args: unknown; expect: string };

const COMMANDS: Record<Step['command'], AnyCommand> = { ...engineCommands, ...requestedCommands };

const ids = { partyA: crypto.randomUUID(), partyC: crypto.randomUUID(), letter1: crypto.randomUUID(), letter2: crypto.randomUUID(), letter3: crypto.randomUUID(), letter4: crypto.randomUUID(), letter5: crypto.randomUUID(), sub1: crypto.randomUUID(), case1: crypto.randomUUID(), case2: crypto.randomUUID(), decision1: crypto.randomUUID(), decision2: crypto.randomUUID(), letterDoc: crypto.randomUUID(), item1: crypto.randomUUID(), item2: crypto.randomUUID(), sent1: crypto.randomUUID(), appeal1: crypto.randomUUID(), doc1: crypto.randomUUID(), ask1: crypto.randomUUID(), newUnit: crypto.randomUUID(), newPerson: crypto.randomUUID() };

function letter(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    provisionalLabel: null,
    statusCode: crypto.randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase(),
    receivedAt: '2026-06-10T08:30:00.000Z',
    channel: 'paper',
    senderId: ids.partyA,
    senderReference: 'AB 12/2026',
    letterDate: '2026-06-05',
    subject: 'Wniosek o wydanie warunków zabudowy',
    attachmentsCount: 1,
    trackingNumber: null,
    remarks: null,
    unitId: unit('GK'),
    scans: [{ sha256: sha(1), fileName: 'skan1.pdf' }],
    acknowledgeDuplicates: false,
    ...over,
  };
}

const assign = (itemId: string, userIds: string[], over: Record<string, unknown> = {}) => ({
  itemId,
  assignmentIds: userIds.map(() => crypto.randomUUID()),
  userIds,
  instruction: 'do_zalatwienia',
  deadline: null,
  note: null,
  actingForId: null,
  ...over,
});

const jrwa = (symbol: string, name: string, categoryOwner: string | null) => ({ symbol, name, categoryOwner, categoryOther: null, remarks: null });

function caseArgs(id: string, over: Record<string, unknown> = {}) {
  return { id, provisionalLabel: null, itemId: ids.letter4, jrwaSymbol: '6730', title: 'Warunki zabudowy — dz. 12/3', deadlineKind: 'kpa35-standard', startedOn: null, partyIds: [], ...over };
}

const CONTENT = {
  organ: 'Wójt Gminy Przykładowa',
  place: 'Przykładowo',
  date: '2026-06-10',
  parties: [{ name: 'Żuraw Sp. z o.o.', address: 'ul. Przemysłowa 8, 00-950 Warszawa', partyId: ids.partyC }, { name: 'Jan Spoza Rejestru', address: 'ul. Leśna 1', partyId: null }],
  legalBasis: 'art. 104 KPA, art. 59 ust. 1 ustawy o planowaniu i zagospodarowaniu przestrzennym',
  subject: 'budowa budynku gospodarczego na działce nr 12/3',
  applicationDate: '2026-06-01',
  ruling: 'Ustalam warunki zabudowy dla budynku gospodarczego.',
  justification: 'Teren spełnia warunki art. 61 ust. 1 ustawy.',
  justificationWaived: false,
  appealInstruction: 'Od decyzji służy odwołanie do Samorządowego Kolegium Odwoławczego w Łodzi za pośrednictwem Wójta w terminie 14 dni od jej doręczenia.',
  fee: '',
  signatoryName: 'Katarzyna Zielińska',
  signatoryPosition: 'Kierownik Referatu',
  electronic: true,
};
const WZ = builtInTemplate('WZ').fields;
const entry = { statusCode: 'ABCD1234', provisionalLabel: null, postageGrosze: 1150, massGrams: 40, dispatchedOn: '2026-06-10' };
const send = (itemId: string, correspondenceId: string, over: Record<string, unknown> = {}) => ({ itemId, correspondenceId, collectedBy: null, addresseeId: null, channel: 'registered', trackingNumber: 'RR123456785PL', ...entry, statusCode: correspondenceId.replace(/-/g, '').slice(0, 8).toUpperCase(), ...over });
const outgoing = (over: Record<string, unknown> = {}) => {
  const id = crypto.randomUUID();
  return { id, caseId: ids.case2, addresseeId: ids.partyC, subject: 'Wezwanie do uzupełnienia wniosku', remarks: null, channel: 'ordinary', trackingNumber: null, ...entry, statusCode: id.replace(/-/g, '').slice(0, 8).toUpperCase(), ...over };
};
const paths = (approverIds: string[]) => ({ settings: { ...DEMO_SETTINGS, incomingPattern: 'RPW/{nr}/{rok}', approvalPaths: [{ unitId: unit('GK'), typeCode: null, approverIds }] } });

const SCENARIO: Step[] = [
  { title: 'a party with a PESEL', as: 'akowalska', command: 'createParty', args: { id: ids.partyA, party: { kind: 'person', firstName: 'Jan', lastName: 'Zieliński', pesel: pesel(1234), city: 'Łódź' } }, expect: 'applied' },
  { title: 'the same PESEL again', as: 'pwisniewski', command: 'createParty', args: { id: crypto.randomUUID(), party: { kind: 'person', lastName: 'Inny', pesel: pesel(1234) } }, expect: 'PARTY_EXISTS' },
  { title: 'a company with a NIP', as: 'akowalska', command: 'createParty', args: { id: ids.partyC, party: { kind: 'company', name: 'Żuraw Sp. z o.o.', nip: nip(104082) } }, expect: 'applied' },
  { title: 'the same NIP with a PESEL not known', as: 'akowalska', command: 'createParty', args: { id: crypto.randomUUID(), party: { kind: 'company', name: 'Żuraw bis', nip: nip(104082) } }, expect: 'PARTY_EXISTS' },
  { title: 'a clerk may not register', as: 'tlukasik', command: 'registerIncoming', args: letter(crypto.randomUUID()), expect: 'FORBIDDEN' },
  { title: 'a letter with a scan', as: 'akowalska', command: 'registerIncoming', args: letter(ids.letter1), expect: 'applied' },
  { title: 'received tomorrow', as: 'akowalska', command: 'registerIncoming', args: letter(crypto.randomUUID(), { receivedAt: '2026-06-11T08:00:00.000Z', scans: [], senderReference: null }), expect: 'RECEIVED_IN_FUTURE' },
  { title: 'dated after its receipt', as: 'akowalska', command: 'registerIncoming', args: letter(crypto.randomUUID(), { letterDate: '2026-06-11', scans: [], senderReference: null }), expect: 'LETTER_AFTER_RECEIPT' },
  { title: 'the same reference typed otherwise', as: 'akowalska', command: 'registerIncoming', args: letter(crypto.randomUUID(), { senderReference: 'ab12/2026', scans: [] }), expect: 'DUPLICATE_SUSPECTED' },
  { title: 'the same scan file', as: 'akowalska', command: 'registerIncoming', args: letter(crypto.randomUUID(), { senderReference: null }), expect: 'DUPLICATE_SUSPECTED' },
  { title: 'the same scan, acknowledged', as: 'akowalska', command: 'registerIncoming', args: letter(ids.letter2, { senderReference: null, acknowledgeDuplicates: true }), expect: 'applied' },
  { title: 'a scan never uploaded', as: 'akowalska', command: 'registerIncoming', args: letter(crypto.randomUUID(), { senderReference: null, scans: [{ sha256: sha(99), fileName: 'brak.pdf' }] }), expect: 'SCAN_NOT_STAGED' },
  { title: 'an unknown sender', as: 'akowalska', command: 'registerIncoming', args: letter(crypto.randomUUID(), { senderId: crypto.randomUUID(), senderReference: null, scans: [] }), expect: 'PARTY_NOT_FOUND' },
  { title: 'a third letter, for FN', as: 'akowalska', command: 'registerIncoming', args: letter(ids.letter3, { senderId: ids.partyC, senderReference: null, scans: [], unitId: unit('FN') }), expect: 'applied' },
  { title: 'a scan added later', as: 'akowalska', command: 'attachScans', args: { id: ids.letter1, scans: [{ sha256: sha(2), fileName: 'skan2.pdf' }] }, expect: 'applied' },
  { title: 'the same scan added twice', as: 'akowalska', command: 'attachScans', args: { id: ids.letter1, scans: [{ sha256: sha(2), fileName: 'skan2.pdf' }] }, expect: 'SCAN_ALREADY_ATTACHED' },
  { title: 'a correction of an old revision', as: 'akowalska', command: 'correctIncoming', args: { id: ids.letter1, expectedRevision: 1, changes: { subject: 'Wniosek o WZ' }, reason: 'literówka' }, expect: 'STALE_REVISION' },
  { title: 'a correction', as: 'akowalska', command: 'correctIncoming', args: { id: ids.letter1, expectedRevision: 2, changes: { subject: 'Wniosek o WZ', letterDate: '2026-06-04' }, reason: 'literówka' }, expect: 'applied' },
  { title: 'a correction that changes nothing', as: 'akowalska', command: 'correctIncoming', args: { id: ids.letter1, expectedRevision: 3, changes: { subject: 'Wniosek o WZ' }, reason: 'jeszcze raz' }, expect: 'NOTHING_CHANGED' },
  { title: 'a registry clerk may not decree', as: 'akowalska', command: 'assignItem', args: assign(ids.letter1, [person('tlukasik').id]), expect: 'FORBIDDEN' },
  { title: 'a head of another unit does not see the letter', as: 'jnowak', command: 'assignItem', args: assign(ids.letter1, [person('edabrowska').id]), expect: 'CORRESPONDENCE_NOT_FOUND' },
  { title: 'to someone who has left', as: 'kzielinska', command: 'assignItem', args: assign(ids.letter1, [gone.id]), expect: 'ASSIGN_USER_INACTIVE' },
  { title: 'dekretacja to a clerk', as: 'kzielinska', command: 'assignItem', args: assign(ids.letter1, [person('tlukasik').id], { deadline: '2026-06-20', note: 'pilne' }), expect: 'applied' },
  { title: 'dekretacja again, to another clerk', as: 'kzielinska', command: 'assignItem', args: assign(ids.letter1, [person('mwojcik').id]), expect: 'applied' },
  { title: 'przekazanie to the own unit', as: 'kzielinska', command: 'forwardItem', args: { itemId: ids.letter2, toUnitId: unit('GK'), reason: 'omyłka', actingForId: null }, expect: 'FORWARD_SAME_UNIT' },
  { title: 'przekazanie GK → FN', as: 'kzielinska', command: 'forwardItem', args: { itemId: ids.letter2, toUnitId: unit('FN'), reason: 'sprawa podatkowa', actingForId: null }, expect: 'applied' },
  { title: 'GK no longer sees it', as: 'kzielinska', command: 'returnItem', args: { itemId: ids.letter2, reason: 'omyłka', actingForId: null }, expect: 'CORRESPONDENCE_NOT_FOUND' },
  { title: 'a clerk may not return', as: 'edabrowska', command: 'returnItem', args: { itemId: ids.letter3, reason: 'nie nasze', actingForId: null }, expect: 'FORBIDDEN' },
  { title: 'return to the registry', as: 'jnowak', command: 'returnItem', args: { itemId: ids.letter3, reason: 'nie nasze', actingForId: null }, expect: 'applied' },
  { title: 'a clerk may not set a zastępstwo', as: 'tlukasik', command: 'createSubstitution', args: { id: crypto.randomUUID(), substituteId: person('mwojcik').id, forUserId: person('tlukasik').id, from: '2026-06-10', to: '2026-06-12' }, expect: 'FORBIDDEN' },
  { title: 'a substitute who has left', as: 'kzielinska', command: 'createSubstitution', args: { id: crypto.randomUUID(), substituteId: gone.id, forUserId: person('tlukasik').id, from: '2026-06-10', to: '2026-06-12' }, expect: 'SUBSTITUTE_INACTIVE' },
  { title: 'a zastępstwo in the past', as: 'kzielinska', command: 'createSubstitution', args: { id: crypto.randomUUID(), substituteId: person('mwojcik').id, forUserId: person('tlukasik').id, from: '2026-05-01', to: '2026-05-02' }, expect: 'SUBSTITUTION_IN_PAST' },
  { title: 'a zastępstwo', as: 'kzielinska', command: 'createSubstitution', args: { id: ids.sub1, substituteId: person('mwojcik').id, forUserId: person('tlukasik').id, from: '2026-06-10', to: '2026-06-12' }, expect: 'applied' },
  { title: 'the same pair overlapping', as: 'kzielinska', command: 'createSubstitution', args: { id: crypto.randomUUID(), substituteId: person('mwojcik').id, forUserId: person('tlukasik').id, from: '2026-06-12', to: '2026-06-15' }, expect: 'SUBSTITUTION_OVERLAP' },
  { title: 'a head of another unit may not call it off', as: 'jnowak', command: 'cancelSubstitution', args: { id: ids.sub1 }, expect: 'SUBSTITUTION_FORBIDDEN' },
  { title: 'called off', as: 'kzielinska', command: 'cancelSubstitution', args: { id: ids.sub1 }, expect: 'applied' },
  { title: 'called off twice', as: 'kzielinska', command: 'cancelSubstitution', args: { id: ids.sub1 }, expect: 'SUBSTITUTION_NOT_FOUND' },
  { title: 'cancellation', as: 'akowalska', command: 'cancelIncoming', args: { id: ids.letter1, reason: 'pomyłka w rejestracji' }, expect: 'applied' },
  { title: 'cancelled twice', as: 'akowalska', command: 'cancelIncoming', args: { id: ids.letter1, reason: 'jeszcze raz' }, expect: 'ALREADY_CANCELLED' },
  { title: 'a letter for a case', as: 'akowalska', command: 'registerIncoming', args: letter(ids.letter4, { senderReference: 'WZ/4', scans: [{ sha256: sha(3), fileName: 'wniosek.pdf' }] }), expect: 'applied' },
  { title: 'another letter for its file', as: 'akowalska', command: 'registerIncoming', args: letter(ids.letter5, { senderReference: 'WZ/5', scans: [] }), expect: 'applied' },
  { title: 'dekretacja to the clerk who opens the case', as: 'kzielinska', command: 'assignItem', args: assign(ids.letter4, [person('tlukasik').id]), expect: 'applied' },
  { title: 'the registry does not open cases', as: 'akowalska', command: 'openCase', args: caseArgs(crypto.randomUUID(), { itemId: null }), expect: 'FORBIDDEN' },
  { title: 'an unknown JRWA class', as: 'tlukasik', command: 'openCase', args: caseArgs(crypto.randomUUID(), { itemId: null, jrwaSymbol: '9999' }), expect: 'CASE_JRWA_UNKNOWN' },
  { title: 'a class that is not a leaf', as: 'tlukasik', command: 'openCase', args: caseArgs(crypto.randomUUID(), { itemId: null, jrwaSymbol: '673' }), expect: 'CASE_JRWA_NOT_LEAF' },
  { title: 'from a cancelled letter', as: 'tlukasik', command: 'openCase', args: caseArgs(crypto.randomUUID(), { itemId: ids.letter1 }), expect: 'ALREADY_CANCELLED' },
  { title: 'a case from the letter', as: 'tlukasik', command: 'openCase', args: caseArgs(ids.case1, { partyIds: [ids.partyC] }), expect: 'applied' },
  { title: 'a second case from the same letter', as: 'tlukasik', command: 'openCase', args: caseArgs(crypto.randomUUID()), expect: 'CASE_ITEM_IN_CASE' },
  { title: 'a case on the office’s own initiative', as: 'kzielinska', command: 'openCase', args: caseArgs(ids.case2, { itemId: null, startedOn: '2026-06-01', deadlineKind: 'kpa35-complicated' }), expect: 'applied' },
  { title: 'another letter joins the file', as: 'tlukasik', command: 'linkItem', args: { caseId: ids.case1, itemId: ids.letter5 }, expect: 'applied' },
  { title: 'the letter joins twice', as: 'tlukasik', command: 'linkItem', args: { caseId: ids.case1, itemId: ids.letter5 }, expect: 'CASE_ITEM_IN_CASE' },
  { title: 'a FN clerk does not see the case', as: 'edabrowska', command: 'caseAction', args: { id: ids.case1, action: 'start', reason: null, expectedRevision: 1 }, expect: 'CASE_NOT_FOUND' },
  { title: 'the work starts', as: 'tlukasik', command: 'caseAction', args: { id: ids.case1, action: 'start', reason: null, expectedRevision: 1 }, expect: 'applied' },
  { title: 'an action on an old revision', as: 'tlukasik', command: 'caseAction', args: { id: ids.case1, action: 'close', reason: null, expectedRevision: 1 }, expect: 'CASE_STALE_REVISION' },
  { title: 'a suspension needs its reason', as: 'tlukasik', command: 'caseAction', args: { id: ids.case1, action: 'suspend', reason: null, expectedRevision: 2 }, expect: 'CASE_REASON_REQUIRED' },
  { title: 'suspended', as: 'tlukasik', command: 'caseAction', args: { id: ids.case1, action: 'suspend', reason: 'oczekiwanie na opinię', expectedRevision: 2 }, expect: 'applied' },
  { title: 'resumed', as: 'tlukasik', command: 'caseAction', args: { id: ids.case1, action: 'resume', reason: null, expectedRevision: 3 }, expect: 'applied' },
  { title: 'a clerk does not hand his case on', as: 'tlukasik', command: 'changeCaseOwner', args: { id: ids.case1, ownerId: colleague.id, reason: 'urlop', expectedRevision: 4 }, expect: 'CASE_REASSIGN_HEAD_ONLY' },
  { title: 'not to a person of another unit', as: 'kzielinska', command: 'changeCaseOwner', args: { id: ids.case1, ownerId: person('edabrowska').id, reason: 'urlop', expectedRevision: 4 }, expect: 'CASE_OWNER_NOT_IN_UNIT' },
  { title: 'not to whoever leads it already', as: 'kzielinska', command: 'changeCaseOwner', args: { id: ids.case1, ownerId: person('tlukasik').id, reason: 'urlop', expectedRevision: 4 }, expect: 'CASE_OWNER_SAME' },
  { title: 'the head hands the case to a colleague', as: 'kzielinska', command: 'changeCaseOwner', args: { id: ids.case1, ownerId: colleague.id, reason: 'urlop prowadzącego', expectedRevision: 4 }, expect: 'applied' },
  { title: 'the former owner no longer writes its notes', as: 'tlukasik', command: 'addCaseNote', args: { caseId: ids.case1, kind: 'note', text: 'Rozmowa z wnioskodawcą.' }, expect: 'CASE_NOT_YOURS' },
  { title: 'the new owner writes a notatka', as: 'kkolega', command: 'addCaseNote', args: { caseId: ids.case1, kind: 'note', text: 'Rozmowa telefoniczna z wnioskodawcą:\nmapa zostanie doniesiona.' }, expect: 'applied' },
  { title: 'the head gives an opinion', as: 'kzielinska', command: 'addCaseNote', args: { caseId: ids.case1, kind: 'opinion', text: 'Zgadzam się z propozycją.' }, expect: 'applied' },
  { title: 'the registry writes no notes', as: 'akowalska', command: 'addCaseNote', args: { caseId: ids.case1, kind: 'note', text: 'x' }, expect: 'FORBIDDEN' },
  { title: 'and back to its owner', as: 'kzielinska', command: 'changeCaseOwner', args: { id: ids.case1, ownerId: person('tlukasik').id, reason: 'powrót z urlopu', expectedRevision: 5 }, expect: 'applied' },
  { title: 'the registry adds no parties', as: 'akowalska', command: 'addCaseParty', args: { caseId: ids.case1, partyId: ids.partyC, role: 'strona' }, expect: 'FORBIDDEN' },
  { title: 'the applicant is a party already', as: 'tlukasik', command: 'addCaseParty', args: { caseId: ids.case1, partyId: ids.partyA, role: 'strona' }, expect: 'CASE_PARTY_PRESENT' },
  { title: 'a party nobody registered', as: 'tlukasik', command: 'addCaseParty', args: { caseId: ids.case1, partyId: crypto.randomUUID(), role: 'strona' }, expect: 'PARTY_NOT_FOUND' },
  { title: 'a FN clerk takes off no party here', as: 'edabrowska', command: 'removeCaseParty', args: { caseId: ids.case1, partyId: ids.partyC, reason: 'x' }, expect: 'CASE_NOT_FOUND' },
  { title: 'a colleague who does not lead it takes off none', as: 'kkolega', command: 'removeCaseParty', args: { caseId: ids.case1, partyId: ids.partyC, reason: 'x' }, expect: 'CASE_NOT_YOURS' },
  { title: 'a party taken off the case', as: 'tlukasik', command: 'removeCaseParty', args: { caseId: ids.case1, partyId: ids.partyC, reason: 'spółka nie ma interesu prawnego' }, expect: 'applied' },
  { title: 'taken off twice', as: 'tlukasik', command: 'removeCaseParty', args: { caseId: ids.case1, partyId: ids.partyC, reason: 'jeszcze raz' }, expect: 'CASE_PARTY_ABSENT' },
  { title: 'back as a participant', as: 'tlukasik', command: 'addCaseParty', args: { caseId: ids.case1, partyId: ids.partyC, role: 'uczestnik' }, expect: 'applied' },
  { title: 'and taken off again', as: 'kzielinska', command: 'removeCaseParty', args: { caseId: ids.case1, partyId: ids.partyC, reason: 'cofnięcie zgłoszenia' }, expect: 'applied' },
  { title: 'a document never uploaded', as: 'tlukasik', command: 'addCaseDocument', args: { id: crypto.randomUUID(), caseId: ids.case1, sha256: sha(97), fileName: 'mapa.pdf', title: 'Mapa' }, expect: 'SCAN_NOT_STAGED' },
  { title: 'a protocol into the akta', as: 'tlukasik', command: 'addCaseDocument', args: { id: ids.doc1, caseId: ids.case1, sha256: sha(2), fileName: 'protokol.pdf', title: 'Protokół oględzin' }, expect: 'applied' },
  { title: 'an opinion of a FN clerk, who does not see the case', as: 'tlukasik', command: 'requestOpinion', args: { id: crypto.randomUUID(), caseId: ids.case1, askedOf: person('edabrowska').id, question: 'Czy?', dueOn: null }, expect: 'OPINION_COLLEAGUE_INVALID' },
  { title: 'an opinion of oneself', as: 'tlukasik', command: 'requestOpinion', args: { id: crypto.randomUUID(), caseId: ids.case1, askedOf: person('tlukasik').id, question: 'Czy?', dueOn: null }, expect: 'OPINION_COLLEAGUE_INVALID' },
  { title: 'an opinion of someone who has left', as: 'tlukasik', command: 'requestOpinion', args: { id: crypto.randomUUID(), caseId: ids.case1, askedOf: gone.id, question: 'Czy?', dueOn: null }, expect: 'OPINION_COLLEAGUE_INVALID' },
  { title: 'an opinion due yesterday', as: 'tlukasik', command: 'requestOpinion', args: { id: crypto.randomUUID(), caseId: ids.case1, askedOf: colleague.id, question: 'Czy?', dueOn: '2026-06-09' }, expect: 'OPINION_DUE_PAST' },
  { title: 'an opinion asked of a colleague', as: 'tlukasik', command: 'requestOpinion', args: { id: ids.ask1, caseId: ids.case1, askedOf: colleague.id, question: 'Czy linia zabudowy jest zgodna z sąsiedztwem?', dueOn: '2026-06-15' }, expect: 'applied' },
  { title: 'asked twice', as: 'tlukasik', command: 'requestOpinion', args: { id: crypto.randomUUID(), caseId: ids.case1, askedOf: colleague.id, question: 'Czy?', dueOn: null }, expect: 'OPINION_ALREADY_ASKED' },
  { title: 'the colleague’s opinion answers it', as: 'kkolega', command: 'addCaseNote', args: { caseId: ids.case1, kind: 'opinion', text: 'Linia zabudowy zgodna.' }, expect: 'applied' },
  { title: 'a colleague may not close it', as: 'mwojcik', command: 'caseAction', args: { id: ids.case1, action: 'close', reason: null, expectedRevision: 6 }, expect: 'CASE_NOT_FOUND' },
  { title: 'closed', as: 'tlukasik', command: 'caseAction', args: { id: ids.case1, action: 'close', reason: null, expectedRevision: 6 }, expect: 'applied' },
  { title: 'a closed case takes no more letters', as: 'tlukasik', command: 'linkItem', args: { caseId: ids.case1, itemId: ids.letter2 }, expect: 'CASE_NOT_OPEN' },
  { title: 'a decision in a closed case', as: 'tlukasik', command: 'createDecision', args: { id: crypto.randomUUID(), caseId: ids.case1, typeCode: 'WZ', content: CONTENT }, expect: 'CASE_NOT_OPEN' },
  { title: 'the registry drafts no decisions', as: 'akowalska', command: 'createDecision', args: { id: crypto.randomUUID(), caseId: ids.case2, typeCode: 'WZ', content: CONTENT }, expect: 'FORBIDDEN' },
  { title: 'an unknown decision type', as: 'tlukasik', command: 'createDecision', args: { id: crypto.randomUUID(), caseId: ids.case2, typeCode: 'XX', content: CONTENT }, expect: 'DECISION_TYPE_UNKNOWN_CODE' },
  { title: 'a draft', as: 'tlukasik', command: 'createDecision', args: { id: ids.decision1, caseId: ids.case2, typeCode: 'WZ', content: { ...CONTENT, ruling: '' } }, expect: 'applied' },
  { title: 'an empty draft', as: 'tlukasik', command: 'createDecision', args: { id: ids.decision2, caseId: ids.case2, typeCode: 'WZ', content: { ...CONTENT, ruling: '', justification: '', legalBasis: '' } }, expect: 'applied' },
  { title: 'an incomplete draft is not submitted', as: 'tlukasik', command: 'submitDecision', args: { id: ids.decision2 }, expect: 'DECISION_INCOMPLETE' },
  { title: 'a save over an old version', as: 'tlukasik', command: 'saveDecision', args: { id: ids.decision1, expectedVersion: 2, content: CONTENT }, expect: 'DECISION_STALE_VERSION' },
  { title: 'version 2', as: 'tlukasik', command: 'saveDecision', args: { id: ids.decision1, expectedVersion: 1, content: CONTENT }, expect: 'applied' },
  { title: 'a colleague does not write someone else’s draft', as: 'kkolega', command: 'saveDecision', args: { id: ids.decision1, expectedVersion: 2, content: CONTENT }, expect: 'DECISION_NOT_WRITER' },
  { title: 'nor submit it for him', as: 'kkolega', command: 'submitDecision', args: { id: ids.decision1 }, expect: 'DECISION_NOT_WRITER' },
  { title: 'a path naming someone who has left', as: 'gszymanski', command: 'updateSettings', args: paths([person('kzielinska').id, gone.id]), expect: 'DECISION_PATH_INACTIVE' },
  { title: 'a clerk does not change the settings', as: 'tlukasik', command: 'updateSettings', args: paths([person('kzielinska').id]), expect: 'FORBIDDEN' },
  { title: 'a path in two stages for GK', as: 'gszymanski', command: 'updateSettings', args: paths([person('kzielinska').id, person('mkaminski').id]), expect: 'applied' },
  { title: 'submitted along the path', as: 'tlukasik', command: 'submitDecision', args: { id: ids.decision1 }, expect: 'applied' },
  { title: 'not the clerk’s review', as: 'tlukasik', command: 'reviewDecision', args: { id: ids.decision1, outcome: 'approved', remarks: null }, expect: 'DECISION_NOT_YOUR_REVIEW' },
  { title: 'a return needs remarks', as: 'kzielinska', command: 'reviewDecision', args: { id: ids.decision1, outcome: 'returned', remarks: null }, expect: 'DECISION_REMARKS_REQUIRED' },
  { title: 'the first stage approves', as: 'kzielinska', command: 'reviewDecision', args: { id: ids.decision1, outcome: 'approved', remarks: null }, expect: 'applied' },
  { title: 'not yet approved: no number', as: 'kzielinska', command: 'numberDecision', args: { id: ids.decision1 }, expect: 'DECISION_NOT_APPROVED' },
  { title: 'the second stage approves', as: 'mkaminski', command: 'reviewDecision', args: { id: ids.decision1, outcome: 'approved', remarks: null }, expect: 'applied' },
  { title: 'a clerk does not number decisions', as: 'tlukasik', command: 'numberDecision', args: { id: ids.decision1 }, expect: 'FORBIDDEN' },
  { title: 'the number in the decision register', as: 'kzielinska', command: 'numberDecision', args: { id: ids.decision1 }, expect: 'applied' },
  { title: 'asked again, the same number', as: 'kzielinska', command: 'numberDecision', args: { id: ids.decision1 }, expect: 'applied' },
  { title: 'signed under another number', as: 'kzielinska', command: 'signDecision', args: { id: ids.decision1, number: '7/2026', sha256: sha(3), templateVersion: 0, signerName: 'Katarzyna Zielińska', dispatch: [] }, expect: 'DECISION_NUMBER_MISMATCH' },
  { title: 'a signed file never uploaded', as: 'kzielinska', command: 'signDecision', args: { id: ids.decision1, number: '1/2026', sha256: sha(98), templateVersion: 0, signerName: 'Katarzyna Zielińska', dispatch: [] }, expect: 'SCAN_NOT_STAGED' },
  { title: 'a file no signature of this decision covers', as: 'kzielinska', command: 'signDecision', args: { id: ids.decision1, number: '1/2026', sha256: sha(3), templateVersion: 0, signerName: 'Katarzyna Zielińska', dispatch: [] }, expect: 'DECISION_SIGNED_FILE_MISMATCH' },
  { title: 'the wezwanie’s signed file given as the decision', as: 'kzielinska', command: 'signDecision', args: { id: ids.decision1, number: '1/2026', sha256: sha(5), templateVersion: 0, signerName: 'Katarzyna Zielińska', dispatch: [] }, expect: 'DECISION_SIGNED_FILE_MISMATCH' },
  {
    title: 'signed, with two letters to send',
    as: 'kzielinska',
    command: 'signDecision',
    args: {
      id: ids.decision1,
      number: '1/2026',
      sha256: sha(4),
      templateVersion: 0,
      signerName: 'Katarzyna Zielińska',
      dispatch: [
        { id: ids.item1, partyId: ids.partyC, addresseeName: 'Żuraw Sp. z o.o.', addresseeAddress: 'ul. Przemysłowa 8, 00-950 Warszawa', seqInDecision: 1 },
        { id: ids.item2, partyId: null, addresseeName: 'Jan Spoza Rejestru', addresseeAddress: 'ul. Leśna 1', seqInDecision: 2 },
      ],
    },
    expect: 'applied',
  },
  // A letter of the procedure: the same akceptacja, its own required text, no decision number.
  { title: 'a wezwanie drafted from its template', as: 'tlukasik', command: 'createDecision', args: { id: ids.letterDoc, caseId: ids.case2, typeCode: 'WEZWANIE_BRAKI', content: { ...CONTENT, legalBasis: '', ruling: '', justification: '', appealInstruction: '' } }, expect: 'applied' },
  { title: 'a wezwanie without the deficiencies is not submitted', as: 'tlukasik', command: 'submitDecision', args: { id: ids.letterDoc }, expect: 'DECISION_INCOMPLETE' },
  { title: 'the deficiencies written in', as: 'tlukasik', command: 'saveDecision', args: { id: ids.letterDoc, expectedVersion: 1, content: { ...CONTENT, legalBasis: '', ruling: '', justification: '', appealInstruction: '', details: { braki: '1. mapa zasadnicza' } } }, expect: 'applied' },
  { title: 'the wezwanie submitted', as: 'tlukasik', command: 'submitDecision', args: { id: ids.letterDoc }, expect: 'applied' },
  { title: 'the wezwanie approved at the first stage', as: 'kzielinska', command: 'reviewDecision', args: { id: ids.letterDoc, outcome: 'approved', remarks: null }, expect: 'applied' },
  { title: 'and at the second', as: 'mkaminski', command: 'reviewDecision', args: { id: ids.letterDoc, outcome: 'approved', remarks: null }, expect: 'applied' },
  { title: 'a letter takes no number in the decision register', as: 'kzielinska', command: 'numberDecision', args: { id: ids.letterDoc }, expect: 'DECISION_NOT_NUMBERED' },
  { title: 'nor is it signed under one', as: 'kzielinska', command: 'signDecision', args: { id: ids.letterDoc, number: '2/2026', sha256: sha(3), templateVersion: 0, signerName: 'Katarzyna Zielińska', dispatch: [] }, expect: 'DECISION_NUMBER_MISMATCH' },
  { title: 'a decision is not signed without its number', as: 'kzielinska', command: 'signDecision', args: { id: ids.decision1, number: null, sha256: sha(3), templateVersion: 0, signerName: 'Katarzyna Zielińska', dispatch: [] }, expect: 'DECISION_NOT_APPROVED' },
  {
    title: 'the wezwanie signed, unnumbered, to send',
    as: 'kzielinska',
    command: 'signDecision',
    args: { id: ids.letterDoc, number: null, sha256: sha(5), templateVersion: 0, signerName: 'Katarzyna Zielińska', dispatch: [{ id: crypto.randomUUID(), partyId: ids.partyC, addresseeName: 'Żuraw Sp. z o.o.', addresseeAddress: 'ul. Przemysłowa 8, 00-950 Warszawa', seqInDecision: 1 }] },
    expect: 'applied',
  },
  { title: 'registered post needs its tracking number', as: 'akowalska', command: 'sendDispatchItem', args: send(ids.item1, crypto.randomUUID(), { trackingNumber: null }), expect: 'OUTGOING_TRACKING_REQUIRED' },
  { title: 'ePUAP needs an electronic address', as: 'akowalska', command: 'sendDispatchItem', args: send(ids.item1, crypto.randomUUID(), { channel: 'epuap', trackingNumber: null }), expect: 'DISPATCH_NO_ELECTRONIC_ADDRESS' },
  { title: 'an addressee outside the register needs one picked', as: 'akowalska', command: 'sendDispatchItem', args: send(ids.item2, crypto.randomUUID()), expect: 'DISPATCH_ADDRESSEE_REQUIRED' },
  { title: 'a clerk does not dispatch', as: 'tlukasik', command: 'sendDispatchItem', args: send(ids.item1, crypto.randomUUID()), expect: 'FORBIDDEN' },
  { title: 'a return receipt by ordinary post', as: 'akowalska', command: 'sendDispatchItem', args: send(ids.item1, crypto.randomUUID(), { channel: 'ordinary', trackingNumber: null, returnReceipt: true }), expect: 'OUTGOING_ZPO_NOT_REGISTERED' },
  { title: 'sent by registered post with a return receipt', as: 'akowalska', command: 'sendDispatchItem', args: send(ids.item1, ids.sent1, { returnReceipt: true }), expect: 'applied' },
  { title: 'sent twice', as: 'akowalska', command: 'sendDispatchItem', args: send(ids.item1, crypto.randomUUID()), expect: 'DISPATCH_ALREADY_SENT' },
  { title: 'collected in person', as: 'akowalska', command: 'sendDispatchItem', args: send(ids.item2, crypto.randomUUID(), { channel: 'in_person', trackingNumber: null, addresseeId: ids.partyA, collectedBy: 'Jan Zieliński, dowód ABC123456' }), expect: 'applied' },
  // What came back of a letter sent.
  { title: 'a clerk does not record a delivery', as: 'tlukasik', command: 'recordDelivery', args: { letterId: ids.sent1, record: { kind: 'delivered', on: '2026-06-10', to: 'addressee' } }, expect: 'FORBIDDEN' },
  { title: 'a delivery of a letter that came in', as: 'akowalska', command: 'recordDelivery', args: { letterId: ids.letter1, record: { kind: 'delivered', on: '2026-06-10', to: 'addressee' } }, expect: 'CORRESPONDENCE_NOT_FOUND' },
  { title: 'delivered tomorrow', as: 'akowalska', command: 'recordDelivery', args: { letterId: ids.sent1, record: { kind: 'delivered', on: '2026-06-11', to: 'addressee' } }, expect: 'DELIVERY_DATE_IN_FUTURE' },
  { title: 'delivered before it was sent', as: 'akowalska', command: 'recordDelivery', args: { letterId: ids.sent1, record: { kind: 'refused', on: '2026-06-09' } }, expect: 'DELIVERY_DATE_BEFORE_SENDING' },
  { title: 'an e-Doręczenia proof for registered post', as: 'akowalska', command: 'recordDelivery', args: { letterId: ids.sent1, record: { kind: 'electronic', sentOn: '2026-06-10', receivedOn: null } }, expect: 'DELIVERY_WRONG_CHANNEL' },
  { title: 'the second notice not after the first', as: 'akowalska', command: 'recordDelivery', args: { letterId: ids.sent1, record: { kind: 'awizo', firstNoticeOn: '2026-06-10', secondNoticeOn: '2026-06-10', collectedOn: null } }, expect: 'DELIVERY_NOTICES_ORDER' },
  { title: 'the return receipt: taken by a household member', as: 'akowalska', command: 'recordDelivery', args: { letterId: ids.sent1, record: { kind: 'delivered', on: '2026-06-10', to: 'household' } }, expect: 'applied' },
  // The appeal that came back by post, and its mark against the decision.
  { title: 'a postmark after the letter arrived', as: 'akowalska', command: 'registerIncoming', args: letter(crypto.randomUUID(), { senderId: ids.partyC, senderReference: null, scans: [], letterDate: null, postmarkedOn: '2026-06-11', postmarkOperator: 'designated' }), expect: 'POSTMARK_AFTER_RECEIPT' },
  { title: 'a postmark on a letter from ePUAP', as: 'akowalska', command: 'registerIncoming', args: letter(crypto.randomUUID(), { senderId: ids.partyC, senderReference: null, scans: [], letterDate: null, channel: 'epuap', postmarkedOn: '2026-06-09', postmarkOperator: 'designated' }), expect: 'POSTMARK_NOT_BY_POST' },
  { title: 'an appeal posted the day before', as: 'akowalska', command: 'registerIncoming', args: letter(ids.appeal1, { senderId: ids.partyC, senderReference: null, scans: [], letterDate: null, subject: 'Odwołanie od decyzji 1/2026', postmarkedOn: '2026-06-09', postmarkOperator: 'designated' }), expect: 'applied' },
  { title: 'a clerk of another unit marks it', as: 'edabrowska', command: 'markAppeal', args: { letterId: ids.appeal1, mark: { decisionId: ids.decision1, kind: 'appeal', partyId: ids.partyC } }, expect: 'CORRESPONDENCE_NOT_FOUND' },
  { title: 'against a draft not signed', as: 'akowalska', command: 'markAppeal', args: { letterId: ids.appeal1, mark: { decisionId: ids.decision2, kind: 'appeal', partyId: ids.partyC } }, expect: 'APPEAL_DECISION_NOT_SIGNED' },
  { title: 'by someone the decision was not sent to', as: 'akowalska', command: 'markAppeal', args: { letterId: ids.appeal1, mark: { decisionId: ids.decision1, kind: 'appeal', partyId: crypto.randomUUID() } }, expect: 'APPEAL_PARTY_NOT_ADDRESSEE' },
  { title: 'a letter the office sent', as: 'akowalska', command: 'markAppeal', args: { letterId: ids.sent1, mark: { decisionId: ids.decision1, kind: 'waiver', partyId: ids.partyC } }, expect: 'APPEAL_NOT_INCOMING' },
  { title: 'the registry marks the appeal', as: 'akowalska', command: 'markAppeal', args: { letterId: ids.appeal1, mark: { decisionId: ids.decision1, kind: 'appeal', partyId: ids.partyC } }, expect: 'applied' },
  { title: 'marked the same twice', as: 'akowalska', command: 'markAppeal', args: { letterId: ids.appeal1, mark: { decisionId: ids.decision1, kind: 'appeal', partyId: ids.partyC } }, expect: 'APPEAL_ALREADY_MARKED' },
  { title: 'a clerk who does not lead the case', as: 'tlukasik', command: 'markAppeal', args: { letterId: ids.appeal1, mark: null }, expect: 'CASE_NOT_YOURS' },
  { title: 'the case’s head reads it as a waiver', as: 'kzielinska', command: 'markAppeal', args: { letterId: ids.appeal1, mark: { decisionId: ids.decision1, kind: 'waiver', partyId: ids.partyC } }, expect: 'applied' },
  { title: 'a clause of finality dated tomorrow', as: 'tlukasik', command: 'issueFinalityClause', args: { decisionId: ids.decision1, finalOn: '2026-06-11' }, expect: 'FINALITY_NOT_YET' },
  { title: 'a clause of finality on a draft', as: 'tlukasik', command: 'issueFinalityClause', args: { decisionId: ids.decision2, finalOn: '2026-06-10' }, expect: 'FINALITY_NOT_A_DECISION' },
  { title: 'a clause of finality in another unit’s case', as: 'edabrowska', command: 'issueFinalityClause', args: { decisionId: ids.decision1, finalOn: '2026-06-10' }, expect: 'CASE_NOT_FOUND' },
  { title: 'the clerk issues the clause of finality', as: 'tlukasik', command: 'issueFinalityClause', args: { decisionId: ids.decision1, finalOn: '2026-06-10' }, expect: 'applied' },
  { title: 'another letter sent tomorrow', as: 'akowalska', command: 'registerOutgoing', args: outgoing({ dispatchedOn: '2026-06-11' }), expect: 'OUTGOING_IN_FUTURE' },
  { title: 'another letter by ordinary post', as: 'akowalska', command: 'registerOutgoing', args: outgoing(), expect: 'applied' },
  { title: 'a letter to nobody known', as: 'akowalska', command: 'registerOutgoing', args: outgoing({ addresseeId: crypto.randomUUID() }), expect: 'PARTY_NOT_FOUND' },
  { title: 'a clerk does not edit templates', as: 'tlukasik', command: 'saveTemplate', args: { code: 'WZ', expectedVersion: 0, fields: { ...WZ, title: 'DECYZJA nr {{numer}}' }, restoring: false }, expect: 'FORBIDDEN' },
  { title: 'a template saved over a newer version', as: 'gszymanski', command: 'saveTemplate', args: { code: 'WZ', expectedVersion: 3, fields: WZ, restoring: false }, expect: 'TEMPLATE_STALE' },
  { title: 'a template unchanged', as: 'gszymanski', command: 'saveTemplate', args: { code: 'WZ', expectedVersion: 0, fields: WZ, restoring: false }, expect: 'TEMPLATE_UNCHANGED' },
  { title: 'a template with an unknown placeholder', as: 'gszymanski', command: 'saveTemplate', args: { code: 'WZ', expectedVersion: 0, fields: { ...WZ, body: `${WZ.body}\n{{nieznane}}` }, restoring: false }, expect: 'TEMPLATE_PLACEHOLDER_UNKNOWN' },
  { title: 'a template’s new wording', as: 'gszymanski', command: 'saveTemplate', args: { code: 'WZ', expectedVersion: 0, fields: { ...WZ, signature: `${WZ.signature}\n(podpisano elektronicznie)` }, restoring: false }, expect: 'applied' },
  { title: 'the built-in wording restored', as: 'gszymanski', command: 'saveTemplate', args: { code: 'WZ', expectedVersion: 1, fields: WZ, restoring: true }, expect: 'applied' },
  // The directory: units and people, as the administrator keeps them.
  { title: 'a clerk adds no unit', as: 'tlukasik', command: 'addUnit', args: { id: crypto.randomUUID(), symbol: 'GK-II', name: 'Drogi', parentId: null }, expect: 'FORBIDDEN' },
  { title: 'a unit symbol with a space', as: 'gszymanski', command: 'addUnit', args: { id: crypto.randomUUID(), symbol: 'GK II', name: 'Drogi', parentId: null }, expect: 'UNIT_SYMBOL_CHARACTER' },
  { title: 'a symbol another unit has', as: 'gszymanski', command: 'addUnit', args: { id: crypto.randomUUID(), symbol: 'GK', name: 'Drogi', parentId: null }, expect: 'SERVER_UNIT_SYMBOL_TAKEN' },
  { title: 'a new unit under GK', as: 'gszymanski', command: 'addUnit', args: { id: ids.newUnit, symbol: 'GK-II', name: 'Stanowisko ds. dróg gminnych', parentId: unit('GK') }, expect: 'applied' },
  { title: 'a login someone has', as: 'gszymanski', command: 'addPerson', args: { id: crypto.randomUUID(), login: 'AKowalska', fullName: 'Anna Kowalska-Nowa', position: '', role: 'clerk', unitId: ids.newUnit }, expect: 'SERVER_LOGIN_TAKEN' },
  { title: 'a login of one letter', as: 'gszymanski', command: 'addPerson', args: { id: crypto.randomUUID(), login: 'd', fullName: 'Dariusz Nowy', position: '', role: 'clerk', unitId: ids.newUnit }, expect: 'SERVER_LOGIN_FORMAT' },
  { title: 'a new clerk in the new unit', as: 'gszymanski', command: 'addPerson', args: { id: ids.newPerson, login: ' DNowy ', fullName: 'Dariusz Nowy', position: 'Inspektor ds. dróg', role: 'clerk', unitId: ids.newUnit }, expect: 'applied' },
  { title: 'the unit does not close while he works in it', as: 'gszymanski', command: 'changeUnit', args: { id: ids.newUnit, name: 'Stanowisko ds. dróg gminnych', parentId: unit('GK'), active: false }, expect: 'DIRECTORY_UNIT_NOT_EMPTY' },
  { title: 'GK is not put under its own sub-unit', as: 'gszymanski', command: 'changeUnit', args: { id: unit('GK'), name: 'Referat Gospodarki Komunalnej i Przestrzennej', parentId: ids.newUnit, active: true }, expect: 'DIRECTORY_UNIT_PARENT_LOOP' },
  { title: 'the administrator does not take his own role away', as: 'gszymanski', command: 'changePerson', args: { id: person('gszymanski').id, fullName: 'Grzegorz Szymański', position: 'Informatyk', role: 'clerk', unitId: unit('OR'), active: true }, expect: 'DIRECTORY_NOT_YOURSELF' },
  { title: 'the head does not leave with a case open', as: 'gszymanski', command: 'changePerson', args: { id: person('kzielinska').id, fullName: 'Katarzyna Zielińska', position: 'Kierownik', role: 'head', unitId: unit('GK'), active: false }, expect: 'DIRECTORY_OPEN_WORK' },
  { title: 'the new clerk moves to GK with a new position', as: 'gszymanski', command: 'changePerson', args: { id: ids.newPerson, fullName: 'Dariusz Nowy', position: 'Starszy inspektor', role: 'clerk', unitId: unit('GK'), active: true }, expect: 'applied' },
  { title: 'nothing changed', as: 'gszymanski', command: 'changePerson', args: { id: ids.newPerson, fullName: 'Dariusz Nowy', position: 'Starszy inspektor', role: 'clerk', unitId: unit('GK'), active: true }, expect: 'DIRECTORY_NOTHING_CHANGED' },
  { title: 'and leaves the office', as: 'gszymanski', command: 'changePerson', args: { id: ids.newPerson, fullName: 'Dariusz Nowy', position: 'Starszy inspektor', role: 'clerk', unitId: unit('GK'), active: false }, expect: 'applied' },
  { title: 'the empty unit closes', as: 'gszymanski', command: 'changeUnit', args: { id: ids.newUnit, name: 'Stanowisko ds. dróg gminnych', parentId: unit('GK'), active: false }, expect: 'applied' },
  // The wykaz akt corrected by hand.
  { title: 'a clerk does not change the wykaz', as: 'tlukasik', command: 'saveJrwaClass', args: jrwa('674', 'Gospodarka nieruchomościami', 'A'), expect: 'FORBIDDEN' },
  { title: 'a class with nothing above it', as: 'gszymanski', command: 'saveJrwaClass', args: jrwa('8123', 'Coś', 'A'), expect: 'JRWA_PARENT_MISSING' },
  { title: 'a final class without its category', as: 'gszymanski', command: 'saveJrwaClass', args: jrwa('674', 'Gospodarka nieruchomościami', null), expect: 'JRWA_LEAF_CATEGORY_MISSING' },
  { title: 'a category that is none', as: 'gszymanski', command: 'saveJrwaClass', args: jrwa('674', 'Gospodarka nieruchomościami', 'X7'), expect: 'JRWA_CATEGORY_INVALID' },
  { title: 'a new final class under 67', as: 'gszymanski', command: 'saveJrwaClass', args: jrwa('674', 'Gospodarka nieruchomościami', 'b10'), expect: 'applied' },
  { title: 'a subclass makes it no longer final', as: 'gszymanski', command: 'saveJrwaClass', args: jrwa('6740', 'Podziały nieruchomości', 'A'), expect: 'applied' },
  { title: 'a final class that carries a case', as: 'gszymanski', command: 'saveJrwaClass', args: jrwa('675', 'Rozgraniczenia', 'A'), expect: 'applied' },
  { title: 'a case under it', as: 'tlukasik', command: 'openCase', args: caseArgs(crypto.randomUUID(), { itemId: null, jrwaSymbol: '675', title: 'Rozgraniczenie działki 7/2' }), expect: 'applied' },
  { title: 'gets no subclass', as: 'gszymanski', command: 'saveJrwaClass', args: jrwa('6750', 'Rozgraniczenia sądowe', 'A'), expect: 'JRWA_PARENT_HAS_CASES' },
  { title: 'the name of 6730 corrected', as: 'gszymanski', command: 'saveJrwaClass', args: jrwa('6730', 'Ustalanie warunków zabudowy i zagospodarowania terenu', 'A'), expect: 'applied' },
  { title: 'saved again unchanged', as: 'gszymanski', command: 'saveJrwaClass', args: jrwa('6730', 'Ustalanie warunków zabudowy i zagospodarowania terenu', 'A'), expect: 'DIRECTORY_NOTHING_CHANGED' },
];

function outcomeOf(e: unknown): string {
  if (isDomainError(e)) return e.code;
  throw e;
}

/** The workstation's store, as the numbering authority (no server). */
function runOnSqlite(store: Store, step: Step, n: number): string {
  const command = COMMANDS[step.command];
  const args: unknown = command.args.parse(step.args);
  const actor = person(step.as);
  try {
    store.tx(() => {
      const d = decideSync(command, args, { actor, now: NOW }, sqliteReads(store));
      applyEffects(store, d.effects, { numbering: 'final', actor, at: NOW.toISOString(), metrykaId: (i) => metrykaId(CLIENT, n, i) });
    });
    return 'applied';
  } catch (e) {
    return outcomeOf(e);
  }
}

async function runOnServer(db: OpenedServerDb, step: Step, n: number): Promise<string> {
  const command = COMMANDS[step.command];
  const args: unknown = command.args.parse(step.args);
  const actor = person(step.as);
  try {
    await writeTx(db.db, async (w) => {
      const d = await decideAsync(command, args, { actor, now: NOW }, pgReads(w));
      await applyEffectsPg(w, d.effects, { actor, login: step.as, at: NOW.toISOString(), metrykaId: (i) => metrykaId(CLIENT, n, i) });
    });
    return 'applied';
  } catch (e) {
    return outcomeOf(e);
  }
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
function without<T extends object, K extends string>(rows: T[], ...keys: K[]): Omit<T, K>[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k as K))) as Omit<T, K>);
}

describe.each(SERVER_ENGINES)('commands decide and write the same on SQLite and on %s', (engine) => {
  let dir: string;
  let store: Store;
  let database: ServerDatabase;
  let server: OpenedServerDb;
  const outcomes: { title: string; sqlite: string; server: string; expected: string }[] = [];

  beforeAll(async () => {
    dir = tempDir('parity');
    store = openStore(join(dir, 'kancelaria.sqlite'), { key: null });
    store.db.insert(local.units).values(unitRows).run();
    store.db.insert(local.users).values(directory).run();
    writeSetting(store, 'office-settings', DEMO_SETTINGS);
    store.db.insert(local.jrwaClasses).values(JRWA.map((c) => ({ ...c, importedAt: NOW.toISOString() }))).run();
    for (const s of STORED) store.db.insert(local.blobs).values({ sha256: s, size: 10, mime: 'application/pdf', pageCount: 1, createdAt: NOW.toISOString(), signedOver: signedOverOf(s) }).run();

    database = await createServerDatabase(engine);
    server = await openServerDb({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.KANCELARIA_SERVER_DATA });
    await writeTx(server.db, async (w) => {
      await w.tx.insert(remote.units).values(unitRows);
      await w.tx.insert(remote.users).values(directory);
      await w.tx.insert(remote.settings).values({ key: 'office-settings', value: DEMO_SETTINGS });
      await w.tx.insert(remote.jrwaClasses).values(JRWA.map((c) => ({ ...c, importedAt: NOW })));
      await w.tx.insert(pgBlobs).values(STORED.map((s) => ({ sha256: s, size: 10, mime: 'application/pdf', pageCount: 1, uploadedBy: person('akowalska').id, createdAt: NOW.toISOString(), signedOver: signedOverOf(s) })));
    });
    for (const [i, step] of SCENARIO.entries()) {
      outcomes.push({ title: step.title, sqlite: runOnSqlite(store, step, i + 1), server: await runOnServer(server, step, i + 1), expected: step.expect });
    }
  }, 120_000);

  afterAll(async () => {
    store.close();
    await server.close();
    await database.drop();
    removeDir(dir);
  });

  it('each step has the outcome its rule gives, the same on both stores', () => {
    expect(outcomes.map((o) => `${o.title}: ${o.sqlite}`)).toEqual(outcomes.map((o) => `${o.title}: ${o.expected}`));
    expect(outcomes.map((o) => `${o.title}: ${o.server}`)).toEqual(outcomes.map((o) => `${o.title}: ${o.expected}`));
  });

  it('parties, letters and their scans are equal row for row', async () => {
    expect(byId(without(store.db.select().from(local.parties).all(), 'searchText'))).toEqual(byId(without(await server.db.select().from(pgParties), 'version')));
    const localLetters = byId(without(store.db.select().from(local.correspondence).all(), 'pk'));
    expect(localLetters.map((l) => l.number).sort()).toEqual(['RPW/1/2026', 'RPW/2/2026', 'RPW/3/2026', 'RPW/4/2026', 'RPW/5/2026', 'RPW/6/2026', 'WYCH/1/2026', 'WYCH/2/2026', 'WYCH/3/2026']);
    expect(localLetters).toEqual(byId(without(await server.db.select().from(pgLetters), 'version')));
    const order = (rows: { correspondenceId: string; position: number }[]) => [...rows].sort((a, b) => a.correspondenceId.localeCompare(b.correspondenceId) || a.position - b.position);
    expect(order(store.db.select().from(local.correspondenceScans).all())).toEqual(order(await server.db.select().from(pgScans)));
  });

  it('dekretacje and zastępstwa are equal row for row', async () => {
    expect(byId(store.db.select().from(local.assignments).all())).toEqual(byId(await server.db.select().from(pgAssignments)));
    expect(byId(store.db.select().from(local.substitutions).all())).toEqual(byId(without(await server.db.select().from(pgSubstitutions), 'version')));
  });

  it('cases, their parties, files and suspensions are equal row for row', async () => {
    const localCases = byId(without(store.db.select().from(local.cases).all(), 'pk'));
    expect(localCases.map((c) => c.sign).sort()).toEqual(['GK.6730.1.2026', 'GK.6730.2.2026', 'GK.675.1.2026']);
    expect(localCases).toEqual(byId(without(await server.db.select().from(remote.cases), 'version')));
    const key = (r: { caseId: string }) => JSON.stringify(r);
    const sorted = <T extends { caseId: string }>(rows: T[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(store.db.select().from(local.caseParties).all())).toEqual(sorted(await server.db.select().from(remote.caseParties)));
    expect(sorted(store.db.select().from(local.caseItems).all())).toEqual(sorted(await server.db.select().from(remote.caseItems)));
    // Taken off, back, and off again: one row carrying the last removal.
    expect(store.db.select().from(local.caseParties).all().find((p) => p.partyId === ids.partyC && p.caseId === ids.case1)).toMatchObject({ role: 'uczestnik', removedBy: person('kzielinska').id, removalReason: 'cofnięcie zgłoszenia' });
    expect(store.db.select().from(local.caseDocuments).all()).toEqual([{ id: ids.doc1, caseId: ids.case1, sha256: sha(2), fileName: 'protokol.pdf', title: 'Protokół oględzin', addedAt: NOW.toISOString(), addedBy: person('tlukasik').id }]);
    expect(byId(store.db.select().from(local.caseDocuments).all())).toEqual(byId(await server.db.select().from(remote.caseDocuments)));
    expect(store.db.select().from(local.opinionRequests).all()).toEqual([expect.objectContaining({ id: ids.ask1, askedOf: colleague.id, dueOn: '2026-06-15', answeredAt: NOW.toISOString() })]);
    expect(byId(store.db.select().from(local.opinionRequests).all())).toEqual(byId(await server.db.select().from(remote.opinionRequests)));
    const suspensions = store.db.select().from(local.caseSuspensions).all();
    expect(suspensions).toEqual([{ caseId: ids.case1, fromOn: '2026-06-10', toOn: '2026-06-10', reason: 'oczekiwanie na opinię' }]);
    expect(sorted(suspensions)).toEqual(sorted(await server.db.select().from(remote.caseSuspensions)));
  });

  it('decisions, versions, reviews, letters to send, templates and settings are equal row for row', async () => {
    const localDecisions = byId(without(store.db.select().from(local.decisions).all(), 'pk'));
    expect(localDecisions.find((d) => d.id === ids.decision1)).toMatchObject({ status: 'signed', number: '1/2026', seq: 1, year: 2026 });
    expect(localDecisions).toEqual(byId(without(await server.db.select().from(remote.decisions), 'version')));
    const key = (r: object) => JSON.stringify(r);
    const sorted = <T extends object>(rows: T[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(store.db.select().from(local.decisionVersions).all())).toEqual(sorted(await server.db.select().from(remote.decisionVersions)));
    expect(sorted(store.db.select().from(local.decisionReviews).all())).toEqual(sorted(await server.db.select().from(remote.decisionReviews)));
    const items = byId(store.db.select().from(local.dispatchItems).all());
    // Both of the decision's letters sent; the wezwanie waits for the registry.
    expect(items.map((i) => i.status).sort()).toEqual(['awaiting', 'dispatched', 'dispatched']);
    expect(items).toEqual(byId(without(await server.db.select().from(remote.dispatchItems), 'version')));
    expect(sorted(store.db.select().from(local.documentTemplates).all())).toEqual(sorted(without(await server.db.select().from(remote.documentTemplates), 'serverVersion')));
    const localSettings = JSON.parse(store.db.select().from(local.settings).all()[0]?.value ?? 'null') as unknown;
    expect(localSettings).toEqual((await server.db.select().from(remote.settings))[0]?.value);
    const counters = (rows: { scope: string; last: number }[]) => Object.fromEntries(rows.map((r) => [r.scope, r.last]));
    expect(counters(store.db.select().from(local.counters).all())).toEqual({ 'RPW/2026': 6, 'SPIS/GK/6730/2026': 2, 'SPIS/GK/675/2026': 1, 'DEC/2026': 1, 'WYCH/2026': 3 });
    expect(counters(store.db.select().from(local.counters).all())).toEqual(counters(await server.db.select().from(remote.counters)));
  });

  it('units and people are equal row for row; the new clerk has no password on the server yet', async () => {
    const pick = (rows: readonly { id: string; login: string; fullName: string; position: string; role: string; unitId: string; active: boolean }[]) =>
      byId(rows.map(({ id, login, fullName, position, role, unitId, active }) => ({ id, login, fullName, position, role, unitId, active })));
    expect(byId(store.db.select().from(local.units).all())).toEqual(byId(await server.db.select().from(remote.units)));
    expect(store.db.select().from(local.units).all().find((u) => u.id === ids.newUnit)).toEqual({ id: ids.newUnit, symbol: 'GK-II', name: 'Stanowisko ds. dróg gminnych', parentId: unit('GK'), active: false });
    const serverPeople = await server.db.select().from(remote.users);
    expect(pick(store.db.select().from(local.users).all())).toEqual(pick(serverPeople));
    expect(store.db.select().from(local.users).all().find((u) => u.id === ids.newPerson)).toEqual({ id: ids.newPerson, login: 'dnowy', fullName: 'Dariusz Nowy', position: 'Starszy inspektor', role: 'clerk', unitId: unit('GK'), active: false });
    expect(serverPeople.find((u) => u.id === ids.newPerson)?.passwordHash).toBeNull();
  });

  it('the wykaz akt is equal class for class; a class given a subclass is no longer final', async () => {
    const classes = (rows: readonly { symbol: string; name: string; parentSymbol: string | null; categoryOwner: string | null; categoryOther: string | null; remarks: string | null; isLeaf: boolean }[]) =>
      rows.map(({ symbol, name, parentSymbol, categoryOwner, categoryOther, remarks, isLeaf }) => ({ symbol, name, parentSymbol, categoryOwner, categoryOther, remarks, isLeaf })).sort((a, b) => a.symbol.localeCompare(b.symbol));
    const here = classes(store.db.select().from(local.jrwaClasses).all());
    expect(here.filter((c) => ['674', '6740', '675', '6730'].includes(c.symbol))).toEqual([
      { symbol: '6730', name: 'Ustalanie warunków zabudowy i zagospodarowania terenu', parentSymbol: '673', categoryOwner: 'A', categoryOther: 'Bc', remarks: null, isLeaf: true },
      { symbol: '674', name: 'Gospodarka nieruchomościami', parentSymbol: '67', categoryOwner: 'B10', categoryOther: 'Bc', remarks: null, isLeaf: false },
      { symbol: '6740', name: 'Podziały nieruchomości', parentSymbol: '674', categoryOwner: 'A', categoryOther: 'Bc', remarks: null, isLeaf: true },
      { symbol: '675', name: 'Rozgraniczenia', parentSymbol: '67', categoryOwner: 'A', categoryOther: 'Bc', remarks: null, isLeaf: true },
    ]);
    expect(here).toEqual(classes(await server.db.select().from(remote.jrwaClasses)));
  });

  it('the metryka reads the same, entry for entry: ids, times, wording and data', async () => {
    const fields = ['id', 'at', 'actorId', 'actorName', 'actorPosition', 'onBehalfOfId', 'onBehalfOfName', 'action', 'entityType', 'entityId', 'documentRef', 'summary', 'data'] as const;
    const pick = (r: Record<(typeof fields)[number], unknown>) => Object.fromEntries(fields.map((f) => [f, r[f]]));
    const mine = store.db.select().from(local.events).orderBy(asc(local.events.seq)).all().map(pick);
    const theirs = (await server.db.select().from(recordEvents)).map(pick);
    expect(mine.length).toBeGreaterThan(10);
    expect(byId(mine as { id: string }[])).toEqual(byId(theirs as { id: string }[]));
    expect(mine.map((e) => e.summary)).toContain('Przekazano RPW/2/2026 do komórki FN: sprawa podatkowa');
  });

  it('the letter forwarded to FN took its history along on the server', async () => {
    const entries = (await server.db.select().from(recordEvents)).filter((e) => e.entityId === ids.letter2);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(new Set(entries.map((e) => e.unitId))).toEqual(new Set([unit('FN')]));
  });
});
