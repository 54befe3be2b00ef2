/**
 * The metryka's wording: one Polish sentence per action, from the entry's data. Every store
 * renders an entry through this catalogue, so the same entry reads the same on every desk and
 * on the server (STYLE.md rule 18). Data carries names as they were when the action happened:
 * a person renamed later does not rewrite history.
 */
import { createHash } from 'node:crypto';
import { formatDate } from '#core/time';
import { INSTRUCTION_LABELS, type Instruction } from '#core/cases/dekretacja';
import type { CaseAction } from '#core/cases/status';
import { caseActionSummaries, outgoingChannelLabels } from '#core/i18n/labels.pl';
import type { DeliveryRecordInput, OutgoingChannel } from '#core/contract';

/** The data each action's entry carries. `label` is the letter's number (or provisional label). */
export type MetrykaData = {
  'party.created': { name: string };
  'correspondence.registered': { label: string; provisionalLabel: string | null; senderName: string; subject: string; scans: string[]; acknowledgedDuplicates: boolean };
  'correspondence.scansAttached': { label: string; files: string[]; scans: string[] };
  'correspondence.corrected': { label: string; fields: string[]; reason: string; changed: Record<string, { before: unknown; after: unknown }> };
  'correspondence.cancelled': { label: string; reason: string };
  'correspondence.assigned': { label: string; targets: string[]; names: string[]; instruction: Instruction; deadline: string | null; note: string | null };
  'correspondence.forwarded': { label: string; from: string; to: string; toSymbol: string; reason: string };
  'correspondence.returned': { label: string; from: string; to: string; toSymbol: string; reason: string };
  'substitution.created': { substituteName: string; forUserName: string; from: string; to: string };
  'substitution.cancelled': { substituteName: string; forUserName: string };
  'case.opened': { label: string; provisionalLabel: string | null; title: string; dueOn: string | null; basis: string; jrwa: string; itemId: string | null };
  'correspondence.linked': { label: string; caseLabel: string; caseId: string; initiating: boolean };
  'case.itemLinked': { label: string; senderName: string; itemId: string };
  'case.ownerChanged': { label: string; fromName: string; toName: string; reason: string };
  'case.note': { label: string; kind: 'note' | 'opinion'; text: string };
  'case.partyAdded': { label: string; name: string; role: string };
  'case.partyRemoved': { label: string; name: string; role: string; reason: string };
  'case.documentAdded': { label: string; title: string; fileName: string; documentId: string; sha256: string };
  'case.opinionRequested': { label: string; toName: string; question: string; dueOn: string | null };
  'decision.drafted': DecisionData;
  'decision.saved': DecisionData;
  'decision.submitted': DecisionData & { approverName: string; pathNames: string[] };
  'decision.approved': DecisionData & { stage: number; stages: number; nextName: string | null };
  'decision.returned': DecisionData & { stage: number; stages: number; remarks: string };
  'decision.numbered': { label: string; number: string; decisionId: string };
  'decision.signed': { label: string; number: string | null; document?: string; signerName: string | null; sha256: string };
  'dispatch.created': { label: string; number: string | null; document?: string; names: string[] };
  'correspondence.dispatched': { label: string; addresseeName: string; channel: OutgoingChannel; trackingNumber: string | null; subject: string; returnReceipt?: boolean };
  'case.letterSent': { label: string; caseLabel: string; addresseeName: string; channel: OutgoingChannel; trackingNumber: string | null; returnReceipt?: boolean };
  'correspondence.exported': { label: string; channel: 'epuap' | 'edoreczenia'; addresseeName: string; electronicAddress: string };
  'correspondence.deliveryRecorded': { label: string; addresseeName: string; record: DeliveryRecordInput };
  'case.deliveryRecorded': { label: string; caseLabel: string; addresseeName: string; record: DeliveryRecordInput };
  'correspondence.appealMarked': AppealData;
  'case.appealMarked': AppealData;
  'correspondence.appealUnmarked': { label: string; decisionNumber: string };
  'case.appealUnmarked': { label: string; caseLabel: string; decisionNumber: string };
  'case.finalityClauseIssued': { caseLabel: string; decisionNumber: string; finalOn: string };
  'settings.updated': Record<string, never>;
  'jrwa.added': JrwaData;
  'jrwa.changed': JrwaData;
  'unit.added': { symbol: string; name: string; parentSymbol: string | null };
  'unit.changed': { symbol: string; name: string | null; parentSymbol: string | null; active: boolean | null };
  'user.added': { login: string; fullName: string; role: string; unitSymbol: string };
  'user.changed': { login: string; fullName: string; changes: string[] };
  'template.saved': TemplateData;
  'template.restored': TemplateData;
} & { [A in CaseAction as `case.${A}`]: CaseActionData };

