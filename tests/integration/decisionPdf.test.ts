import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appealInstruction, type DecisionDraft } from '#core/decisions/art107';
import { ponaglenieInstruction, stampDutyClause } from '#core/decisions/clauses';
import { composeDecision, partiesText, type DecisionContext } from '#core/decisions/compose';
import { templateByCode } from '#core/decisions/defaultTemplates';
import { renderDocumentTemplate, type DocumentTemplate, type RenderedDocument } from '#core/decisions/templates';
import { renderDecision, type DecisionPdfData } from '#documents/decision';
import type { OfficeHeader } from '#documents/officeHeader';

// Decisions rendered end to end — draft checked against KPA art. 107 §1 (art. 210 §1 OP for the
// tax one), template filled, PDF set — and read back with poppler: every art. 107 element must be
// on the page as text, Polish letters intact, a long justification flowing onto a second page.
// The PDFs and 80-dpi PNGs stay under artifacts/ for a person to look at.
const PDF_DIR = join(process.cwd(), 'artifacts', 'pdf');
const PNG_DIR = join(process.cwd(), 'artifacts', 'png');

function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** pdftotext's layout spaces and line breaks collapsed, so phrases can be looked for as written. */
function flat(value: string): string {
  return value.replace(/\s+/g, ' ');
}

function save(name: string, bytes: Uint8Array): { path: string; pages: number; text: string; pageTexts: string[] } {
  mkdirSync(PDF_DIR, { recursive: true });
  mkdirSync(PNG_DIR, { recursive: true });
  const path = join(PDF_DIR, `${name}.pdf`);
  writeFileSync(path, bytes);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [path]))?.[1]);
  run('pdftoppm', ['-r', '80', '-png', path, join(PNG_DIR, name)]);
  const raw = run('pdftotext', ['-layout', path, '-']);
  const pageTexts = raw.split('\f').map(flat);
  // The body as one text, footers left out, so a sentence broken by a page break still reads whole.
  const body = raw
    .split('\n')
    .filter((line) => !/Strona \d+ z \d+\s*$/.test(line))
    .join('\n');
  return { path, pages, text: flat(body), pageTexts };
}

function template(code: string): DocumentTemplate {
  const found = templateByCode(code);
  if (!found.ok) throw new Error(found.message);
  return found.value;
}

const OFFICE: OfficeHeader = {
  name: 'Urząd Gminy Zażółć',
  addressLines: ['ul. Główna 1', '34-100 Zażółć'],
  contactLine: 'tel. 33 123 45 67 · sekretariat@zazolc.example.pl · adres do doręczeń elektronicznych AE:PL-51234-56789-ABCDE-17',
};

const ORGAN = 'Wójt Gminy Zażółć';
const SKO = 'Samorządowe Kolegium Odwoławcze w Nowym Sączu';

