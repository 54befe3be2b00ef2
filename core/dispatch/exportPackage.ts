import { strToU8, zipSync } from 'fflate';
import { CSV_BOM, csvLine } from '#core/text/csv';

// The package the registry hands to the ePUAP / e-Doręczenia gateway (the office's integration
// box or the operator's web form): one folder per letter with the signed document exactly as
// signed (its bytes must not change, or the signature breaks) and an envelope (koperta.xml)
// naming the addressee's electronic address, the title, the register number and the document's
// SHA-256, so the gateway's operator — or its import — sends each file to the right box and the
// office can prove later what was sent. A CSV list (spis.csv, for Polish Excel) sums it up.

export type PackageLetter = {
  number: string;
  channel: 'epuap' | 'edoreczenia';
  addresseeName: string;
  addresseeAddress: string;
  electronicAddress: string;
  subject: string;
  caseSign: string | null;
  dispatchedOn: string;
  fileName: string;
  sha256: string;
  bytes: Uint8Array;
};

const CHANNEL_NAMES = { epuap: 'ePUAP', edoreczenia: 'e-Doręczenia' } as const;

/**
 * Text as XML 1.0 character data: the five markup characters escaped, and the characters XML
 * 1.0 forbids (control characters but tab and line ends, lone surrogates, U+FFFE/U+FFFF)
 * dropped — a subject pasted from another program may carry them, and one would make the
 * envelope unreadable to the gateway.
 */
export function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const allowed = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  return allowed.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch);
}

/** The envelope of one letter (koperta.xml). */
export function envelopeXml(office: { name: string }, l: PackageLetter): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Przesylka xmlns="urn:kancelaria:wysylka-elektroniczna:1">
  <Kanal>${xmlText(CHANNEL_NAMES[l.channel])}</Kanal>
  <Nadawca>${xmlText(office.name)}</Nadawca>
  <Adresat>
    <Nazwa>${xmlText(l.addresseeName)}</Nazwa>
    <AdresElektroniczny>${xmlText(l.electronicAddress)}</AdresElektroniczny>
    <AdresPocztowy>${xmlText(l.addresseeAddress)}</AdresPocztowy>
  </Adresat>
  <Tytul>${xmlText(l.subject)}</Tytul>
  <NumerWRejestrze>${xmlText(l.number)}</NumerWRejestrze>
  <ZnakSprawy>${xmlText(l.caseSign ?? '')}</ZnakSprawy>
  <DataWyslania>${xmlText(l.dispatchedOn)}</DataWyslania>
  <Dokument>
    <NazwaPliku>${xmlText(l.fileName)}</NazwaPliku>
    <Format>application/pdf</Format>
    <Podpis>PAdES</Podpis>
    <SHA256>${l.sha256}</SHA256>
    <Rozmiar>${String(l.bytes.length)}</Rozmiar>
  </Dokument>
</Przesylka>
`;
}

/** Folder names safe on Windows and in any ZIP tool: the register number with `/` turned to `-`. */
export function letterFolder(index: number, number: string): string {
  return `${String(index + 1).padStart(3, '0')}_${safeNumber(number)}`;
}

/** A register number as a file name: letters, digits, dots and dashes only (never `..`). */
function safeNumber(number: string): string {
  return number.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[.-]+/, '') || 'pismo';
}

/**
 * The document's name inside the package: made from the register number alone. The stored
 * file name came from a scan or an upload — `../../x.pdf` or a Windows device name must never
 * become a path in the gateway's import folder.
 */
export function documentFileName(number: string): string {
  return `${safeNumber(number)}.pdf`;
}

/** The ZIP for the gateway. */
export function buildExportPackage(office: { name: string }, letters: readonly PackageLetter[], createdAt: Date): Uint8Array {
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  const header = ['Lp.', 'Numer', 'Kanał', 'Adresat', 'Adres elektroniczny', 'Tytuł', 'Znak sprawy', 'Plik', 'SHA-256'];
  const rows = letters.map((l, i) => {
    const folder = letterFolder(i, l.number);
    const fileName = documentFileName(l.number);
    // Stored, not deflated: a signed PDF is mostly compressed already, and stored bytes are
    // the signed bytes for anyone checking the archive by eye.
    files[`${folder}/${fileName}`] = [l.bytes, { level: 0 }];
    files[`${folder}/koperta.xml`] = strToU8(envelopeXml(office, { ...l, fileName }));
    return [String(i + 1), l.number, CHANNEL_NAMES[l.channel], l.addresseeName, l.electronicAddress, l.subject, l.caseSign ?? '', `${folder}/${fileName}`, l.sha256];
  });
  // The one CSV writer of every export: a subject starting with = or @ stays text in Excel.
  files['spis.csv'] = strToU8(CSV_BOM + [header, ...rows].map(csvLine).join(''));
  return zipSync(files, { mtime: createdAt });
}
