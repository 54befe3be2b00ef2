import { strToU8, zipSync } from 'fflate';

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

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch);
}

/** The envelope of one letter (koperta.xml). */
export function envelopeXml(office: { name: string }, l: PackageLetter): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Przesylka xmlns="urn:kancelaria:wysylka-elektroniczna:1">
  <Kanal>${xml(CHANNEL_NAMES[l.channel])}</Kanal>
  <Nadawca>${xml(office.name)}</Nadawca>
  <Adresat>
    <Nazwa>${xml(l.addresseeName)}</Nazwa>
    <AdresElektroniczny>${xml(l.electronicAddress)}</AdresElektroniczny>
    <AdresPocztowy>${xml(l.addresseeAddress)}</AdresPocztowy>
  </Adresat>
  <Tytul>${xml(l.subject)}</Tytul>
  <NumerWRejestrze>${xml(l.number)}</NumerWRejestrze>
  <ZnakSprawy>${xml(l.caseSign ?? '')}</ZnakSprawy>
  <DataWyslania>${xml(l.dispatchedOn)}</DataWyslania>
  <Dokument>
    <NazwaPliku>${xml(l.fileName)}</NazwaPliku>
    <Format>application/pdf</Format>
    <Podpis>PAdES</Podpis>
    <SHA256>${l.sha256}</SHA256>
    <Rozmiar>${String(l.bytes.length)}</Rozmiar>
  </Dokument>
</Przesylka>
`;
}

function csvCell(v: string): string {
  return /[";\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Folder names safe on Windows and in any ZIP tool: the register number with `/` turned to `-`. */
export function letterFolder(index: number, number: string): string {
  return `${String(index + 1).padStart(3, '0')}_${number.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
}

/** The ZIP for the gateway. */
export function buildExportPackage(office: { name: string }, letters: readonly PackageLetter[], createdAt: Date): Uint8Array {
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  const header = ['Lp.', 'Numer', 'Kanał', 'Adresat', 'Adres elektroniczny', 'Tytuł', 'Znak sprawy', 'Plik', 'SHA-256'];
  const rows = letters.map((l, i) => {
    const folder = letterFolder(i, l.number);
    // Stored, not deflated: a signed PDF is mostly compressed already, and stored bytes are
    // the signed bytes for anyone checking the archive by eye.
    files[`${folder}/${l.fileName}`] = [l.bytes, { level: 0 }];
    files[`${folder}/koperta.xml`] = strToU8(envelopeXml(office, l));
    return [String(i + 1), l.number, CHANNEL_NAMES[l.channel], l.addresseeName, l.electronicAddress, l.subject, l.caseSign ?? '', `${folder}/${l.fileName}`, l.sha256];
  });
  const csv = [header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n');
  files['spis.csv'] = strToU8(`\uFEFF${csv}\r\n`);
  return zipSync(files, { mtime: createdAt });
}
