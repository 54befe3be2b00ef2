/**
 * A document received through ePUAP, as the gateway saves it: the form's XML (e.g. "Pismo ogólne
 * do podmiotu publicznego") with its sender, title, text and attachments inside, signed with
 * XAdES. Read into what registration needs; the signature checked by signing/xades.ts.
 *
 * Forms differ in namespaces and versions (the wzór's URI changes with each edition), but their
 * building blocks come from the central repository's shared schemas (struktura, osoba,
 * instytucja, adres, meta): the elements are found by their local names, whatever the prefix.
 */
import { fail } from '#core/errors';
import type { PartyRecord } from '#core/commands/records';
import { parseXml, safeXmlText, verifyXades, type XadesCheck } from '#signing/xades';
import { all, first, textOf } from '#core/intake/xmlFields';

export const EPUAP_MAX_ATTACHMENTS = 200;

/** Who a document says sent it, in the party register's terms. */
export type EpuapSender = Pick<PartyRecord, 'name' | 'firstName' | 'lastName' | 'pesel' | 'nip' | 'regon' | 'street' | 'postalCode' | 'city' | 'email'> & { kind: 'person' | 'company' };

export type EpuapDocument = {
  title: string;
  /** The date the form carries (ISO date or instant); null if none. */
  dated: string | null;
  sender: EpuapSender | null;
  text: string;
  attachments: { fileName: string; mime: string; bytes: Uint8Array }[];
  signatures: XadesCheck[];
};


function senderOf(doc: Document): EpuapSender | null {
  const block = first(doc, 'Nadawcy', 'Nadawca', 'Wnioskodawca');
  if (!block) return null;
  const firstName = textOf(block, 'Imie', 'ImiePierwsze');
  const lastName = textOf(block, 'Nazwisko');
  const institution = textOf(block, 'NazwaInstytucji', 'NazwaPodmiotu', 'Nazwa', 'NazwaFirmy');
  const person = firstName !== null || lastName !== null;
  const street = [textOf(block, 'Ulica'), [textOf(block, 'Budynek', 'NumerDomu'), textOf(block, 'Lokal', 'NumerLokalu')].filter(Boolean).join('/')].filter(Boolean).join(' ');
  const name = person ? [firstName, lastName].filter(Boolean).join(' ') : (institution ?? '');
  if (name === '') return null;
  return {
    kind: person ? 'person' : 'company',
    firstName,
    lastName,
    name,
    pesel: textOf(block, 'PESEL', 'IdentyfikatorPESEL'),
    nip: textOf(block, 'NIP', 'IdentyfikatorNIP'),
    regon: textOf(block, 'REGON', 'IdentyfikatorREGON'),
    street: street === '' ? null : street,
    postalCode: textOf(block, 'KodPocztowy'),
    city: textOf(block, 'Miejscowosc', 'Poczta'),
    email: textOf(block, 'Email', 'AdresPocztyElektronicznej', 'EMail'),
  };
}

function attachmentsOf(doc: Document): EpuapDocument['attachments'] {
  const found = all(doc, 'Zalacznik');
  if (found.length > EPUAP_MAX_ATTACHMENTS) throw fail('EPUAP_TOO_MANY_ATTACHMENTS', { max: EPUAP_MAX_ATTACHMENTS });
  return found.map((z, i) => {
    const data = (first(z, 'DaneZalacznika') ?? z).textContent;
    return {
      fileName: (z.getAttribute('nazwaPliku') ?? '').trim() || `zalacznik-${String(i + 1)}`,
      mime: (z.getAttribute('format') ?? 'application/octet-stream').trim(),
      bytes: new Uint8Array(Buffer.from(data.replace(/\s+/g, ''), 'base64')),
    };
  });
}

/** Reads an ePUAP document; refuses in Polish what is not one, is malformed or too large. */
export async function readEpuapDocument(bytes: Uint8Array, opts: { trustedRoots: readonly string[] }): Promise<EpuapDocument> {
  const text = safeXmlText(bytes);
  if (text === null) throw fail('EPUAP_NOT_ACCEPTED');
  const doc = parseXml(text);
  if (!doc) throw fail('EPUAP_MALFORMED');
  const content = first(doc, 'TrescDokumentu', 'Tresc');
  const body = content ? (textOf(content, 'Wartosc') ?? content.textContent.trim()) : '';
  const title = textOf(doc, 'NazwaDokumentu', 'TytulDokumentu', 'Tytul') ?? '';
  if (title === '' && body === '' && first(doc, 'Zalacznik') === null) throw fail('EPUAP_NOT_A_DOCUMENT');
  return {
    title,
    dated: textOf(doc, 'Czas', 'DataDokumentu', 'Data'),
    sender: senderOf(doc),
    text: body,
    attachments: attachmentsOf(doc),
    signatures: await verifyXades(doc, opts),
  };
}

/**
 * The UPP (urzędowe poświadczenie przedłożenia): ePUAP's sealed receipt that a document reached
 * the office's box, saved by the gateway beside the document. The moment it states is the day of
 * filing (art. 63 § 3a k.p.a.), so it sets the letter's time of receipt; the file itself is kept
 * with the letter.
 */
export type EpuapReceipt = { at: string | null; documentId: string | null; box: string | null; senderName: string | null; signatures: XadesCheck[] };

/** Whether the XML is a UPP (its root element's local name), without reading it further. */
export function isEpuapReceipt(bytes: Uint8Array): boolean {
  const text = safeXmlText(bytes);
  const doc = text === null ? null : parseXml(text);
  return doc !== null && /^(UPP|UrzedowePoswiadczeniePrzedlozenia)$/.test(doc.documentElement.localName);
}

export async function readEpuapReceipt(bytes: Uint8Array, opts: { trustedRoots: readonly string[] }): Promise<EpuapReceipt> {
  const text = safeXmlText(bytes);
  if (text === null) throw fail('EPUAP_NOT_ACCEPTED');
  const doc = parseXml(text);
  if (!doc) throw fail('EPUAP_MALFORMED');
  const when = textOf(doc, 'DataPrzedlozenia', 'DataDoreczenia', 'DataZlozenia', 'Data');
  const at = when && !Number.isNaN(new Date(when).getTime()) ? new Date(when).toISOString() : null;
  return {
    at,
    documentId: textOf(doc, 'IdentyfikatorDokumentu', 'IdentyfikatorPoswiadczenia'),
    box: textOf(doc, 'AdresSkrytki', 'IdentyfikatorSkrytki', 'Skrytka'),
    senderName: textOf(first(doc, 'Nadawca', 'Podmiot'), 'Nazwa', 'NazwaInstytucji', 'Nazwisko') ?? textOf(doc, 'Nadawca'),
    signatures: await verifyXades(doc, opts),
  };
}