/** An incoming letter marked as a party's appeal against a decision, or its waiver of the appeal. */
type AppealData = { label: string; caseLabel: string; decisionNumber: string; kind: 'appeal' | 'waiver'; partyName: string };

const appealWhat = (d: AppealData) => (d.kind === 'appeal' ? `odwołanie ${d.partyName} od decyzji ${d.decisionNumber}` : `zrzeczenie się przez ${d.partyName} prawa do odwołania od decyzji ${d.decisionNumber}`);

/** A template's new version. */
type TemplateData = { code: string; name: string; version: number; previousVersion: number };

type JrwaData = { symbol: string; name: string; categoryOwner: string | null; categoryOther: string | null };

function jrwaCategories(d: JrwaData): string {
  return d.categoryOwner === null && d.categoryOther === null ? '' : ` (kategoria ${d.categoryOwner ?? '—'}, w innych komórkach ${d.categoryOther ?? '—'})`;
}

/** A draft of a decision: in which case (`label`), of what type, which version. */
type DecisionData = { label: string; decisionId: string; typeName: string; version: number };

/** How a letter went: the channel, and the tracking number of registered post. */
const how = (d: { channel: OutgoingChannel; trackingNumber: string | null; returnReceipt?: boolean }) => `${outgoingChannelLabels[d.channel]}${d.trackingNumber ? ` ${d.trackingNumber}` : ''}${d.returnReceipt ? ', za potwierdzeniem odbioru' : ''}`;
const PACKAGE_CHANNELS = { epuap: 'ePUAP', edoreczenia: 'e-Doręczenia' } as const;

const RECIPIENTS = { addressee: 'adresatowi', household: 'dorosłemu domownikowi', administrator: 'administratorowi domu', soltys: 'sołtysowi', proxy: 'pełnomocnikowi' } as const;

/** What came back of a letter, as the metryka says it. */
function deliveryOutcome(r: DeliveryRecordInput): string {
  switch (r.kind) {
    case 'delivered':
      return `doręczono ${formatDate(r.on)} ${RECIPIENTS[r.to]}`;
    case 'refused':
      return `adresat odmówił przyjęcia ${formatDate(r.on)} (pismo uznaje się za doręczone, art. 47 § 2 k.p.a.)`;
    case 'awizo':
      return `awizowano ${formatDate(r.firstNoticeOn)}${r.secondNoticeOn ? `, powtórnie ${formatDate(r.secondNoticeOn)}` : ''}${r.collectedOn ? `; odebrano ${formatDate(r.collectedOn)}` : '; nie odebrano'}`;
    case 'electronic':
      return `wysłano ${formatDate(r.sentOn)}${r.receivedOn ? `, dowód otrzymania ${formatDate(r.receivedOn)}` : ', bez dowodu otrzymania'}${r.evidence?.length ? ` (wczytano: ${r.evidence.map((e) => e.title).join(', ')})` : ''}`;
    case 'returned':
      return `zwrot ${formatDate(r.on)} — ${r.reason}`;
  }
}

const stageNote = (d: { stage: number; stages: number }) => (d.stages > 1 ? ` — etap ${String(d.stage + 1)} z ${String(d.stages)}` : '');

/** A status action on a case: from which status to which, and why. */
type CaseActionData = { label: string; from: string; to: string; reason: string | null };

const caseActionSentence = (action: CaseAction) => (d: CaseActionData) => `${caseActionSummaries[action]} ${d.label}${d.reason ? `: ${d.reason}` : ''}`;

export type MetrykaAction = keyof MetrykaData;