const WZ_DRAFT: DecisionDraft = {
  procedure: 'kpa',
  organ: ORGAN,
  issuedOn: '2026-05-14',
  parties: [
    { name: 'Jan Źródlański', address: 'ul. Polna 3, 34-100 Żółtki' },
    { name: 'Łucja Ćwiek-Żółkiewska', address: 'ul. Leśna 8, 34-100 Żółtki' },
  ],
  legalBasis: 'art. 4 ust. 2 pkt 2, art. 59 ust. 1, art. 60 ust. 1 i art. 64 ust. 1 ustawy z dnia 27 marca 2003 r. o planowaniu i zagospodarowaniu przestrzennym',
  ruling: [
    'dla inwestycji polegającej na budowie budynku gospodarczego z garażem na działce nr 45/7, obręb Żółtki:',
    '1. Rodzaj inwestycji: zabudowa zagrodowa – budynek gospodarczy z garażem dwustanowiskowym.',
    '2. Warunki i wymagania ochrony i kształtowania ładu przestrzennego:',
    'a) linia zabudowy: nieprzekraczalna, w odległości 6 m od krawędzi jezdni drogi gminnej nr 120 456K,',
    'b) wysokość górnej krawędzi elewacji frontowej: do 4,5 m; wysokość budynku: do 7 m,',
    'c) geometria dachu: dach dwuspadowy o kącie nachylenia połaci 30°–45°, kalenica równoległa do drogi.',
    '3. Obsługa komunikacyjna: z drogi gminnej nr 120 456K istniejącym zjazdem.',
    '4. Uzbrojenie terenu: energia elektryczna z sieci PGE Dystrybucja S.A. na warunkach gestora sieci.',
  ].join('\n'),
  justification: {
    factual:
      'Wnioskiem z dnia 2 marca 2026 r. Jan Źródlański wystąpił o ustalenie warunków zabudowy dla budowy budynku gospodarczego z garażem na działce nr 45/7, obręb Żółtki. Działka nie jest objęta miejscowym planem zagospodarowania przestrzennego. Przeprowadzona analiza funkcji oraz cech zabudowy i zagospodarowania terenu wykazała, że co najmniej jedna działka sąsiednia, dostępna z tej samej drogi publicznej, jest zabudowana w sposób pozwalający określić wymagania dla nowej zabudowy.',
    legal:
      'Zgodnie z art. 61 ust. 1 ustawy o planowaniu i zagospodarowaniu przestrzennym wydanie decyzji o warunkach zabudowy jest możliwe jedynie w przypadku łącznego spełnienia warunków wymienionych w tym przepisie. Organ ustalił, że wszystkie te warunki zostały spełnione, wobec czego orzekł jak w sentencji.',
  },
  fullyGrantsRequest: false,
  contestedInterests: false,
  onAppeal: false,
  appealInstruction: appealInstruction({ appealOrgan: SKO, issuingOrgan: ORGAN, procedure: 'kpa' }),
  signatory: { firstName: 'Małgorzata', lastName: 'Śliwińska', position: 'Wójt Gminy Zażółć' },
  signatureForm: 'qualified-signature',
};

const WZ_CONTEXT: DecisionContext = {
  caseSign: 'GK.6730.15.2026',
  place: 'Zażółć',
  extra: {
    numer: '15/2026',
    data_wniosku: '2 marca 2026 r.',
    przedmiot: 'budowa budynku gospodarczego z garażem na działce nr 45/7, obręb Żółtki',
    oplata: stampDutyClause(598),
  },
};

const TAX_DRAFT: DecisionDraft = {
  procedure: 'op',
  organ: ORGAN,
  issuedOn: '2026-02-16',
  parties: [{ name: 'Zofia Gęślarz-Łątka', address: 'ul. Źródlana 12, 34-100 Zażółć' }],
  legalBasis:
    'art. 2 ust. 1, art. 3 ust. 1, art. 4 ust. 1 i art. 5 ust. 1 ustawy z dnia 12 stycznia 1991 r. o podatkach i opłatach lokalnych oraz uchwałą nr XII/85/2025 Rady Gminy Zażółć z dnia 20 listopada 2025 r. w sprawie określenia wysokości stawek podatku od nieruchomości',
  ruling: [
    'wysokość podatku od nieruchomości na rok 2026 w kwocie 412,00 zł (słownie: czterysta dwanaście złotych), w tym:',
    '– od gruntów pozostałych (1 200 m² × 0,62 zł) – 744,00 zł × ½ udziału,',
    '– od budynku mieszkalnego (96,5 m² × 1,12 zł) – 108,08 zł.',
    'Podatek płatny w ratach: do 15 marca 2026 r. – 103,00 zł, do 15 maja 2026 r. – 103,00 zł, do 15 września 2026 r. – 103,00 zł, do 15 listopada 2026 r. – 103,00 zł.',
  ].join('\n'),
  justification: {
    factual: 'Na podstawie informacji o nieruchomościach złożonej przez podatniczkę w dniu 12 stycznia 2026 r. ustalono, że jest ona współwłaścicielką nieruchomości gruntowej zabudowanej budynkiem mieszkalnym, położonej w Zażółci przy ul. Źródlanej 12.',
    legal: 'Zgodnie z art. 21 § 1 pkt 2 Ordynacji podatkowej zobowiązanie podatkowe powstaje z dniem doręczenia decyzji organu podatkowego ustalającej wysokość tego zobowiązania. Stawki podatku określiła Rada Gminy Zażółć w powołanej uchwale.',
  },
  fullyGrantsRequest: false,
  contestedInterests: false,
  onAppeal: false,
  appealInstruction: appealInstruction({ appealOrgan: SKO, issuingOrgan: ORGAN, procedure: 'op' }),
  signatory: { firstName: 'Przemysław', lastName: 'Bęcki', position: 'z up. Wójta\nKierownik Referatu Podatków i Opłat' },
  signatureForm: 'paper',
};

