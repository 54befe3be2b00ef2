import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { loadPkcs12 } from '#signing/pkcs12';
import { signPdf } from '#signing/pades';
import { makeTestPki, type TestPki } from '#tests/support/certificates';
import { runKancelaria } from '#tests/support/processes';

describe('kancelaria pdf verify (for IT staff)', () => {
  let pki: TestPki;
  let signed: string;
  let tampered: string;

  beforeAll(async () => {
    pki = makeTestPki();
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawText('Decyzja testowa', { x: 72, y: 760, size: 16, font: await doc.embedFont(StandardFonts.Helvetica) });
    const bytes = await signPdf(await doc.save(), loadPkcs12(pki.rsa.p12, pki.rsa.password), { name: pki.rsa.commonName, signingTime: new Date() });
    signed = join(pki.dir, 'podpisany.pdf');
    writeFileSync(signed, bytes);
    // One byte inside the signed range changed after signing (in the header's binary comment,
    // so the file still opens and only the signature can tell).
    const copy = Buffer.from(bytes);
    const at = copy.indexOf('\n%') + 2;
    copy[at] = (copy[at] ?? 0) ^ 0x01;
    tampered = join(pki.dir, 'zmieniony.pdf');
    writeFileSync(tampered, copy);
  });

  it('reports a valid, trusted signature with the signer and their identifier (exit 0)', () => {
    const r = runKancelaria(['pdf', 'verify', signed, '--trust', pki.root.file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(pki.rsa.commonName);
    expect(r.stdout).toContain(pki.rsa.serialNumber);
  });

  it('without the office’s trusted root the signature is intact but not confirmed (exit 3, said in Polish)', () => {
    const r = runKancelaria(['pdf', 'verify', signed]);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/werdykt: nierozstrzygnięty \(INDETERMINATE\/NO_CERTIFICATE_CHAIN_FOUND\)/);
    expect(r.stdout).toMatch(/podpis nienaruszony, ale wystawca certyfikatu nieznany/);
    expect(r.stdout).toMatch(/✓ Nienaruszalność podpisanej treści/);
    expect(r.stdout).toMatch(/\? Ścieżka do zaufanego wystawcy: wystawca .* nie jest wśród zaufanych/);
  });

  it('a byte changed after signing is caught (exit 1); --json gives the checks to scripts', () => {
    const r = runKancelaria(['pdf', 'verify', tampered, '--trust', pki.root.file, '--json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { valid: boolean; indication: string; signatures: { indication: string; subIndication: string; checks: { digestMatches?: boolean } }[] };
    expect(report).toMatchObject({ valid: false, indication: 'TOTAL_FAILED' });
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE', checks: { digestMatches: false } });
  });

  it('refuses a file that is not a PDF with a usage error (exit 2)', () => {
    const notPdf = join(pki.dir, 'notatka.pdf');
    writeFileSync(notPdf, readFileSync(join(pki.dir, 'podpisany.pdf')).subarray(0, 10));
    expect(runKancelaria(['pdf', 'verify', notPdf]).status).toBe(2);
  });
});
