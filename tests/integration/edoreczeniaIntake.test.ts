import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import type { Party } from '#core/contract';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { edoreczeniaEvidenceXml, edoreczeniaZip, signEpuap } from '#tests/support/epuap';
import { onePagePdf, pdfText } from '#tests/support/pdfs';
import { simpleMail } from '#tests/support/mail';
import { runKancelaria } from '#tests/support/processes';
import { call, callError, letterInput, openDemoProfile, signIn, tempDir, unitId, uploadOf, type TestProfile, trustRoots } from '#tests/support/profile';

/*
 * Item 2 of "The letter's whole life", e-Doręczenia side: a message downloaded from the office's
 * mailbox as a ZIP fills the registration — sender found by its electronic address, subject,
 * text, the attachment as a scan, and the day it reached the box from the provider's sealed
 * dowód otrzymania; the ZIP itself is kept inside the message's PDF.
 */
describe('an e-Doręczenia message from the mailbox’s ZIP', () => {
  let p: TestProfile;
  let pki: TestPki;
  let sender: Party;
  let zip: Uint8Array;
  const dir = tempDir('edoreczenia');
  const read = (fileName: string, bytes: Uint8Array) => call(p.ctx, 'intake.readMessage', { fileName }, uploadOf(bytes));
  const message = async (over: Partial<Parameters<typeof edoreczeniaZip>[0]> = {}, evidenceText?: (xml: string) => string) => {
    const sealed = new TextDecoder().decode(await signEpuap(edoreczeniaEvidenceXml({ event: 'ContentConsignment', at: '2026-12-03T14:05:00+01:00', messageId: 'AE-MSG-2026-4411', recipient: 'AE:PL-11111-22222-GMINA-01' }), pki, pki.rsa));
    return edoreczeniaZip({
      subject: 'Wniosek o wydanie zaświadczenia o niezaleganiu',
      sentAt: '2026-12-03T14:04:51+01:00',
      messageId: 'AE-MSG-2026-4411',
      senderName: 'Spółdzielnia Mieszkaniowa „Łąka”',
      senderAddress: 'AE:PL-12345-67890-ABCDE-12',
      text: 'Wnosimy o wydanie zaświadczenia. Zażółć gęślą jaźń.',
      attachments: [{ fileName: 'wniosek.pdf', bytes: await onePagePdf('Wniosek z e-Doreczen') }],
      evidence: [{ fileName: 'dowod-otrzymania.xml', bytes: new TextEncoder().encode(evidenceText ? evidenceText(sealed) : sealed) }],
      ...over,
    });
  };

  beforeAll(async () => {
    pki = makeTestPki();
    p = openDemoProfile();
    await trustRoots(p.ctx, [pki.root.pem]);
    sender = await call(p.ctx, 'parties.create', { kind: 'company', name: 'Spółdzielnia Mieszkaniowa „Łąka”', city: 'Łąka', electronicAddress: 'AE:PL-12345-67890-ABCDE-12' });
    zip = await message();
  });
  afterAll(() => p.close());

  it('fills the registration: channel, sender by its address, subject, the day it reached the box from the sealed evidence', async () => {
    const d = await read('wiadomosc.zip', zip);
    expect(d).toMatchObject({ format: 'edoreczenia', channel: 'edoreczenia', subject: 'Wniosek o wydanie zaświadczenia o niezaleganiu', messageId: 'AE-MSG-2026-4411', fromAddress: 'AE:PL-12345-67890-ABCDE-12', receivedAt: '2026-12-03T13:05:00.000Z', sentAt: '2026-12-03T13:04:51.000Z' });
    expect(d.sender?.id).toBe(sender.id);
    expect(d.scans.map((s) => s.fileName)).toEqual(['wiadomosc-e-doreczen.pdf', 'wniosek.pdf']);
    expect(d.signatures).toEqual([expect.objectContaining({ intact: true, trusted: true, summary: expect.stringMatching(/^Dowód otrzymania \(e-Doręczenia\): Podpis XAdES złożył .*; podpis ważny, certyfikat zaufany\.$/) as string })]);
    const text = pdfText(p.ctx.blobs.read(d.scans[0]?.sha256 ?? '')).replace(/\s+/g, ' ');
    for (const words of ['Wiadomość e-Doręczeń', 'AE:PL-12345-67890-ABCDE-12', 'Zażółć gęślą jaźń', 'dowod-otrzymania.xml (Dowód otrzymania (e-Doręczenia))']) expect(text).toContain(words);
    // The ZIP as downloaded is inside the message's PDF, byte for byte.
    writeFileSync(join(dir, 'wiadomosc.pdf'), p.ctx.blobs.read(d.scans[0]?.sha256 ?? ''));
    execFileSync('pdfdetach', ['-save', '1', '-o', join(dir, 'oryginal.zip'), join(dir, 'wiadomosc.pdf')]);
    expect(Buffer.compare(readFileSync(join(dir, 'oryginal.zip')), Buffer.from(zip))).toBe(0);
  });

  it('a Polish description (metadane.xml) reads alike; the same message registered is warned about', async () => {
    const d = await read('wiadomosc-pl.zip', await message({ description: 'xml' }));
    expect([d.subject, d.fromName, d.fromAddress, d.messageId]).toEqual(['Wniosek o wydanie zaświadczenia o niezaleganiu', 'Spółdzielnia Mieszkaniowa „Łąka”', 'AE:PL-12345-67890-ABCDE-12', 'AE-MSG-2026-4411']);
    const gk = await unitId(p.ctx, 'GK');
    const letter = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { channel: 'edoreczenia', receivedAt: d.receivedAt ?? '', subject: d.subject, externalId: d.messageId, scans: d.scans.map((s) => ({ sha256: s.sha256, fileName: s.fileName })) }));
    const again = await read('wiadomosc.zip', zip);
    expect(again.duplicates.map((x) => x.label)).toEqual([letter.label]);
  });

  it('evidence changed after sealing proves nothing: no date taken from it, the seal shown invalid', async () => {
    const d = await read('zmieniony.zip', await message({}, (xml) => xml.replace('2026-12-03T14:05', '2026-12-02T14:05')));
    expect(d.receivedAt).toBeNull();
    expect(d.signatures[0]).toMatchObject({ intact: false, trusted: false });
  });

  it('refuses in Polish a ZIP without a description, too many files, or one that inflates past its bound', async () => {
    const noMeta = await callError(p.ctx, 'intake.readMessage', { fileName: 'x.zip' }, uploadOf(zipSync({ 'a.pdf': await onePagePdf('A') })));
    expect(noMeta.code).toBe('EDORECZENIA_NO_METADATA');
    const many = zipSync(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${String(i)}.txt`, new Uint8Array([1])])));
    expect((await callError(p.ctx, 'intake.readMessage', { fileName: 'x.zip' }, uploadOf(many))).code).toBe('EDORECZENIA_TOO_LARGE');
    // 70 MB of zeros packed into ~70 KB: refused by what the ZIP declares, before unpacking.
    const bomb = zipSync({ 'metadata.json': new TextEncoder().encode('{}'), 'zera.bin': new Uint8Array(70 * 1024 * 1024) }, { level: 9 });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const started = performance.now();
    expect((await callError(p.ctx, 'intake.readMessage', { fileName: 'x.zip' }, uploadOf(bomb))).code).toBe('EDORECZENIA_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('from the watched folder: the mail rule’s .eml and the gateway’s .zip are listed, read, and moved aside once registered', async () => {
    const folder = tempDir('udzial');
    await signIn(p.ctx, 'gszymanski');
    await call(p.ctx, 'admin.updateSettings', { ...(await call(p.ctx, 'admin.settings', {})), scanFolder: folder });
    await signIn(p.ctx, 'akowalska');
    const minuteAgo = new Date(Date.now() - 60_000);
    writeFileSync(join(folder, 'skrzynka-4412.zip'), await message({ messageId: 'AE-MSG-2026-4412' }));
    writeFileSync(join(folder, 'poczta.eml'), simpleMail({ fromName: 'Zofia Łąkowa', fromAddress: 'zofia@example.pl', subject: 'Pytanie o termin', date: minuteAgo, messageId: 'folder-1@example.pl', text: 'Dzień dobry', attachments: [] }));
    for (const f of ['skrzynka-4412.zip', 'poczta.eml']) utimesSync(join(folder, f), minuteAgo, minuteAgo);
    const inbox = await call(p.ctx, 'scans.inbox', {});
    expect(inbox.files.map((f) => f.name).sort()).toEqual(['poczta.eml', 'skrzynka-4412.zip']);
    const eml = await call(p.ctx, 'intake.readMessageFromInbox', { name: 'poczta.eml' });
    expect([eml.channel, eml.subject]).toEqual(['email', 'Pytanie o termin']);
    const d = await call(p.ctx, 'intake.readMessageFromInbox', { name: 'skrzynka-4412.zip' });
    expect([d.channel, d.messageId, d.sender?.id]).toEqual(['edoreczenia', 'AE-MSG-2026-4412', sender.id]);
    const gk = await unitId(p.ctx, 'GK');
    await call(p.ctx, 'intake.register', { ...letterInput(sender.id, gk, { channel: 'edoreczenia', receivedAt: d.receivedAt ?? '', subject: d.subject, externalId: d.messageId, acknowledgeDuplicates: true, scans: d.scans.map((s) => ({ sha256: s.sha256, fileName: s.fileName })) }), inboxFiles: ['skrzynka-4412.zip'] });
    expect(existsSync(join(folder, 'skrzynka-4412.zip'))).toBe(false);
    expect(existsSync(join(folder, 'zarejestrowane', 'skrzynka-4412.zip'))).toBe(true);
    expect((await call(p.ctx, 'scans.inbox', {})).files.map((f) => f.name)).toEqual(['poczta.eml']);
  });

  it('IT sees it from the command line: kancelaria intake inspect on the .zip, exit 0', () => {
    const file = join(dir, 'wiadomosc.zip');
    writeFileSync(file, zip);
    const r = runKancelaria(['intake', 'inspect', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('wiadomość e-Doręczeń (ZIP)');
    expect(r.stdout).toContain('AE:PL-12345-67890-ABCDE-12');
    expect(r.stdout).toContain('Dowód otrzymania (e-Doręczenia)');
  });
});
