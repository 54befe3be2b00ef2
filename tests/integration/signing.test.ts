import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, PDFRef, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedDocumentFonts } from '#documents/fonts';
import { tlvLength } from '#signing/asn1';
import { parseCertificate } from '#signing/certificate';
import { signPdf } from '#signing/pades';
import { appendUpdate, openRevision } from '#signing/pdfIncremental';
import { loadPkcs12, type Signer } from '#signing/pkcs12';
import { verifyPdf, type PdfVerification } from '#signing/verify';
import { makeNssDb, makeTestPki, type TestPki, type TestSigner } from '#tests/support/certificates';
import { encryptedPdf } from '#tests/support/pdfs';
import { rejected } from '#tests/support/thrown';

// Every signed file is checked by two verifiers that share no code with ours: poppler's
// `pdfsig` (NSS) on the whole PDF, and `openssl cms -verify` on the CMS and the signed bytes
// cut out at the ranges pdfsig reports. Our verifier must agree with pdfsig on every check
// they both make. The files are kept under artifacts/pdf/ for a person to open.

const artifacts = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const pdfDir = `${artifacts}pdf/`;
const pngDir = `${artifacts}png/`;

let pki: TestPki;
let rsa: Signer;
let ecdsa: Signer;
let work: string;
/** An NSS database with no trusted roots: pdfsig's view when nobody is trusted. */
let emptyNss: string;
/** A two-page decision as documents/ would make it (object streams, DejaVu subset). */
let decision: Uint8Array;

async function twoPageDecision(opts: { objectStreams?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date('2026-11-20T09:00:00Z'));
  doc.setModificationDate(new Date('2026-11-20T09:00:00Z'));
  const fonts = await embedDocumentFonts(doc);
  const words = (
    'Na podstawie art. 104 Kodeksu postępowania administracyjnego, po rozpatrzeniu wniosku Zażółć Gęślą Jaźń Sp. z o.o., ' +
    'orzeka się o ustaleniu środowiskowych uwarunkowań dla przedsięwzięcia polegającego na budowie hali magazynowej na działce ' +
    'nr 1234/5 w obrębie Łódź-Bałuty. '
  )
    .repeat(18)
    .split(' ');
  const lines: string[] = [''];
  for (const word of words) {
    const current = lines[lines.length - 1] ?? '';
    if (fonts.regular.widthOfTextAtSize(`${current} ${word}`, 10) > 450) lines.push(word);
    else lines[lines.length - 1] = current === '' ? word : `${current} ${word}`;
  }
  for (let p = 1; p <= 2; p++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(p === 1 ? 'DECYZJA nr GK.6730.12.2026' : 'UZASADNIENIE', { x: 72, y: 770, size: 14, font: fonts.bold });
    lines.slice((p - 1) * 34, p * 34).forEach((line, i) => {
      page.drawText(line, { x: 72, y: 740 - i * 16, size: 10, font: fonts.regular, color: rgb(0, 0, 0) });
    });
    page.drawText(`Strona ${p} z 2`, { x: 270, y: 40, size: 9, font: fonts.regular });
  }
  return doc.save({ useObjectStreams: opts.objectStreams ?? true });
}

// --- pdfsig -------------------------------------------------------------------------------------

type PdfsigSignature = {
  fieldName: string;
  commonName: string;
  signingTime: string;
  hash: string;
  type: string;
  ranges: Array<[number, number]>;
  total: boolean;
  validation: string;
  certificate: string;
};

