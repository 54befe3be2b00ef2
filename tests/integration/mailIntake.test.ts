import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Party } from '#core/contract';
import { loadPkcs12 } from '#signing/pkcs12';
import { signPdf } from '#signing/pades';
import { makeTestPki } from '#tests/support/certificates';
import { base64Lines, emlBytes, encode, encodedWord, msgBytes, quotedPrintable } from '#tests/support/mail';
import { onePagePdf, pdfText, pngImage, jpegImage } from '#tests/support/pdfs';
import { runKancelaria } from '#tests/support/processes';
import { call, callError, letterInput, openDemoProfile, signIn, unitId, uploadOf, type TestProfile } from '#tests/support/profile';

// E-mails as Polish offices receive them, saved from the mail program as .eml or .msg: read
// into a registration the registry clerk only confirms.

const b64 = (b: Uint8Array) => base64Lines(b);

describe('an e-mail saved as a file becomes a registration to confirm', () => {
  let p: TestProfile;
  let zofia: Party;
  let gk: string;
  let wniosek: Uint8Array;
  let signed: Uint8Array;

  const read = (fileName: string, bytes: Uint8Array) => call(p.ctx, 'intake.readMessage', { fileName }, uploadOf(bytes));

  beforeAll(async () => {
    p = openDemoProfile();
    await signIn(p.ctx, 'akowalska');
    zofia = await call(p.ctx, 'parties.create', { kind: 'person', firstName: 'Zofia', lastName: 'Łąkowa', city: 'Przykładowo', email: 'Zofia.Lakowa@example.pl' });
    gk = await unitId(p.ctx, 'GK');
    wniosek = await onePagePdf('Wniosek o wydanie zaswiadczenia o przeznaczeniu dzialki');
    const pki = makeTestPki();
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawText('Pelnomocnictwo podpisane', { x: 72, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
    signed = await signPdf(await doc.save(), loadPkcs12(pki.ecdsa.p12, pki.ecdsa.password), { name: pki.ecdsa.commonName, signingTime: new Date() });
  });
  afterAll(() => p.close());

  // UTF-8, multipart/alternative inside multipart/mixed, quoted-printable text, a base64 subject,
  // an RFC 2231 file name in Polish, and a signed PDF.
  const utf8Message = () =>
    emlBytes([
      `From: ${encodedWord('Zofia Łąkowa', 'utf-8', 'Q')} <zofia.lakowa@example.pl>`,
      'To: kancelaria@przykladowo.pl',
      `Subject: ${encodedWord('Wniosek o wydanie zaświadczenia — ul. Źródlana', 'utf-8', 'B')}`,
      'Date: Tue, 01 Dec 2026 09:15:00 +0100',
      'Message-ID: <wniosek-1@poczta.example.pl>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="zewn"',
      '',
      '--zewn',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quotedPrintable(encode('Dzień dobry,\nproszę o wydanie zaświadczenia o przeznaczeniu działki nr 7/2 w Łące.\nZ poważaniem\nZofia Łąkowa', 'utf-8')),
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64(encode('<p>Dzień dobry,<br>proszę o wydanie zaświadczenia o przeznaczeniu działki nr 7/2 w Łące.</p>', 'utf-8')),
      '--alt--',
      '--zewn',
      'Content-Type: application/pdf',
      "Content-Disposition: attachment; filename*=UTF-8''wniosek%20%C5%BC%C3%B3%C5%82ty.pdf",
      'Content-Transfer-Encoding: base64',
      '',
      b64(wniosek),
      '--zewn',
      'Content-Type: application/pdf; name="pelnomocnictwo.pdf"',
      'Content-Disposition: attachment; filename="pelnomocnictwo.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(signed),
      '--zewn--',
    ]);

  it('UTF-8: sender, address, subject, date and text read; the sender found by address; the PDFs staged, the signature checked', async () => {
    const draft = await read('wniosek.eml', utf8Message());
    expect(draft).toMatchObject({ format: 'eml', messageId: 'wniosek-1@poczta.example.pl', fromName: 'Zofia Łąkowa', fromAddress: 'zofia.lakowa@example.pl', subject: 'Wniosek o wydanie zaświadczenia — ul. Źródlana', sentAt: '2026-12-01T08:15:00.000Z', duplicates: [], skipped: [] });
    expect(draft.excerpt).toContain('proszę o wydanie zaświadczenia o przeznaczeniu działki nr 7/2 w Łące.');
    expect(draft.sender?.id).toBe(zofia.id);
    expect(draft.scans.map((s) => [s.fileName, s.mime])).toEqual([
      ['wiadomosc-e-mail.pdf', 'application/pdf'],
      ['wniosek żółty.pdf', 'application/pdf'],
      ['pelnomocnictwo.pdf', 'application/pdf'],
    ]);
    expect(draft.scans[2]?.signatures).toHaveLength(1);
    expect(draft.scans[2]?.signatures[0]).toMatchObject({ intact: true });
    // The message itself, readable without a mail program, is the letter's first file.
    const text = pdfText(p.ctx.blobs.read(draft.scans[0]?.sha256 ?? ''));
    for (const words of ['Wiadomość e-mail', 'Zofia Łąkowa <zofia.lakowa@example.pl>', 'Wniosek o wydanie zaświadczenia — ul. Źródlana', '01.12.2026', 'wniosek żółty.pdf', 'przeznaczeniu działki nr 7/2 w Łące']) expect(text).toContain(words);
  });

  it('registered with its Message-ID; the same message read again is said to be registered, and is refused unless acknowledged', async () => {
    const draft = await read('wniosek.eml', utf8Message());
    const letter = await call(p.ctx, 'intake.register', letterInput(zofia.id, gk, { channel: 'email', subject: draft.subject, externalId: draft.messageId, scans: draft.scans.map((s) => ({ sha256: s.sha256, fileName: s.fileName })) }));
    expect(letter.scans.map((s) => s.fileName)).toEqual(['wiadomosc-e-mail.pdf', 'wniosek żółty.pdf', 'pelnomocnictwo.pdf']);
    const again = await read('kopia.eml', utf8Message());
    expect(again.duplicates.map((d) => [d.label, d.reason, d.message])).toEqual([[letter.label, 'same_message', `Tę samą wiadomość e-mail zarejestrowano już jako ${letter.label}.`]]);
    const twice = await callError(p.ctx, 'intake.register', letterInput(zofia.id, gk, { channel: 'email', subject: again.subject, externalId: again.messageId, scans: [] }));
    expect(twice.code).toBe('DUPLICATE_SUSPECTED');
    expect(twice.message).toContain(`Tę samą wiadomość e-mail zarejestrowano już jako ${letter.label}.`);
  });

  it('ISO-8859-2 in base64, with an encoded sender name and an image attachment named in ISO-8859-2', async () => {
    const png = pngImage(7);
    const draft = await read('iso.eml', emlBytes([
      `From: ${encodedWord('Paweł Żółkiewski', 'iso-8859-2', 'B')} <pawel@example.pl>`,
      `Subject: ${encodedWord('Skarga na hałas przy ul. Ślężnej', 'iso-8859-2', 'Q')}`,
      'Date: Wed, 02 Dec 2026 14:00:00 +0100',
      'Message-ID: <iso-1@example.pl>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=ISO-8859-2',
      'Content-Transfer-Encoding: base64',
      '',
      b64(encode('Zgłaszam uciążliwy hałas w nocy. Proszę o interwencję.', 'iso-8859-2')),
      '--b',
      `Content-Type: image/png; name="${encodedWord('zdjęcie ściany.png', 'iso-8859-2', 'Q')}"`,
      'Content-Disposition: attachment',
      'Content-Transfer-Encoding: base64',
      '',
      b64(png),
      '--b--',
    ]));
    expect([draft.fromName, draft.subject, draft.sender]).toEqual(['Paweł Żółkiewski', 'Skarga na hałas przy ul. Ślężnej', null]);
    expect(draft.excerpt).toBe('Zgłaszam uciążliwy hałas w nocy. Proszę o interwencję.');
    expect(draft.scans.map((s) => [s.fileName, s.mime])).toEqual([['wiadomosc-e-mail.pdf', 'application/pdf'], ['zdjęcie ściany.png', 'image/png']]);
  });

  it('Windows-1250 HTML only, quoted-printable: the text read from the HTML, the logo in the text and a Word file left out, each with why', async () => {
    const draft = await read('cp1250.eml', emlBytes([
      'From: "Spółdzielnia Mieszkaniowa" <biuro@sm.example.pl>',
      `Subject: ${encodedWord('Odpowiedź na wezwanie — uzupełnienie braków', 'windows-1250', 'Q')}`,
      'Date: Thu, 03 Dec 2026 08:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="m"',
      '',
      '--m',
      'Content-Type: multipart/related; boundary="r"',
      '',
      '--r',
      'Content-Type: text/html; charset=windows-1250',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quotedPrintable(encode('<html><body><p>W odpowiedzi na wezwanie przesyłamy żądane dokumenty.</p><img src="cid:logo@sm"></body></html>', 'windows-1250')),
      '--r',
      'Content-Type: image/png; name="logo.png"',
      'Content-Disposition: inline; filename="logo.png"',
      'Content-ID: <logo@sm>',
      'Content-Transfer-Encoding: base64',
      '',
      b64(pngImage(3)),
      '--r--',
      '--m',
      'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="uzasadnienie.docx"',
      'Content-Disposition: attachment; filename="uzasadnienie.docx"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(new TextEncoder().encode('PK\u0003\u0004 nie dokument skanu')),
      '--m--',
    ]));
    expect(draft.subject).toBe('Odpowiedź na wezwanie — uzupełnienie braków');
    expect(draft.excerpt).toContain('W odpowiedzi na wezwanie przesyłamy żądane dokumenty.');
    expect(draft.messageId).toBeNull();
    expect(draft.scans.map((s) => s.fileName)).toEqual(['wiadomosc-e-mail.pdf']);
    expect(draft.skipped.map((x) => x.fileName)).toEqual(['logo.png', 'uzasadnienie.docx']);
    expect(draft.skipped[0]?.reason).toMatch(/obraz w treści/);
    expect(draft.skipped[1]?.reason).toMatch(/nie PDF ani obraz/);
  });

  it('a message forwarded as an attachment (message/rfc822): its text and its PDF come too', async () => {
    const inner = emlBytes([
      'From: Jan Nowak <jan@example.pl>',
      'Subject: =?UTF-8?Q?Pierwotny_wniosek?=',
      'Date: Mon, 30 Nov 2026 10:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="i"',
      '',
      '--i',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Treść pierwotna.',
      '--i',
      'Content-Type: application/pdf; name="mapa.pdf"',
      'Content-Disposition: attachment; filename="mapa.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(await onePagePdf('Mapa do celow projektowych')),
      '--i--',
    ]);
    const draft = await read('przekazana.eml', emlBytes([
      'From: Sekretariat <sekretariat@przykladowo.pl>',
      'Subject: Fwd: Pierwotny wniosek',
      'Date: Tue, 01 Dec 2026 11:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="o"',
      '',
      '--o',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Przekazuję wiadomość do rejestracji.',
      '--o',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment; filename="wniosek.eml"',
      '',
      new TextDecoder().decode(inner),
      '--o--',
    ]));
    expect(draft.scans.map((s) => s.fileName)).toEqual(['wiadomosc-e-mail.pdf', 'wiadomosc-e-mail-zalaczona-1.pdf', 'mapa.pdf']);
    expect(pdfText(p.ctx.blobs.read(draft.scans[1]?.sha256 ?? ''))).toContain('Pierwotny wniosek');
  });

  it('an Outlook .msg with a PDF and a photo', async () => {
    const draft = await read('wiadomosc.msg', msgBytes({
      subject: 'Wniosek o dowód — Świętochłowice',
      senderName: 'Łucja Świątek',
      senderEmail: 'Lucja.Swiatek@example.pl',
      body: 'W załączeniu wniosek i zdjęcie.\r\nŁucja',
      messageId: 'outlook-1@example.pl',
      sentAt: new Date('2026-12-04T07:30:00Z'),
      attachments: [
        { fileName: 'wniosek ąę.pdf', bytes: await onePagePdf('Wniosek z Outlooka') },
        { fileName: 'zdjęcie.jpg', bytes: jpegImage('fotografia') },
      ],
    }));
    expect(draft).toMatchObject({ format: 'msg', messageId: 'outlook-1@example.pl', fromName: 'Łucja Świątek', fromAddress: 'lucja.swiatek@example.pl', subject: 'Wniosek o dowód — Świętochłowice', sentAt: '2026-12-04T07:30:00.000Z' });
    expect(draft.excerpt).toBe('W załączeniu wniosek i zdjęcie. Łucja');
    expect(draft.scans.map((s) => [s.fileName, s.mime])).toEqual([['wiadomosc-e-mail.pdf', 'application/pdf'], ['wniosek ąę.pdf', 'application/pdf'], ['zdjęcie.jpg', 'image/jpeg']]);
  });

  it('a file that is no message, a damaged .msg, and a message with too many parts are refused in Polish, nothing staged', async () => {
    const before = p.ctx.store.sqlite.prepare('SELECT count(*) FROM blobs').pluck().get();
    const notMail = await callError(p.ctx, 'intake.readMessage', { fileName: 'skan.eml' }, uploadOf(await onePagePdf('To jest PDF')));
    expect(notMail.message).toBe('Ten plik nie jest wiadomością e-mail (.eml ani .msg). Wybierz plik zapisany z programu pocztowego.');
    const msg = msgBytes({ subject: 'x', senderName: 'x', senderEmail: 'x@example.pl', body: 'x', messageId: null, sentAt: new Date(), attachments: [] });
    const damaged = await callError(p.ctx, 'intake.readMessage', { fileName: 'uszkodzona.msg' }, uploadOf(msg.subarray(0, 700)));
    expect(damaged.code).toBe('MAIL_UNREADABLE');
    expect(damaged.message).toMatch(/^Tego pliku wiadomości nie da się odczytać/);
    const parts = Array.from({ length: 201 }, (_, i) => [`--p`, `Content-Type: text/csv; name="t${String(i)}.csv"`, 'Content-Disposition: attachment', '', 'a,b']).flat();
    const many = await callError(p.ctx, 'intake.readMessage', { fileName: 'duzo.eml' }, uploadOf(emlBytes(['From: a@example.pl', 'Subject: dużo', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="p"', '', ...parts, '--p--'])));
    expect(many.code).toBe('MAIL_TOO_MANY_PARTS');
    expect(p.ctx.store.sqlite.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(before);
  });

  it('IT sees the same from the command line: kancelaria intake inspect, exit 0; a file that is no message, exit 2 in Polish', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kancelaria-mail-'));
    writeFileSync(join(dir, 'wniosek.eml'), utf8Message());
    const ok = runKancelaria(['intake', 'inspect', join(dir, 'wniosek.eml')]);
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    for (const line of ['Od:           Zofia Łąkowa <zofia.lakowa@example.pl>', 'Temat:        Wniosek o wydanie zaświadczenia — ul. Źródlana', 'Message-ID:   wniosek-1@poczta.example.pl', '✓ wniosek żółty.pdf (application/pdf,', '✓ pelnomocnictwo.pdf']) expect(ok.stdout).toContain(line);
    expect(ok.stdout).toMatch(/podpis: .+/);
    const json = runKancelaria(['intake', 'inspect', join(dir, 'wniosek.eml'), '--json']);
    expect((JSON.parse(json.stdout) as { attachments: { fileName: string }[] }).attachments.map((a) => a.fileName)).toEqual(['wniosek żółty.pdf', 'pelnomocnictwo.pdf']);
    writeFileSync(join(dir, 'zdjecie.eml'), pngImage(1));
    const bad = runKancelaria(['intake', 'inspect', join(dir, 'zdjecie.eml')]);
    expect([bad.status, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toBe('Ten plik nie jest wiadomością e-mail (.eml ani .msg). Wybierz plik zapisany z programu pocztowego.\n');
  });

  it('a clerk does not read mail into the register', async () => {
    await signIn(p.ctx, 'tlukasik');
    expect((await callError(p.ctx, 'intake.readMessage', { fileName: 'wniosek.eml' }, uploadOf(utf8Message()))).code).toBe('FORBIDDEN');
    await signIn(p.ctx, 'akowalska');
  });
});