const TAX_CONTEXT: DecisionContext = { caseSign: 'FN.3120.1042.2026', place: 'Zażółć', extra: { numer: 'FN/1042/2026' } };

function compose(draft: DecisionDraft, code: string, context: DecisionContext): RenderedDocument {
  const composed = composeDecision(template(code), draft, context);
  if (!composed.ok) throw new Error(composed.message);
  return composed.document;
}

function pdfData(draft: DecisionDraft, document: RenderedDocument, extra: Partial<DecisionPdfData> = {}): DecisionPdfData {
  return {
    office: OFFICE,
    document,
    electronic: draft.signatureForm !== 'paper',
    recipients: draft.parties.map((p) => `${p.name}, ${p.address}`),
    ...extra,
  };
}

/** A 60×72 RGB PNG: a red shield-ish block on white, enough to see the crest is placed and scaled. */
function crestPng(): Uint8Array {
  const width = 60;
  const height = 72;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const inside = y < 48 || Math.abs(x - width / 2) < (height - y) * 1.2;
      const o = y * (width * 3 + 1) + 1 + x * 3;
      raw[o] = inside ? 200 : 255;
      raw[o + 1] = inside ? 30 : 255;
      raw[o + 2] = inside ? 40 : 255;
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.byteLength, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

describe('decision PDF', () => {
  it('WZ: every KPA art. 107 §1 element is on the page, with Polish letters', async () => {
    const document = compose(WZ_DRAFT, 'WZ', WZ_CONTEXT);
    const { pages, text, pageTexts } = save('decision-wz', await renderDecision(pdfData(WZ_DRAFT, document)));
    expect(pages).toBe(2);

    // Letterhead, sign and date line, title.
    expect(text).toContain('Urząd Gminy Zażółć');
    expect(text).toContain('GK.6730.15.2026');
    expect(text).toContain('Zażółć, dnia 14 maja 2026 r.');
    expect(text).toContain('DECYZJA nr 15/2026');
    expect(text).toContain('o warunkach zabudowy');
    // 1) organ, 2) date (above), 3) parties, 4) legal basis, 5) ruling.
    expect(text).toContain('Wójt Gminy Zażółć ustala warunki zabudowy');
    expect(text).toContain('złożonego przez: Jan Źródlański, ul. Polna 3, 34-100 Żółtki; Łucja Ćwiek-Żółkiewska');
    expect(text).toContain('Na podstawie art. 4 ust. 2 pkt 2, art. 59 ust. 1, art. 60 ust. 1 i art. 64 ust. 1 ustawy z dnia 27 marca 2003 r. o planowaniu i zagospodarowaniu przestrzennym oraz art. 104 ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego');
    expect(text).toContain('1. Rodzaj inwestycji: zabudowa zagrodowa – budynek gospodarczy z garażem dwustanowiskowym.');
    expect(text).toContain('c) geometria dachu: dach dwuspadowy o kącie nachylenia połaci 30°–45°');
    // 6) justification, factual and legal.
    expect(text).toContain('Uzasadnienie');
    expect(text).toContain('Wnioskiem z dnia 2 marca 2026 r. Jan Źródlański wystąpił o ustalenie warunków zabudowy');
    expect(text).toContain('Zgodnie z art. 61 ust. 1 ustawy o planowaniu i zagospodarowaniu przestrzennym');
    // 7) appeal instruction with the art. 127a waiver and its effect.
    expect(text).toContain('Pouczenie');
    expect(text).toContain(
      'Od niniejszej decyzji służy stronie odwołanie do Samorządowego Kolegium Odwoławczego w Nowym Sączu za pośrednictwem Wójta Gminy Zażółć, w terminie 14 dni od dnia jej doręczenia',
    );
    expect(text).toContain('strona może zrzec się prawa do wniesienia odwołania wobec Wójta Gminy Zażółć, który wydał decyzję');
    expect(text).toContain('decyzja staje się ostateczna i prawomocna (art. 127a § 2 Kodeksu postępowania administracyjnego)');
    // Stamp duty, signature (8), recipients.
    expect(text).toContain('Opłatę skarbową w wysokości 598 zł uiszczono.');
    expect(text).toContain('Małgorzata Śliwińska');
    expect(text).toMatch(/Małgorzata Śliwińska Wójt Gminy Zażółć \/podpisano elektronicznie\//);
    expect(text).toContain('Otrzymują: 1. Jan Źródlański, ul. Polna 3, 34-100 Żółtki 2. Łucja Ćwiek-Żółkiewska, ul. Leśna 8, 34-100 Żółtki 3. a/a');
    expect(pageTexts[0]).toContain('GK.6730.15.2026 · DECYZJA nr 15/2026 Strona 1 z 2');
    expect(pageTexts[1]).toContain('GK.6730.15.2026 · DECYZJA nr 15/2026 Strona 2 z 2');
  });

  it('PODATEK: the Ordynacja podatkowa wording, a paper signature and the crest image', async () => {
    const document = compose(TAX_DRAFT, 'PODATEK', TAX_CONTEXT);
    const bytes = await renderDecision(pdfData(TAX_DRAFT, document, { crestPng: crestPng() }));
    const { pages, text } = save('decision-podatek', bytes);
    expect(pages).toBe(1);

    expect(text).toContain('Zażółć, dnia 16 lutego 2026 r.');
    expect(text).toContain('FN.3120.1042.2026');
    expect(text).toContain('DECYZJA nr FN/1042/2026 w sprawie ustalenia wysokości podatku od nieruchomości');
    expect(text).toContain('Na podstawie art. 21 § 1 pkt 2 i art. 207 § 1 ustawy z dnia 29 sierpnia 1997 r. – Ordynacja podatkowa w związku z art. 2 ust. 1');
    expect(text).toContain('Wójt Gminy Zażółć ustala dla podatnika: Zofia Gęślarz-Łątka, ul. Źródlana 12, 34-100 Zażółć');
    expect(text).toContain('wysokość podatku od nieruchomości na rok 2026 w kwocie 412,00 zł');
    expect(text).toContain('Uzasadnienie');
    expect(text).toContain('zobowiązanie podatkowe powstaje z dniem doręczenia decyzji');
    expect(text).toContain('Od niniejszej decyzji służy stronie odwołanie do Samorządowego Kolegium Odwoławczego w Nowym Sączu za pośrednictwem Wójta Gminy Zażółć');
    expect(text).toContain('art. 220 § 1 oraz art. 223 § 1 i 2 ustawy z dnia 29 sierpnia 1997 r. – Ordynacja podatkowa');
    expect(text).toContain('Odwołanie powinno zawierać zarzuty przedstawione decyzji');
    // No KPA waiver in a tax decision, no stamp duty, no electronic mark on a paper signature.
    expect(text).not.toContain('zrzec');
    expect(text).not.toContain('opłat skarbow');
    expect(text).not.toContain('podpisano elektronicznie');
    expect(text).toContain('Przemysław Bęcki');
    expect(text).toContain('z up. Wójta');
    expect(text).toContain('Kierownik Referatu Podatków i Opłat');
    expect(text).toMatch(/Otrzymują: .*1\. Zofia Gęślarz-Łątka, ul\. Źródlana 12,.* 34-100 Zażółć .*2\. a\/a/);
    // The crest is an image in the file; without one the placeholder says "herb".
    expect(run('pdfimages', ['-list', join(PDF_DIR, 'decision-podatek.pdf')])).toMatch(/\bimage\s+60\s+72\b/);
    expect(text).not.toContain('herb');
  });

  it('DRZEWA granted in full: one page, justification dispensed with under art. 107 §4', async () => {
    const draft: DecisionDraft = {
      ...WZ_DRAFT,
      issuedOn: '2026-06-01',
      parties: [{ name: 'Wspólnota Mieszkaniowa „Źródełko”', address: 'ul. Ogrodowa 5, 34-100 Zażółć' }],
      legalBasis: 'art. 83 ust. 1 oraz art. 83a ust. 1 ustawy z dnia 16 kwietnia 2004 r. o ochronie przyrody',
      ruling: 'na usunięcie jednego drzewa z gatunku świerk pospolity o obwodzie pnia 132 cm na wysokości 5 cm, rosnącego na działce nr 112/3, obręb Zażółć, w terminie do dnia 31 grudnia 2026 r.',
      justification: { factual: '', legal: '' },
      fullyGrantsRequest: true,
    };
    const composed = composeDecision(template('DRZEWA'), draft, {
      caseSign: 'OŚ.6131.7.2026',
      place: 'Zażółć',
      extra: { numer: '7/2026', data_wniosku: '12 maja 2026 r.', przedmiot: 'świerk pospolity na działce nr 112/3, obręb Zażółć', oplata: stampDutyClause(0) },
    });
    if (!composed.ok) throw new Error(composed.message);
    const { pages, text, pageTexts } = save('decision-drzewa', await renderDecision(pdfData(draft, composed.document)));
    expect(pages).toBe(1);
    expect(text).toContain('Wójt Gminy Zażółć zezwala na usunięcie drzew lub krzewów');
    expect(text).toContain('Decyzja uwzględnia w całości żądanie strony, dlatego na podstawie art. 107 § 4 Kodeksu postępowania administracyjnego odstąpiono od jej uzasadnienia.');
    expect(text).toContain('Opłaty skarbowej nie pobrano.');
    expect(text).toContain('Wspólnota Mieszkaniowa „Źródełko”');
    expect(pageTexts[0]).toContain('Strona 1 z 1');
  });

  it('a long justification flows onto page 2, the footer numbering both pages', async () => {
    const paragraph =
      'Organ przeprowadził postępowanie dowodowe, w tym oględziny terenu w dniu 20 marca 2026 r., z których sporządzono protokół. Ustalono, że działka nr 45/7 ma bezpośredni dostęp do drogi publicznej, a istniejące uzbrojenie terenu jest wystarczające dla zamierzenia budowlanego. Strony zapoznały się z aktami sprawy i nie wniosły uwag ani zastrzeżeń co do zebranego materiału dowodowego.';
    const draft: DecisionDraft = {
      ...WZ_DRAFT,
      justification: { factual: Array.from({ length: 6 }, () => paragraph).join('\n\n'), legal: WZ_DRAFT.justification.legal },
    };
    const document = compose(draft, 'WZ', WZ_CONTEXT);
    const { pages, pageTexts, text } = save('decision-long', await renderDecision(pdfData(draft, document)));
    expect(pages).toBe(2);
    expect(pageTexts[0]).toContain('Strona 1 z 2');
    expect(pageTexts[1]).toContain('Strona 2 z 2');
    expect(pageTexts[1]).toContain('GK.6730.15.2026 · DECYZJA nr 15/2026');
    // The letterhead is on the first page only; the signature and recipients end the decision.
    expect(pageTexts[1]).not.toContain('Urząd Gminy Zażółć');
    expect(pageTexts[1]).toContain('Małgorzata Śliwińska');
    expect(pageTexts[1]).toContain('3. a/a');
    // The justification itself is split between the pages, its heading on the first.
    expect(text.match(/Organ przeprowadził postępowanie dowodowe/g)).toHaveLength(6);
    expect(pageTexts[0]).toContain('Uzasadnienie Organ przeprowadził postępowanie dowodowe');
    expect(pageTexts[0]).toContain('Organ przeprowadził postępowanie dowodowe');
    expect(pageTexts[1]).toContain('Organ przeprowadził postępowanie dowodowe');
    expect(pageTexts[1]).toContain('Zgodnie z art. 61 ust. 1 ustawy o planowaniu');
  });

  it('letters and a certificate: art. 36, art. 64 §2, art. 61 §4, art. 217, with the placeholder crest', async () => {
    const values = {
      organ: ORGAN,
      strony: partiesText(WZ_DRAFT),
      znak_sprawy: 'GK.6730.15.2026',
      miejscowosc: 'Zażółć',
      data: '8 kwietnia 2026 r.',
      data_wniosku: '2 marca 2026 r.',
      przedmiot: 'ustalenie warunków zabudowy dla budowy budynku gospodarczego na działce nr 45/7, obręb Żółtki',
      przyczyna_zwloki: 'konieczność uzyskania uzgodnienia projektu decyzji z zarządcą drogi powiatowej, który nie zajął dotąd stanowiska.',
      nowy_termin: '29 maja 2026 r.',
      pouczenie: ponaglenieInstruction({ appealOrgan: SKO, issuingOrgan: ORGAN }),
      braki: '1. dołączenie kopii mapy zasadniczej w skali 1:1000 obejmującej teren inwestycji i obszar analizowany,\n2. podpisanie wniosku przez współwłaścicielkę działki.',
      miejsce_wgladu: 'Urząd Gminy Zażółć, ul. Główna 1, pokój 12, od poniedziałku do piątku w godzinach 8:00–15:00',
      podstawa_prawna: 'art. 217 § 1 i § 2 pkt 2 ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego',
      tresc: 'działka nr 45/7, obręb Żółtki, gmina Zażółć, nie jest objęta miejscowym planem zagospodarowania przestrzennego ani nie leży na obszarze rewitalizacji.',
      oplata: stampDutyClause(17),
      podpis_imie_nazwisko: 'Tomasz Łukasik',
      podpis_stanowisko: 'Inspektor ds. planowania przestrzennego',
    };
    for (const [code, name] of [
      ['ZAWIADOMIENIE_ZWLOKA', 'letter-zwloka'],
      ['WEZWANIE_BRAKI', 'letter-braki'],
      ['ZAWIADOMIENIE_WSZCZECIE', 'letter-wszczecie'],
      ['ZASW', 'certificate'],
    ] as const) {
      const rendered = renderDocumentTemplate(template(code), values);
      if (!rendered.ok) throw new Error(rendered.message);
      const { text } = save(name, await renderDecision({ office: OFFICE, document: rendered.document, electronic: true, addressee: ['Jan Źródlański', 'ul. Polna 3', '34-100 Żółtki'], recipients: ['Jan Źródlański, ul. Polna 3, 34-100 Żółtki'] }));
      expect(text).toContain('herb');
      expect(text).toContain('Tomasz Łukasik');
      if (code === 'ZAWIADOMIENIE_ZWLOKA') {
        expect(text).toContain('ZAWIADOMIENIE o niezałatwieniu sprawy w terminie');
        expect(text).toContain('Przyczyna zwłoki: konieczność uzyskania uzgodnienia');
        expect(text).toContain('Nowy termin załatwienia sprawy: 29 maja 2026 r.');
        expect(text).toContain('Ponaglenie wnosi się do Samorządowego Kolegium Odwoławczego w Nowym Sączu za pośrednictwem Wójta Gminy Zażółć');
      } else if (code === 'ZAWIADOMIENIE_WSZCZECIE') {
        expect(text).toContain('ZAWIADOMIENIE o wszczęciu postępowania administracyjnego');
        expect(text).toContain('Na podstawie art. 61 § 4 ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego Wójt Gminy Zażółć zawiadamia');
        expect(text).toContain('Akta sprawy są dostępne do wglądu: Urząd Gminy Zażółć, ul. Główna 1, pokój 12');
      } else if (code === 'ZASW') {
        expect(text).toContain('ZAŚWIADCZENIE');
        expect(text).toContain('Wójt Gminy Zażółć zaświadcza, że działka nr 45/7, obręb Żółtki');
        expect(text).toContain('Opłatę skarbową w wysokości 17 zł uiszczono.');
        expect(text).not.toMatch(/Pouczenie|odwołani/);
      } else {
        expect(text).toContain('WEZWANIE do usunięcia braków wniosku');
        expect(text).toContain('w terminie 7 dni od dnia doręczenia niniejszego wezwania');
        expect(text).toContain('spowoduje pozostawienie wniosku bez rozpoznania');
      }
    }
  });

  it('renders a decision in well under the time a clerk waits for a preview', async () => {
    const document = compose(WZ_DRAFT, 'WZ', WZ_CONTEXT);
    const data = pdfData(WZ_DRAFT, document);
    await renderDecision(data); // warm: fonts read, glyph caches filled
    const runs = 20;
    const started = performance.now();
    for (let i = 0; i < runs; i++) await renderDecision(data);
    const perDecision = (performance.now() - started) / runs;
    console.log(`renderDecision: ${perDecision.toFixed(1)} ms per decision (warm, ${runs} runs)`);
    expect(perDecision).toBeLessThan(500);
  });
});