function pdfsig(file: string, nssDir: string): PdfsigSignature[] {
  // pdfsig's exit status says nothing about validity; the report is on stdout.
  const out = spawnSync('pdfsig', ['-nssdir', nssDir, file], { encoding: 'utf8' }).stdout;
  return out
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => {
      const field = (name: string) => new RegExp(`^  - ${name}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
      const ranges = [...field('Signed Ranges').matchAll(/\[(\d+) - (\d+)\]/g)].map((m): [number, number] => [Number(m[1]), Number(m[2])]);
      return {
        fieldName: field('Signature Field Name'),
        commonName: field('Signer Certificate Common Name'),
        signingTime: field('Signing Time'),
        hash: field('Signing Hash Algorithm'),
        type: field('Signature Type'),
        ranges,
        total: /^ {2}- Total document signed$/m.test(block),
        validation: field('Signature Validation'),
        certificate: field('Certificate Validation'),
      };
    });
}

/** `openssl cms -verify` on signature `sig`, cut out of `bytes` at the ranges pdfsig reports. */
function opensslVerify(bytes: Uint8Array, sig: PdfsigSignature, name: string): { ok: boolean; output: string } {
  const [first, second] = sig.ranges;
  if (first === undefined || second === undefined) throw new Error('pdfsig reported no ranges');
  const hex = Buffer.from(bytes.subarray(first[1] + 1, second[0] - 1)).toString('latin1');
  const der = Buffer.from(hex, 'hex');
  const p7s = join(work, `${name}.p7s`);
  const data = join(work, `${name}.bin`);
  writeFileSync(p7s, der.subarray(0, tlvLength(der)));
  writeFileSync(data, Buffer.concat([bytes.subarray(first[0], first[1]), bytes.subarray(second[0], second[1])]));
  const result = spawnSync(
    'openssl',
    ['cms', '-verify', '-inform', 'DER', '-in', p7s, '-content', data, '-binary', '-CAfile', pki.root.file, '-purpose', 'any', '-out', '/dev/null'],
    { encoding: 'utf8' },
  );
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** Our verifier and pdfsig, check by check. */
function expectAgreement(ours: PdfVerification, theirs: PdfsigSignature[], trusted: boolean): void {
  expect(ours.signatures.map((s) => s.fieldName)).toEqual(theirs.map((s) => s.fieldName));
  ours.signatures.forEach((s, i) => {
    const p = theirs[i];
    if (p === undefined) throw new Error(`pdfsig lists no signature #${i + 1}`);
    expect(s.signerName, 'signer CN').toBe(p.commonName);
    expect(s.checks.digestMatches && s.checks.signatureValid, `signature ${i + 1}: ${p.validation}`).toBe(p.validation === 'Signature is Valid.');
    expect(!s.checks.digestMatches, `digest ${i + 1}`).toBe(p.validation === 'Digest Mismatch.');
    expect(s.coverage === 'whole-file', `coverage ${i + 1}`).toBe(p.total);
    expect(s.byteRange).toEqual(p.ranges.flatMap(([from, to]) => [from, to - from]));
    expect(s.hashAlgorithm).toBe(p.hash);
    expect(s.subFilter).toBe(p.type);
    // pdfsig skips certificate validation after a digest mismatch. And poppler 22.12 with NSS
    // fails to validate a certificate it has already met in the same file ("Unknown issue…"):
    // two signatures made by pdfsig itself with one key show the same, so that is not ours.
    const repeated = ours.signatures.slice(0, i).some((earlier) => earlier.signerName === s.signerName);
    if (p.certificate === '' || (repeated && p.certificate.startsWith('Unknown issue'))) return;
    if (trusted) {
      // pdfsig validates the certificate now; "Expired" covers not yet valid too (NSS).
      expect(s.checks.chainTrusted && s.checks.certificateValidNow, `trust ${i + 1}: ${p.certificate}`).toBe(p.certificate === 'Certificate is Trusted.');
      if (p.certificate === 'Certificate has Expired') expect(s.checks.certificateValidNow).toBe(false);
      if (p.certificate.includes('issuer')) expect(s.checks.chainTrusted).toBe(false);
    } else {
      expect(p.certificate).not.toBe('Certificate is Trusted.');
    }
  });
}

/** Signs `input` with poppler (`pdfsig -add-signature`, adbe.pkcs7.detached) using a test signer's key. */
function popplerSign(input: Uint8Array, who: TestSigner, field: string): Uint8Array {
  const base = mkdtempSync(join(work, 'poppler-'));
  const nssDir = makeNssDb(base, pki.root.file);
  execFileSync('pk12util', ['-i', join(pki.dir, `${who.id}.p12`), '-d', nssDir, '-W', who.password, '-K', ''], { stdio: 'ignore' });
  const inFile = join(base, 'in.pdf');
  const outFile = join(base, 'out.pdf');
  writeFileSync(inFile, input);
  execFileSync('pdfsig', ['-nssdir', nssDir, '-add-signature', '-nick', who.commonName, '-new-signature-field-name', field, inFile, outFile], {
    stdio: 'ignore',
  });
  return new Uint8Array(readFileSync(outFile));
}

function keep(name: string, bytes: Uint8Array): string {
  const file = `${pdfDir}${name}.pdf`;
  writeFileSync(file, bytes);
  return file;
}

