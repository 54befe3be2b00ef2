import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKancelaria } from '#tests/support/processes';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { epuapXml, signEpuap, type EpuapFields } from '#tests/support/epuap';
import { onePagePdf, pdfText } from '#tests/support/pdfs';
import { call, callError, openDemoProfile, tempDir, uploadOf, type TestProfile, trustRoots } from '#tests/support/profile';

// A document received through ePUAP, saved by the gateway as its XML form with a XAdES
// signature: read into a registration, the signature verified; one changed byte caught.

describe('an ePUAP document becomes a registration, its XAdES signature verified', () => {
  let pki: TestPki;
  let p: TestProfile;
  let fields: EpuapFields;
  let signed: Uint8Array;

  const read = (fileName: string, bytes: Uint8Array) => call(p.ctx, 'intake.readMessage', { fileName }, uploadOf(bytes));

  beforeAll(async () => {
    pki = makeTestPki();
    p = openDemoProfile();
    await trustRoots(p.ctx, [pki.root.pem]);
    fields = {
      title: 'Pismo ogólne do podmiotu publicznego',
      date: '2026-12-04',
      firstName: 'Jan',
      lastName: 'Wróblewski',
      pesel: '02070803628',
      email: 'jan.wroblewski@example.pl',
      city: 'Łąka',
      text: 'Wnoszę o wydanie zaświadczenia o niezaleganiu w podatkach. Zażółć gęślą jaźń.',
      attachments: [{ fileName: 'załącznik — mapa.pdf', mime: 'application/pdf', bytes: await onePagePdf('Mapa z ePUAP') }],
    };
    signed = await signEpuap(epuapXml(fields), pki, pki.rsa);
  });
  afterAll(() => p.close());

  it('sender, title, date and text read; the attachment staged; the signature intact and trusted; channel ePUAP', async () => {
    const draft = await read('pismo-ogolne.xml', signed);
    expect(draft).toMatchObject({ format: 'epuap', channel: 'epuap', fromName: 'Jan Wróblewski', fromAddress: 'jan.wroblewski@example.pl', subject: 'Pismo ogólne do podmiotu publicznego', sentAt: '2026-12-04T00:00:00.000Z', sender: null });
    expect(draft.excerpt).toBe('Wnoszę o wydanie zaświadczenia o niezaleganiu w podatkach. Zażółć gęślą jaźń.');
    expect(draft.senderDetails).toMatchObject({ kind: 'person', firstName: 'Jan', lastName: 'Wróblewski', pesel: '02070803628', city: 'Łąka', postalCode: '99-999', street: 'Lipowa 3' });
    expect(draft.signatures).toEqual([{ intact: true, trusted: true, summary: `Podpis XAdES złożył ${pki.rsa.commonName}; podpis ważny, certyfikat zaufany.` }]);
    expect(draft.scans.map((s) => s.fileName)).toEqual(['dokument-epuap.pdf', 'załącznik — mapa.pdf']);
    const text = pdfText(p.ctx.blobs.read(draft.scans[0]?.sha256 ?? '')).replace(/\s+/g, ' ');
    for (const words of ['Dokument elektroniczny (ePUAP)', 'Jan Wróblewski, PESEL 02070803628', 'Zażółć gęślą jaźń', 'podpis ważny, certyfikat zaufany']) expect(text).toContain(words);
    // The signed XML itself is kept with the letter, inside its PDF, byte for byte (pdfdetach).
    const out = tempDir('epuap-oryginal');
    writeFileSync(join(out, 'dokument.pdf'), p.ctx.blobs.read(draft.scans[0]?.sha256 ?? ''));
    expect(execFileSync('pdfdetach', ['-list', join(out, 'dokument.pdf')], { encoding: 'utf8' })).toContain('pismo-ogolne.xml');
    execFileSync('pdfdetach', ['-save', '1', '-o', join(out, 'oryginal.xml'), join(out, 'dokument.pdf')]);
    expect(Buffer.compare(readFileSync(join(out, 'oryginal.xml')), Buffer.from(signed))).toBe(0);
    expect(draft.skipped).toEqual([]);
  });

  it('a sender the register knows by PESEL is picked', async () => {
    const party = await call(p.ctx, 'parties.create', { kind: 'person', firstName: 'Jan', lastName: 'Wróblewski', pesel: '02070803628', city: 'Łąka' });
    const draft = await read('pismo-ogolne.xml', signed);
    expect([draft.sender?.id, draft.senderDetails]).toEqual([party.id, null]);
  });

  it('one byte changed in the signed text: the signature is shown invalid, not trusted', async () => {
    const text = new TextDecoder().decode(signed);
    const changed = new TextEncoder().encode(text.replace('niezaleganiu', 'niezalegani0'));
    expect(changed.byteLength).toBe(signed.byteLength);
    const draft = await read('zmienione.xml', changed);
    expect(draft.signatures).toEqual([{ intact: false, trusted: false, summary: `Podpis XAdES (${pki.rsa.commonName}) jest NIEWAŻNY: dokument zmieniono po podpisaniu albo podpis jest uszkodzony.` }]);
  });

  it('a signer outside the trusted roots: intact, not confirmed', async () => {
    const other = makeTestPki();
    const draft = await read('obcy.xml', await signEpuap(epuapXml(fields), other, other.rsa));
    expect(draft.signatures[0]).toMatchObject({ intact: true, trusted: false });
    expect(draft.signatures[0]?.summary).toMatch(/dokument nie był zmieniany, ale certyfikatu nie potwierdzono/);
  });

  it('the UPP dropped with the document sets the time of filing from its seal, and is kept as a PDF with the XML inside', async () => {
    const upp = `<?xml version="1.0" encoding="UTF-8"?>
<upp:UPP xmlns:upp="http://www.epuap.gov.pl/fe-model-web/upp/"><upp:IdentyfikatorPoswiadczenia>UPP-77</upp:IdentyfikatorPoswiadczenia><upp:Nadawca><upp:Nazwa>Jan Wróblewski</upp:Nazwa></upp:Nadawca><upp:AdresSkrytki>/gminaprzykladowa/skrytka</upp:AdresSkrytki><upp:DataPrzedlozenia>2026-12-04T23:58:10+01:00</upp:DataPrzedlozenia><upp:IdentyfikatorDokumentu>EPUAP-DOC-4411</upp:IdentyfikatorDokumentu></upp:UPP>`;
    const sealed = await signEpuap(upp, pki, pki.rsa);
    const d = await read('upp.xml', sealed);
    // Filed two minutes before midnight: that day counts, whenever the clerk registers it.
    expect([d.channel, d.receivedAt, d.fromName, d.subject]).toEqual(['epuap', '2026-12-04T22:58:10.000Z', 'Jan Wróblewski', '']);
    expect(d.scans.map((s) => s.fileName)).toEqual(['upp-epuap.pdf']);
    expect(d.signatures[0]).toMatchObject({ intact: true, trusted: true });
    const out = tempDir('upp');
    writeFileSync(join(out, 'upp.pdf'), p.ctx.blobs.read(d.scans[0]?.sha256 ?? ''));
    execFileSync('pdfdetach', ['-save', '1', '-o', join(out, 'upp.xml'), join(out, 'upp.pdf')]);
    expect(Buffer.compare(readFileSync(join(out, 'upp.xml')), Buffer.from(sealed))).toBe(0);
    // A UPP changed after sealing gives no time of filing.
    const changed = await read('upp-zmienione.xml', new TextEncoder().encode(new TextDecoder().decode(sealed).replace('2026-12-04T23:58', '2026-12-03T23:58')));
    expect(changed.receivedAt).toBeNull();
    expect(changed.signatures[0]).toMatchObject({ intact: false });
  });

  it('IT sees it from the command line: kancelaria intake inspect on the .xml, exit 0, the changed one shown invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kancelaria-epuap-'));
    writeFileSync(join(dir, 'pismo.xml'), signed);
    const ok = runKancelaria(['intake', 'inspect', join(dir, 'pismo.xml')]);
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    for (const line of ['Rodzaj:       dokument ePUAP (XML)', 'Tytuł:        Pismo ogólne do podmiotu publicznego', 'Nadawca:      Jan Wróblewski, PESEL 02070803628, jan.wroblewski@example.pl', '✓ załącznik — mapa.pdf', `✓ Podpis XAdES złożył ${pki.rsa.commonName}; dokument nie był zmieniany`]) expect(ok.stdout).toContain(line);
    writeFileSync(join(dir, 'zmienione.xml'), new TextDecoder().decode(signed).replace('niezaleganiu', 'niezalegani0'));
    expect(runKancelaria(['intake', 'inspect', join(dir, 'zmienione.xml')]).stdout).toContain(`✗ Podpis XAdES (${pki.rsa.commonName}) jest NIEWAŻNY`);
  });

  it('XML with a DOCTYPE (entity expansion), broken XML and XML that is no document are refused in Polish', async () => {
    const bomb = new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><lol>&b;</lol>');
    expect((await callError(p.ctx, 'intake.readMessage', { fileName: 'bomba.xml' }, uploadOf(bomb))).code).toBe('EPUAP_NOT_ACCEPTED');
    const broken = await callError(p.ctx, 'intake.readMessage', { fileName: 'zle.xml' }, uploadOf(new TextEncoder().encode('<wnio:Dokument><a></b>')));
    expect(broken.message).toBe('Plik XML jest uszkodzony (niepoprawna składnia). Zapisz dokument ze skrzynki ePUAP jeszcze raz i spróbuj ponownie.');
    expect((await callError(p.ctx, 'intake.readMessage', { fileName: 'inny.xml' }, uploadOf(new TextEncoder().encode('<config><a>1</a></config>')))).code).toBe('EPUAP_NOT_A_DOCUMENT');
  });
});
