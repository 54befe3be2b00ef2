import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionDetail, OutgoingRow, Party } from '#core/contract';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { approvedDecision } from '#tests/support/decisions';
import { edoreczeniaEvidenceXml, signEpuap, updXml } from '#tests/support/epuap';
import { runKancelaria } from '#tests/support/processes';
import { call, callError, openDemoProfile, signIn, signWithP12, tempDir, uploadOf, type TestProfile, trustRoots } from '#tests/support/profile';

/*
 * Item 4 of "The letter's whole life", electronic side: the provider's sealed evidence — an
 * e-Doręczenia dowód or an ePUAP UPD — records the delivery of a decision sent electronically,
 * found by the digest of the signed document or the number it was sent under; a forged or
 * unsealed file records nothing. The appeal period then runs from the day the evidence says.
 */
describe('electronic delivery recorded from the provider’s evidence', () => {
  let now = new Date('2026-10-30T09:00:00Z');
  let p: TestProfile;
  let pki: TestPki;
  let d: DecisionDetail;
  let anna: Party;
  let jan: Party;
  const sent = new Map<string, OutgoingRow>();
  const dir = tempDir('dowody');
  const importEvidence = (fileName: string, bytes: Uint8Array, letterId: string | null = null) => call(p.ctx, 'outgoing.importEvidence', { fileName, letterId }, uploadOf(bytes));
  const refused = (fileName: string, bytes: Uint8Array) => callError(p.ctx, 'outgoing.importEvidence', { fileName, letterId: null }, uploadOf(bytes));
  const seal = (xml: string) => signEpuap(xml, pki, pki.rsa);
  const letterOf = (who: Party) => sent.get(who.id) ?? (() => { throw new Error(who.name); })();
  const row = async (who: Party) => (await call(p.ctx, 'outgoing.list', { from: '2026-10-01', to: '2026-12-31' })).find((r) => r.id === letterOf(who).id);

  beforeAll(async () => {
    pki = makeTestPki(now);
    p = openDemoProfile({ clock: () => now });
    await trustRoots(p.ctx, [pki.root.pem]);
    anna = await call(p.ctx, 'parties.create', { kind: 'person', firstName: 'Anna', lastName: 'Kowalczyk', city: 'Łąka', electronicAddress: 'AE:PL-12345-67890-ABCDE-12' });
    jan = await call(p.ctx, 'parties.create', { kind: 'person', firstName: 'Jan', lastName: 'Wróbel', city: 'Łąka', electronicAddress: '/jwrobel/skrytka' });
    await signIn(p.ctx, 'tlukasik');
    const caseId = (await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — Lipowa 3', deadlineKind: 'kpa35-standard', partyIds: [anna.id, jan.id] })).id;
    d = await approvedDecision(p, caseId, 'Ustalam warunki zabudowy dla garażu.');
    const [signed] = await signWithP12(p.ctx, [d.id], Buffer.from(pki.rsa.p12).toString('base64'), pki.rsa.password);
    expect(signed?.ok).toBe(true);
    await signIn(p.ctx, 'akowalska');
    for (const item of await call(p.ctx, 'dispatch.awaiting', {})) {
      const who = item.addresseeName.includes('Kowalczyk') ? anna : jan;
      sent.set(who.id, await call(p.ctx, 'dispatch.send', { itemId: item.id, channel: who === anna ? 'edoreczenia' : 'epuap', dispatchedOn: '2026-10-30' }));
    }
    expect(sent.size).toBe(2);
  }, 120_000);
  afterAll(() => p.close());

  it('e-Doręczenia: the dowód wysłania, then the dowód otrzymania, found by the signed document’s SHA-256; finality counts from the receipt', async () => {
    now = new Date('2026-11-03T10:00:00Z');
    const letter = letterOf(anna);
    const digestHex = letter.documents[0]?.sha256 ?? '';
    expect(digestHex).toMatch(/^[0-9a-f]{64}$/);
    const first = await importEvidence('dowod-wyslania.xml', await seal(edoreczeniaEvidenceXml({ event: 'SubmissionAcceptance', at: '2026-10-30T11:02:00+01:00', messageId: 'ADE-2026-000123', digestHex, recipient: 'AE:PL-12345-67890-ABCDE-12' })));
    expect(first.letter.id).toBe(letter.id);
    expect(first.letter.delivery).toMatchObject({ kind: 'electronic', sentOn: '2026-10-30', receivedOn: null });
    expect(first.evidence).toMatchObject({ title: 'Dowód wysłania (e-Doręczenia)', event: 'sent' });
    expect(first.evidence.verdict).toContain('certyfikat zaufany');

    const receipt = await seal(edoreczeniaEvidenceXml({ event: 'ContentConsignment', at: '2026-11-02T07:40:00+01:00', messageId: 'ADE-2026-000123', digestHex, recipient: 'AE:PL-12345-67890-ABCDE-12' }));
    const second = await importEvidence('dowod-otrzymania.xml', receipt);
    expect(second.letter.delivery).toMatchObject({ kind: 'electronic', sentOn: '2026-10-30', receivedOn: '2026-11-02' });
    expect(second.letter.delivery?.kind === 'electronic' ? second.letter.delivery.evidence.map((e) => e.event) : []).toEqual(['sent', 'received']);
    expect(second.letter.delivered?.on).toBe('2026-11-02');
    // The same file again records nothing new.
    expect((await importEvidence('dowod-otrzymania.xml', receipt)).already).toBe(true);

    // The decision's finality for Anna counts from 2 November: 14 days → 16 November.
    const party = (await call(p.ctx, 'decisions.get', { id: d.id })).finality?.parties.find((x) => x.name.includes('Kowalczyk'));
    expect(party).toMatchObject({ deliveredOn: '2026-11-02', appealEnd: '2026-11-16' });

    // The evidence is kept: a PDF saying what it proves, the sealed XML inside it byte for byte.
    const kept = second.letter.delivery?.kind === 'electronic' ? second.letter.delivery.evidence[1] : undefined;
    const pdf = await call(p.ctx, 'scans.blob', { sha256: kept?.sha256 ?? '' });
    writeFileSync(join(dir, 'dowod.pdf'), pdf.bytes);
    const text = execFileSync('pdftotext', [join(dir, 'dowod.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Dowód otrzymania (e-Doręczenia)');
    expect(text).toContain('AE:PL-12345-67890-ABCDE-12');
    execFileSync('pdfdetach', ['-save', '1', '-o', join(dir, 'dowod.xml'), join(dir, 'dowod.pdf')]);
    expect(Buffer.compare(readFileSync(join(dir, 'dowod.xml')), Buffer.from(receipt))).toBe(0);
  });

  it('ePUAP: the UPD records the day the addressee took the document, found by its digest', async () => {
    const letter = letterOf(jan);
    const r = await importEvidence('upd.xml', await seal(updXml({ deliveredAt: '2026-11-03T08:15:00+01:00', recipient: 'Jan Wróbel', documentId: 'EPUAP-DOC-77', digestHex: letter.documents[0]?.sha256 ?? '' })));
    expect(r.letter.id).toBe(letter.id);
    expect(r.letter.delivery).toMatchObject({ kind: 'electronic', sentOn: '2026-10-30', receivedOn: '2026-11-03' });
    expect(r.evidence.title).toBe('Urzędowe poświadczenie doręczenia (ePUAP)');
    expect((await row(jan))?.delivered?.on).toBe('2026-11-03');
  });

  it('records nothing from a forged, an unsealed, an unknown or a UPP file, and says why in Polish', async () => {
    const before = JSON.stringify([await row(anna), await row(jan)]);
    const digestHex = letterOf(anna).documents[0]?.sha256 ?? '';
    const genuine = new TextDecoder().decode(await seal(edoreczeniaEvidenceXml({ event: 'ContentConsignment', at: '2026-11-01T07:40:00+01:00', messageId: 'ADE-2026-000124', digestHex, recipient: 'AE:PL-12345-67890-ABCDE-12' })));
    // One day earlier written into a sealed evidence: the seal no longer holds.
    const forged = await refused('podrobiony.xml', new TextEncoder().encode(genuine.replace('2026-11-01T07:40', '2026-10-31T07:40')));
    expect(forged.code).toBe('EVIDENCE_SIGNATURE_INVALID');
    expect(forged.message).toMatch(/^Dowód otrzymania \(e-Doręczenia\) ma NIEWAŻNĄ pieczęć: .* Nic nie zapisano\./);
    const unsealed = await refused('bez-pieczeci.xml', new TextEncoder().encode(edoreczeniaEvidenceXml({ event: 'ContentConsignment', at: '2026-11-01T07:40:00+01:00', messageId: 'X', digestHex, recipient: 'AE:PL-12345-67890-ABCDE-12' })));
    expect(unsealed.code).toBe('EVIDENCE_UNSIGNED');
    const stranger = await refused('obcy.xml', await seal(edoreczeniaEvidenceXml({ event: 'ContentConsignment', at: '2026-11-01T07:40:00+01:00', messageId: 'ADE-9', digestHex: 'ab'.repeat(32), recipient: 'AE:PL-99999-99999-ZZZZZ-99' })));
    expect(stranger.code).toBe('EVIDENCE_NO_LETTER');
    expect(stranger.message).toContain('ADE-9');
    const upp = await refused('upp.xml', await seal('<upp:UPP xmlns:upp="http://www.epuap.gov.pl/upp/"><upp:DataZlozenia>2026-11-01</upp:DataZlozenia></upp:UPP>'));
    expect(upp.code).toBe('EVIDENCE_IS_UPP');
    expect((await refused('nie-xml.xml', new TextEncoder().encode('%PDF-1.7'))).code).toBe('EVIDENCE_NOT_XML');
    expect(JSON.stringify([await row(anna), await row(jan)])).toBe(before);
  });

  it('IT sees an evidence from the command line: kancelaria intake inspect, exit 0', async () => {
    const file = join(dir, 'dowod-otrzymania.xml');
    writeFileSync(file, await seal(edoreczeniaEvidenceXml({ event: 'ContentHandover', at: '2026-11-02T07:40:00+01:00', messageId: 'ADE-2026-000125', recipient: 'AE:PL-12345-67890-ABCDE-12' })));
    const r = runKancelaria(['intake', 'inspect', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Dowód otrzymania (e-Doręczenia)');
    expect(r.stdout).toContain('ADE-2026-000125');
  });
});