async function ours(bytes: Uint8Array, trusted = true): Promise<PdfVerification> {
  return verifyPdf(bytes, { trustedRoots: trusted ? [pki.root.pem] : [] });
}

function expectAllValid(result: PdfVerification): void {
  for (const s of result.signatures) expect(s.problems, s.summary).toEqual([]);
  expect(result.valid).toBe(true);
}

const refusal = rejected;

beforeAll(async () => {
  mkdirSync(pdfDir, { recursive: true });
  mkdirSync(pngDir, { recursive: true });
  pki = makeTestPki();
  work = mkdtempSync(join(tmpdir(), 'kancelaria-signing-'));
  mkdirSync(join(work, 'empty'));
  emptyNss = `sql:${join(work, 'empty')}`;
  execFileSync('certutil', ['-N', '-d', emptyNss, '--empty-password'], { stdio: 'ignore' });
  rsa = loadPkcs12(pki.rsa.p12, pki.rsa.password);
  ecdsa = loadPkcs12(pki.ecdsa.p12, pki.ecdsa.password);
  decision = await twoPageDecision();
});

afterAll(() => {
  // Keys and NSS databases are thrown away with their directories; the PDFs stay in artifacts/.
  rmSync(pki.dir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('PKCS#12', () => {
  it('opens RSA and ECDSA files made by OpenSSL 3 (AES-256, Polish letters in the password)', () => {
    expect(rsa.keyType).toBe('rsa');
    expect(ecdsa.keyType).toBe('ec');
    expect(rsa.certificate.der.equals(pki.rsa.certDer)).toBe(true);
    expect(ecdsa.certificate.der.equals(pki.ecdsa.certDer)).toBe(true);
    expect(rsa.certificate.subject.commonName).toBe('Katarzyna Zielińska');
    expect(rsa.certificate.subject.serialNumber).toBe('PNOPL-44051401359');
    expect(ecdsa.certificate.subject.commonName).toBe('Jan Żółkiewski');
    // Nearest issuer first: the intermediate, then the root.
    expect(rsa.chain[0]?.equals(pki.intermediate.der)).toBe(true);
    expect(rsa.chain[1]?.equals(pki.root.der)).toBe(true);
  });

  it('refuses a wrong password, an expired, a not yet valid and an encryption-only certificate — in Polish, by code', async () => {
    const wrong = await refusal(() => loadPkcs12(pki.rsa.p12, 'Tajne-haslo-1'));
    expect(wrong.code).toBe('SIGN_WRONG_PASSWORD');
    expect(wrong.message).toMatch(/Hasło do pliku z certyfikatem jest nieprawidłowe/);

    const expired = await refusal(() => loadPkcs12(pki.expired.p12, pki.expired.password));
    expect(expired.code).toBe('SIGN_CERT_EXPIRED');
    expect(expired.message).toMatch(/^Certyfikat „Grzegorz Brzęczyszczykiewicz” wygasł \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);

    const early = await refusal(() => loadPkcs12(pki.notYetValid.p12, pki.notYetValid.password));
    expect(early.code).toBe('SIGN_CERT_NOT_YET_VALID');
    expect(early.message).toMatch(/^Certyfikat „Łucja Ślęzak” jest ważny dopiero od \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);

    const usage = await refusal(() => loadPkcs12(pki.keyEncipherment.p12, pki.keyEncipherment.password));
    expect(usage.code).toBe('SIGN_CERT_KEY_USAGE');
    expect(usage.message).toMatch(/„Anna Wiśniewska” nie służy do składania podpisu/);

    const garbage = await refusal(() => loadPkcs12(new TextEncoder().encode('to nie jest plik PKCS#12'), 'x'));
    expect(garbage.code).toBe('SIGN_P12_INVALID');
  });

  it('refuses to sign with a signing time outside the certificate validity', async () => {
    const later = new Date(rsa.certificate.notAfter.getTime() + 86_400_000);
    const refused = await refusal(() => signPdf(decision, rsa, { name: 'Katarzyna Zielińska', signingTime: later }));
    expect(refused.code).toBe('SIGN_CERT_EXPIRED');
  });
});

describe('one signature', () => {
  for (const kind of ['rsa', 'ecdsa'] as const) {
    it(`${kind.toUpperCase()}: pdfsig and openssl accept it, the chain is trusted, our verifier agrees`, async () => {
      const signer = kind === 'rsa' ? rsa : ecdsa;
      const signed = await signPdf(decision, signer, {
        name: signer.certificate.label,
        reason: 'Wydanie decyzji GK.6730.12.2026',
        location: 'Urząd Gminy Zażółć, Łódź',
        signingTime: new Date(),
      });
      const file = keep(`signed-${kind}`, signed);

      const trusted = pdfsig(file, pki.nssDir);
      expect(trusted).toHaveLength(1);
      expect(trusted[0]).toMatchObject({
        commonName: signer.certificate.label,
        hash: 'SHA-256',
        type: 'ETSI.CAdES.detached',
        total: true,
        validation: 'Signature is Valid.',
        certificate: 'Certificate is Trusted.',
      });
      const result = await ours(signed);
      expectAllValid(result);
      expectAgreement(result, trusted, true);

      const sig = trusted[0];
      if (sig === undefined) throw new Error('unreachable');
      const cms = opensslVerify(signed, sig, `one-${kind}`);
      expect(cms.output).toMatch(/Verification successful/);
      expect(cms.ok).toBe(true);

      // Without the root in NSS, pdfsig still finds the signature valid but not trusted; so do we.
      const untrusted = pdfsig(file, emptyNss);
      expect(untrusted[0]?.validation).toBe('Signature is Valid.');
      const ourUntrusted = await ours(signed, false);
      expect(ourUntrusted.signatures[0]?.checks.chainTrusted).toBe(false);
      expectAgreement(ourUntrusted, untrusted, false);

      const s = result.signatures[0];
      expect(s).toMatchObject({
        signerName: signer.certificate.label,
        subjectSerialNumber: kind === 'rsa' ? 'PNOPL-44051401359' : 'PNOPL-83011203218',
        signatureAlgorithm: kind === 'rsa' ? 'RSA' : 'ECDSA',
        reason: 'Wydanie decyzji GK.6730.12.2026',
        location: 'Urząd Gminy Zażółć, Łódź',
        coverage: 'whole-file',
        warnings: [],
      });
      expect(s?.chain).toEqual([signer.certificate.label, 'Test CA Kwalifikowane Łódź', 'Test Root CA Kancelaria']);
      expect(s?.summary).toMatch(/^Podpis 1 \(Podpis1\): .+ \(PNOPL-\d{11}\), złożony .+ — ważny: dokument nie był zmieniany po podpisaniu/);
    });
  }

  it('keeps a Polish /Name intact (UTF-16BE), shown with the certificate name by pdfsig', async () => {
    const name = 'Grażyna Łęcka-Żółć, Wójt Gminy Zażółć';
    const signed = await signPdf(decision, rsa, { name, signingTime: new Date('2026-11-20T10:15:00Z') });
    const file = keep('signed-polish-name', signed);
    // Read /Name straight from the bytes, without any PDF library.
    const hex = /\/Name <FEFF([0-9A-F]+)>/.exec(Buffer.from(signed).toString('latin1'))?.[1];
    const utf16 = Buffer.from(hex ?? '', 'hex');
    utf16.swap16();
    expect(utf16.toString('utf16le')).toBe(name);

    const result = await ours(signed);
    expect(result.signatures[0]?.nameInDictionary).toBe(name);
    expect(result.signatures[0]?.signingTime?.toISOString()).toBe('2026-11-20T10:15:00.000Z');
    const theirs = pdfsig(file, pki.nssDir);
    expect(theirs[0]?.commonName).toBe('Katarzyna Zielińska');
    // pdfsig prints /M in the machine's zone; compare the wall-clock minutes of that zone.
    expect(theirs[0]?.signingTime).toBe(pdfsigTime(new Date('2026-11-20T10:15:00Z')));
    expectAgreement(result, theirs, true);
  });
});

/** pdfsig's "Nov 20 2026 11:15:00" for `date` in the local zone. */
function pdfsigTime(date: Date): string {
  const month = date.toLocaleString('en-US', { month: 'short' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${month} ${pad(date.getDate())} ${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

describe('changes after signing', () => {
  it('a byte changed in the signed range: Digest Mismatch in pdfsig, openssl fails, our verifier says so', async () => {
    const signed = Buffer.from(await signPdf(decision, ecdsa, { name: 'Jan Żółkiewski', signingTime: new Date() }));
    // Move the page's lower edge by a hundredth of a point: the kind of change nobody sees.
    const at = signed.indexOf('841.89', 0, 'latin1');
    expect(at).toBeGreaterThan(0);
    signed.write('841.88', at, 'latin1');
    const file = keep('signed-tampered', signed);

    const theirs = pdfsig(file, pki.nssDir);
    expect(theirs[0]?.validation).toBe('Digest Mismatch.');
    const sig = theirs[0];
    if (sig === undefined) throw new Error('unreachable');
    expect(opensslVerify(signed, sig, 'tampered').ok).toBe(false);

    const result = await ours(signed);
    expect(result.valid).toBe(false);
    expect(result.signatures[0]?.checks).toMatchObject({ digestMatches: false, signatureValid: true, chainTrusted: true });
    expect(result.signatures[0]?.summary).toMatch(/NIEWAŻNY: treść dokumentu zmieniono po podpisaniu/);
    expectAgreement(result, theirs, true);
  });

  it('an unsigned incremental update after the last signature: pdfsig says "not total"; we name what changed', async () => {
    const signed = await signPdf(decision, rsa, { name: 'Katarzyna Zielińska', signingTime: new Date() });
    const revision = await openRevision(signed);
    revision.doc.setTitle('Decyzja — zmieniona po podpisaniu');
    const info = revision.doc.context.trailerInfo.Info;
    if (!(info instanceof PDFRef)) throw new Error('no /Info reference');
    const titled = appendUpdate(revision, [info], []).bytes;
    const file = keep('signed-changed-after', titled);

    const theirs = pdfsig(file, pki.nssDir);
    expect(theirs[0]).toMatchObject({ validation: 'Signature is Valid.', total: false });
    const result = await ours(titled);
    // A new title is descriptive data, not what was signed: allowed, and said.
    expect(result.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', coverage: 'changed-after-signing' });
    expect(result.signatures[0]?.changes).toEqual([{ kind: 'metadata', allowed: true, text: 'zmieniono dane opisowe dokumentu (tytuł, autor, metadane)' }]);
    expectAgreement(result, theirs, true);

    // The page's text drawn over by the same kind of update: the signature fails.
    const again = await openRevision(signed);
    again.doc.getPages()[0]?.drawText('UCHYLONO', { x: 300, y: 770, size: 14 });
    const page = again.doc.getPages()[0];
    if (page === undefined) throw new Error('no page');
    const drawn = appendUpdate(again, [page.ref], []).bytes;
    keep('signed-drawn-over-after', drawn);
    const failed = await ours(drawn);
    expect(failed.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
    expect(failed.signatures[0]?.summary).toMatch(/NIEWAŻNY: dokument zmieniono po podpisaniu w sposób niedozwolony: zmieniono treść strony 1/);
    expectAgreement(failed, pdfsig(keep('signed-drawn-over-after', drawn), pki.nssDir), true);
  });
});

describe('more than one signature', () => {
  it('a second (visible) signature is an incremental update and leaves the first valid', async () => {
    const first = await signPdf(decision, rsa, { name: 'Katarzyna Zielińska', reason: 'Sprawdzono merytorycznie', signingTime: new Date() });
    const second = await signPdf(first, ecdsa, {
      name: 'Jan Żółkiewski',
      reason: 'Zatwierdzam',
      signingTime: new Date(),
      visibleStamp: { x: 330, y: 70 },
    });
    // The first signed file is, byte for byte, the start of the second.
    expect(Buffer.from(second.subarray(0, first.byteLength)).equals(Buffer.from(first))).toBe(true);
    const file = keep('signed-two', second);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '2', '-l', '2', file, `${pngDir}signed-two`]);

    const theirs = pdfsig(file, pki.nssDir);
    expect(theirs).toHaveLength(2);
    expect(theirs.map((s) => [s.fieldName, s.validation, s.certificate, s.total])).toEqual([
      ['Podpis1', 'Signature is Valid.', 'Certificate is Trusted.', false],
      ['Podpis2', 'Signature is Valid.', 'Certificate is Trusted.', true],
    ]);
    theirs.forEach((sig, i) => expect(opensslVerify(second, sig, `two-${i}`).ok).toBe(true));

    const result = await ours(second);
    expectAllValid(result);
    expect(result.signatures.map((s) => s.coverage)).toEqual(['earlier-revision', 'whole-file']);
    expect(result.summary).toBe('Dokument ma 2 podpisy: wszystkie ważne.');
    expectAgreement(result, theirs, true);

    // A third one, on the first page: still all valid.
    const third = await signPdf(second, rsa, { name: 'Katarzyna Zielińska', signingTime: new Date(), visibleStamp: { page: 1, x: 72, y: 60 } });
    const file3 = keep('signed-three', third);
    const theirs3 = pdfsig(file3, pki.nssDir);
    expect(theirs3.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.', 'Signature is Valid.']);
    const result3 = await ours(third);
    expectAllValid(result3);
    expectAgreement(result3, theirs3, true);
  });

  it('adds our signature after one made by another tool (pdfsig, classic xref) and keeps it valid', async () => {
    // Poppler appends its signature to a classic-xref file with a classic xref section.
    const popplerBytes = popplerSign(await twoPageDecision({ objectStreams: false }), pki.rsa, 'Poppler');
    const theirsBefore = pdfsig(keep('signed-by-poppler', popplerBytes), pki.nssDir);
    expect(theirsBefore[0]).toMatchObject({ type: 'adbe.pkcs7.detached', validation: 'Signature is Valid.' });
    expectAgreement(await ours(popplerBytes), theirsBefore, true);

    const signed = await signPdf(popplerBytes, ecdsa, { name: 'Jan Żółkiewski', signingTime: new Date() });
    const file = keep('signed-after-poppler', signed);
    const theirs = pdfsig(file, pki.nssDir);
    expect(theirs.map((s) => [s.fieldName, s.validation])).toEqual([
      ['Poppler', 'Signature is Valid.'],
      ['Podpis2', 'Signature is Valid.'],
    ]);
    const result = await ours(signed);
    expectAllValid(result);
    expectAgreement(result, theirs, true);
  });

  it('refuses to add a signature to a signed PDF with cross-reference streams (it would break the first)', async () => {
    const signed = await signPdf(decision, rsa, { name: 'Katarzyna Zielińska', signingTime: new Date() });
    // Re-saved with object streams, as many tools do: still "signed", now with an xref stream.
    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    const restreamed = await doc.save({ useObjectStreams: true });
    const refused = await refusal(() => signPdf(restreamed, ecdsa, { name: 'Jan Żółkiewski', signingTime: new Date() }));
    expect(refused.code).toBe('SIGN_XREF_STREAM');
    expect(refused.message).toMatch(/już podpisany/);
  });
});

describe('trust', () => {
  it('a signature from a CA nobody trusts is intact but not trusted, for pdfsig and for us', async () => {
    const stray = loadPkcs12(pki.untrusted.p12, pki.untrusted.password);
    const signed = await signPdf(decision, stray, { name: 'Mieczysław Obcy', signingTime: new Date() });
    const file = keep('signed-untrusted', signed);
    const theirs = pdfsig(file, pki.nssDir);
    expect(theirs[0]?.validation).toBe('Signature is Valid.');
    expect(theirs[0]?.certificate).not.toBe('Certificate is Trusted.');
    const result = await ours(signed);
    expect(result.signatures[0]?.checks).toMatchObject({ digestMatches: true, signatureValid: true, chainTrusted: false });
    // Intact but from an issuer nobody configured: not "invalid", only not confirmed.
    expect(result.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(result.indication).toBe('INDETERMINATE');
    expect(result.signatures[0]?.summary).toMatch(
      /— nie można potwierdzić ważności: podpis nienaruszony, ale wystawca certyfikatu nieznany .*\(wystawca „Nieznane Centrum Certyfikacji” nie jest wśród zaufanych/,
    );
    expectAgreement(result, theirs, true);
    const sig = theirs[0];
    if (sig === undefined) throw new Error('unreachable');
    expect(opensslVerify(signed, sig, 'untrusted').ok).toBe(false);
  });

  it('an expired certificate that was valid at /M, no timestamp: indeterminate (OUT_OF_BOUNDS_NO_POE); pdfsig says Expired', async () => {
    // Signed while the certificate was valid: load and sign "back then".
    const certificate = parseCertificate(pki.expired.certDer);
    if (certificate === null) throw new Error('test certificate does not parse');
    const then = new Date(certificate.notBefore.getTime() + 86_400_000);
    const signer = loadPkcs12(pki.expired.p12, pki.expired.password, { now: then });
    const signed = await signPdf(decision, signer, { name: signer.certificate.label, signingTime: then });
    const file = keep('signed-expired-since', signed);
    const theirs = pdfsig(file, pki.nssDir);
    expect(theirs[0]).toMatchObject({ validation: 'Signature is Valid.', certificate: 'Certificate has Expired' });
    const result = await ours(signed);
    expect(result.signatures[0]?.checks).toMatchObject({ certificateValidAtSigningTime: true, certificateValidNow: false, chainTrusted: true });
    // /M is only the signer's claim: nothing proves the signature was made before expiry.
    expect(result.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE', valid: false });
    expect(result.signatures[0]?.summary).toMatch(/nie można potwierdzić ważności: certyfikat nie jest już ważny, a nic nie dowodzi.*\(certyfikat nie jest już ważny \(ważny do .+\); czas podpisu pochodzi z oświadczenia podpisującego/);
    expectAgreement(result, theirs, true);
  });

  it('a signature made (by another tool) before the certificate was valid is not valid', async () => {
    const signed = popplerSign(await twoPageDecision({ objectStreams: false }), pki.notYetValid, 'Przedwczesny');
    const theirs = pdfsig(keep('signed-not-yet-valid', signed), pki.nssDir);
    expect(theirs[0]).toMatchObject({ validation: 'Signature is Valid.', certificate: 'Certificate has Expired' });
    const result = await ours(signed);
    expect(result.valid).toBe(false);
    expect(result.signatures[0]?.checks).toMatchObject({ digestMatches: true, signatureValid: true, certificateValidAtSigningTime: false });
    expect(result.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'NOT_YET_VALID' });
    expect(result.signatures[0]?.summary).toMatch(/NIEWAŻNY: certyfikat nie był ważny w chwili podpisu .+ \(ważny od .+ do .+\)/);
    expectAgreement(result, theirs, true);
  });
});

describe('refusals of documents', () => {
  it('an encrypted PDF, a file that is not a PDF, a stamp on a page that does not exist', async () => {
    const encrypted = await refusal(() => signPdf(encryptedPdf('Tajne pismo'), rsa, { name: 'K', signingTime: new Date() }));
    expect(encrypted.code).toBe('SIGN_PDF_ENCRYPTED');
    const notPdf = await refusal(() => signPdf(new TextEncoder().encode('%PDF-1.7 to tylko nagłówek'), rsa, { name: 'K', signingTime: new Date() }));
    expect(notPdf.code).toBe('SIGN_PDF_UNREADABLE');
    const page = await refusal(() => signPdf(decision, rsa, { name: 'K', signingTime: new Date(), visibleStamp: { page: 5, x: 10, y: 10 } }));
    expect(page).toMatchObject({ code: 'SIGN_STAMP_PAGE' });
    expect(page.message).toMatch(/Strony 5 nie ma w dokumencie \(liczba stron: 2\)/);
    const unsigned = await ours(decision);
    expect(unsigned).toMatchObject({ signatures: [], valid: false, summary: 'Dokument nie ma podpisów elektronicznych.' });
  });
});

describe('speed', () => {
  it('signs a two-page decision in a few milliseconds (RSA-2048, ECDSA P-256)', async () => {
    const classic = await signPdf(decision, rsa, { name: 'x', signingTime: new Date() }); // classic xref input
    const timings: Record<string, number> = {};
    for (const [label, signer, input] of [
      ['RSA-2048 (xref streams → rewrite + update)', rsa, decision],
      ['ECDSA P-256 (xref streams → rewrite + update)', ecdsa, decision],
      ['RSA-2048 (classic xref: update only)', rsa, classic],
      ['ECDSA P-256 (classic xref: update only)', ecdsa, classic],
    ] as const) {
      const runs: number[] = [];
      for (let i = 0; i < 25; i++) {
        const start = performance.now();
        await signPdf(input, signer, { name: 'Katarzyna Zielińska', signingTime: new Date() });
        runs.push(performance.now() - start);
      }
      runs.sort((a, b) => a - b);
      timings[label] = Math.round((runs[Math.floor(runs.length / 2)] ?? 0) * 10) / 10;
    }
    const verifyRuns: number[] = [];
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      await ours(classic);
      verifyRuns.push(performance.now() - start);
    }
    verifyRuns.sort((a, b) => a - b);
    timings['verify (1 signature)'] = Math.round((verifyRuns[5] ?? 0) * 10) / 10;
    console.log(`two-page decision (${decision.byteLength} B), median ms:`, timings);
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(500);
  });
});