export const metrykaSentences: { [A in MetrykaAction]: (d: MetrykaData[A]) => string } = {
  'party.created': (d) => `Dodano stronę: ${d.name}`,
  'correspondence.registered': (d) =>
    `Zarejestrowano przesyłkę wpływającą ${d.label}${d.provisionalLabel && d.provisionalLabel !== d.label ? ` (tymczasowo ${d.provisionalLabel})` : ''} od ${d.senderName}: ${d.subject}`,
  'correspondence.scansAttached': (d) => `Dołączono skan do ${d.label}: ${d.files.join(', ')}`,
  'correspondence.corrected': (d) => `Korekta ${d.label} (${d.fields.join(', ')}): ${d.reason}`,
  'correspondence.cancelled': (d) => `Anulowano ${d.label} (numer zachowany): ${d.reason}`,
  'correspondence.assigned': (d) =>
    `Dekretacja ${d.label}: ${d.names.join(', ')} — ${INSTRUCTION_LABELS[d.instruction]}${d.deadline ? `, termin ${formatDate(d.deadline)}` : ''}${d.note ? ` (${d.note})` : ''}`,
  'correspondence.forwarded': (d) => `Przekazano ${d.label} do komórki ${d.toSymbol}: ${d.reason}`,
  'correspondence.returned': (d) => `Zwrócono ${d.label} do kancelarii (${d.toSymbol}) jako błędnie skierowane: ${d.reason}`,
  'substitution.created': (d) => `Zastępstwo: ${d.substituteName} w zastępstwie: ${d.forUserName}, od ${formatDate(d.from)} do ${formatDate(d.to)}`,
  'substitution.cancelled': (d) => `Odwołano zastępstwo ${d.substituteName} za ${d.forUserName}`,
  'case.opened': (d) =>
    `Założono sprawę ${d.label}${d.provisionalLabel && d.provisionalLabel !== d.label ? ` (tymczasowo ${d.provisionalLabel})` : ''}: ${d.title} (termin: ${d.dueOn ? formatDate(d.dueOn) : '—'}, ${d.basis})`,
  'correspondence.linked': (d) => (d.initiating ? `Przesyłka ${d.label} wszczęła sprawę ${d.caseLabel}` : `Przesyłkę ${d.label} dołączono do akt sprawy ${d.caseLabel}`),
  'case.itemLinked': (d) => `Do akt sprawy dołączono pismo ${d.label} od ${d.senderName}`,
  'case.ownerChanged': (d) => `Zmiana prowadzącego: ${d.fromName} → ${d.toName}. Powód: ${d.reason}`,
  'case.partyAdded': (d) => `Dodano stronę: ${d.name} (${d.role})`,
  'case.partyRemoved': (d) => `Usunięto stronę: ${d.name} (${d.role}). Powód: ${d.reason}`,
  'case.documentAdded': (d) => `Do akt sprawy dołączono dokument „${d.title}” (plik ${d.fileName})`,
  'case.opinionRequested': (d) => `Poproszono o opinię: ${d.toName}${d.dueOn ? ` (termin ${formatDate(d.dueOn)})` : ''}. Pytanie: ${d.question}`,
  'case.note': (d) => `${d.kind === 'note' ? 'Notatka służbowa' : 'Opinia'}: ${d.text}`,
  'decision.drafted': (d) => `Przygotowano projekt: ${d.typeName} (wersja ${String(d.version)})`,
  'decision.saved': (d) => `Zapisano projekt: ${d.typeName} (wersja ${String(d.version)})`,
  'decision.submitted': (d) => `Przekazano do akceptacji: ${d.typeName} (wersja ${String(d.version)}) — ${d.approverName}${d.pathNames.length > 1 ? ` (ścieżka akceptacji: ${d.pathNames.join(' → ')})` : ''}`,
  'decision.approved': (d) => `Zaakceptowano projekt: ${d.typeName} (wersja ${String(d.version)})${stageNote(d)}${d.nextName ? `; przekazano do: ${d.nextName}` : ''}`,
  'decision.returned': (d) => `Zwrócono projekt do poprawy: ${d.typeName} (wersja ${String(d.version)})${stageNote(d)} — ${d.remarks}`,
  'decision.numbered': (d) => `Nadano numer decyzji ${d.number} (${d.label})`,
  // A letter of the procedure has no number: it is named by its kind.
  'decision.signed': (d) => `Podpisano elektronicznie ${d.number ? `decyzję nr ${d.number}` : `pismo: ${d.document ?? '?'}`}${d.signerName ? ` (${d.signerName})` : ''}`,
  'dispatch.created': (d) => `Przekazano do wysyłki ${d.number ? `decyzję nr ${d.number}` : `pismo: ${d.document ?? '?'}`}: ${d.names.join(', ')}`,
  'correspondence.dispatched': (d) => `Wysłano ${d.label} do ${d.addresseeName} (${how(d)}): ${d.subject}`,
  'case.letterSent': (d) => `W sprawie ${d.caseLabel} wysłano pismo ${d.label} do ${d.addresseeName} (${how(d)})`,
  'correspondence.exported': (d) => `Przygotowano paczkę ${PACKAGE_CHANNELS[d.channel]} dla ${d.addresseeName} (${d.electronicAddress})`,
  'correspondence.appealMarked': (d) => `Przesyłkę ${d.label} wskazano jako ${appealWhat(d)}`,
  'case.appealMarked': (d) => `W sprawie ${d.caseLabel} wpłynęło ${appealWhat(d)} (pismo ${d.label})`,
  'correspondence.appealUnmarked': (d) => `Przesyłka ${d.label} nie jest już wskazana jako odwołanie od decyzji ${d.decisionNumber} ani zrzeczenie się go`,
  'case.finalityClauseIssued': (d) => `W sprawie ${d.caseLabel} wydano kopię decyzji ${d.decisionNumber} z klauzulą ostateczności (ostateczna z dniem ${formatDate(d.finalOn)} r.)`,
  'case.appealUnmarked': (d) => `W sprawie ${d.caseLabel} cofnięto wskazanie pisma ${d.label} jako odwołania od decyzji ${d.decisionNumber} (lub zrzeczenia się go)`,
  'correspondence.deliveryRecorded': (d) => `Potwierdzenie doręczenia ${d.label} do ${d.addresseeName}: ${deliveryOutcome(d.record)}`,
  'case.deliveryRecorded': (d) => `W sprawie ${d.caseLabel} potwierdzono doręczenie ${d.label} do ${d.addresseeName}: ${deliveryOutcome(d.record)}`,
  'settings.updated': () => 'Zmieniono ustawienia urzędu',
  'jrwa.added': (d) => `Dodano klasę JRWA ${d.symbol} „${d.name}”${jrwaCategories(d)}`,
  'jrwa.changed': (d) => `Zmieniono klasę JRWA ${d.symbol}: „${d.name}”${jrwaCategories(d)}`,
  'unit.added': (d) => `Dodano komórkę ${d.symbol} — ${d.name}${d.parentSymbol ? ` (podległa ${d.parentSymbol})` : ''}`,
  'unit.changed': (d) =>
    `Zmieniono komórkę ${d.symbol}: ${[d.name !== null ? `nazwa „${d.name}”` : null, d.parentSymbol !== null ? `podległa ${d.parentSymbol}` : null, d.active === null ? null : d.active ? 'otwarta ponownie' : 'zamknięta'].filter(Boolean).join(', ')}`,
  'user.added': (d) => `Dodano pracownika ${d.fullName} (login ${d.login}), rola ${d.role}, komórka ${d.unitSymbol}`,
  'user.changed': (d) => `Zmieniono dane pracownika ${d.fullName} (login ${d.login}): ${d.changes.join(', ')}`,
  'template.saved': (d) => `Zmieniono treść szablonu „${d.name}” (wersja ${String(d.version)})`,
  'template.restored': (d) => `Przywrócono treść domyślną szablonu „${d.name}” (wersja ${String(d.version)})`,
  'case.start': caseActionSentence('start'),
  'case.suspend': caseActionSentence('suspend'),
  'case.resume': caseActionSentence('resume'),
  'case.close': caseActionSentence('close'),
  'case.reopen': caseActionSentence('reopen'),
  'case.cancel': caseActionSentence('cancel'),
};

/** The sentence of one entry. */
export function metrykaSentence<A extends MetrykaAction>(action: A, data: MetrykaData[A]): string {
  return metrykaSentences[action](data);
}

/**
 * The id of a command's n-th metryka entry, derived from the client that sent it and its
 * mutation id: every store that applies the command gives the entry the same id, so replicas
 * pair entries by identity, never by position.
 */
export function metrykaId(clientId: string, mutationId: number, index: number): string {
  const h = createHash('sha256').update(`metryka\n${clientId}\n${String(mutationId)}\n${String(index)}`).digest('hex');
  // Laid out as a UUID (version 8: "custom") so both stores' uuid columns take it.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
