/**
 * Proof of electronic delivery, as the gateway saves it: an e-Doręczenia evidence (ETSI EN 319
 * 522 "dowód": of sending, of receipt in the addressee's box, of the addressee opening it, or of
 * non-delivery) or an ePUAP UPD (urzędowe poświadczenie doręczenia). Both are XML sealed with
 * XAdES by the provider. Read by local element names (the schemas' editions differ in
 * namespaces), verified by signing/xades.ts, and turned into what the register records.
 */
import { fail } from '#core/errors';
import { parseXml, safeXmlText, verifyXades, type XadesCheck } from '#signing/xades';
import { all, first, looksLikeXml, textOf } from '#core/intake/xmlFields';

/** What an evidence proves about the letter: it left (sent), it reached the box or was opened (received), it did not. */
export type EvidenceEvent = 'sent' | 'received' | 'not-delivered';

export type DeliveryEvidence = {
  source: 'edoreczenia' | 'epuap';
  event: EvidenceEvent;
  /** "Dowód otrzymania (e-Doręczenia)", "Urzędowe poświadczenie doręczenia (ePUAP)". */
  title: string;
  /** When it happened, as the provider states it (ISO instant); null when the file says no time. */
  at: string | null;
  /** Identifiers the file names the message by (provider's, sender's, the document's number). */
  identifiers: string[];
  /** SHA-256 digests (hex) of the content the evidence is about. */
  digests: string[];
  /** The addressee's electronic address or name, as the file says it. */
  recipient: string | null;
  signatures: XadesCheck[];
};

/*
 * ETSI EN 319 522-4-1 event names (the EventCode's last segment, or the evidence's element):
 * which of them prove what for KPA art. 46 and the e-Doręczenia act art. 41 — the date the
 * letter reached the addressee's box counts as its delivery; until then only that it was sent.
 */
const EVENTS: [RegExp, EvidenceEvent, string][] = [
  [/(NonDelivery|NonAcceptance|Rejection|Expiry|NonRetrieval|NonConsignment|ContentNonHandover)/i, 'not-delivered', 'Dowód niedoręczenia'],
  [/(ContentConsignment|ContentHandover|Retrieval|AcceptanceByRecipient|DeliveryToRecipient|Receipt|Otrzymani|Odebrani|Doreczeni)/i, 'received', 'Dowód otrzymania'],
  [/(SubmissionAcceptance|Submission|Relay|Wyslani|Nadani)/i, 'sent', 'Dowód wysłania'],
];

function isoOrNull(text: string | null): string | null {
  if (!text) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Hex SHA-256 digests in the file (hex or base64 written). */
function digestsOf(doc: Document): string[] {
  const out = new Set<string>();
  for (const e of [...all(doc, 'DigestValue'), ...all(doc, 'ContentDigest'), ...all(doc, 'SHA256'), ...all(doc, 'SkrotDokumentu')]) {
    // A signature's own references are its business, not the letter's.
    if (e.namespaceURI === 'http://www.w3.org/2000/09/xmldsig#') continue;
    const t = e.textContent.trim();
    if (/^[0-9a-fA-F]{64}$/.test(t)) out.add(t.toLowerCase());
    else if (/^[A-Za-z0-9+/]{43}=$/.test(t)) out.add(Buffer.from(t, 'base64').toString('hex'));
  }
  return [...out];
}

function identifiersOf(doc: Document, names: string[]): string[] {
  return [...new Set(names.flatMap((n) => all(doc, n).map((e) => e.textContent.replace(/\s+/g, ' ').trim())).filter((t) => t !== '' && t.length <= 200))];
}

/** Reads an evidence file; refuses in Polish what is not one, is malformed or too large. */
export async function readDeliveryEvidence(bytes: Uint8Array, opts: { trustedRoots: readonly string[] }): Promise<DeliveryEvidence> {
  const text = looksLikeXml(bytes) ? safeXmlText(bytes) : null;
  if (text === null) throw fail('EVIDENCE_NOT_XML');
  const doc = parseXml(text);
  if (!doc) throw fail('EPUAP_MALFORMED');
  const root = doc.documentElement.localName;

  // ePUAP: the UPD names the day the addressee took the document; a UPP is the office's own
  // receipt of a filing (intake's business, not a delivery).
  if (/^(UPP|UrzedowePoswiadczeniePrzedlozenia)$/.test(root)) throw fail('EVIDENCE_IS_UPP');
  if (/^(UPD|UrzedowePoswiadczenieDoreczenia)$/.test(root) || first(doc, 'DataDoreczenia') !== null) {
    const at = isoOrNull(textOf(doc, 'DataDoreczenia', 'DataOdbioru'));
    return {
      source: 'epuap',
      event: 'received',
      title: 'Urzędowe poświadczenie doręczenia (ePUAP)',
      at,
      identifiers: identifiersOf(doc, ['IdentyfikatorDokumentu', 'IdentyfikatorDokumentuDoreczanego', 'IdentyfikatorPoswiadczenia', 'NumerWRejestrze', 'ZnakSprawy', 'Sygnatura']),
      digests: digestsOf(doc),
      recipient: textOf(first(doc, 'Adresat', 'Odbiorca'), 'Nazwa', 'NazwaInstytucji', 'Nazwisko') ?? textOf(doc, 'Adresat', 'Odbiorca'),
      signatures: await verifyXades(doc, opts),
    };
  }

  // e-Doręczenia: an ETSI EN 319 522 evidence; the event from its code or its element's name.
  const code = textOf(doc, 'EventCode', 'EvidenceType', 'EventType', 'RodzajDowodu') ?? root;
  const known = EVENTS.find(([pattern]) => pattern.test(code) || pattern.test(root));
  if (!known || first(doc, 'EventTime', 'EvidenceIssuanceTime', 'SubmissionTime', 'CzasZdarzenia') === null) throw fail('EVIDENCE_UNKNOWN', { root: root.slice(0, 60) });
  const [, event, title] = known;
  return {
    source: 'edoreczenia',
    event,
    title: `${title} (e-Doręczenia)`,
    at: isoOrNull(textOf(doc, 'EventTime', 'CzasZdarzenia', 'EvidenceIssuanceTime', 'SubmissionTime')),
    identifiers: identifiersOf(doc, ['MessageIdentifierByERDS', 'MessageIdentifierByREMMD', 'UAMessageIdentifier', 'MessageIdentifier', 'SenderMessageIdentifier', 'IdentyfikatorWiadomosci', 'NumerWRejestrze']),
    digests: digestsOf(doc),
    recipient: textOf(first(doc, 'RecipientDetails', 'RecipientsDetails', 'Recipient', 'Adresat'), 'ElectronicAddress', 'AttributedElectronicAddress', 'AdresElektroniczny', 'Name', 'Nazwa'),
    signatures: await verifyXades(doc, opts),
  };
}
