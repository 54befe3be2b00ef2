/**
 * Signature verification and time-stamped signing (issue "Signatures as Polish offices really
 * use them") — a benchmark, not a test: it prints figures, writes its section of
 * bench/RESULTS.md and ends with one JSON line.
 *
 *   npx tsx bench/verification.ts            — 100 documents
 *   npx tsx bench/verification.ts --docs 20
 *
 * 100 two-page decisions are signed with PKCS#12 (RSA-2048) by `signPdf`, and with the same
 * key on a PKCS#11 token (SoftHSM2, logged in once for the batch), without and with a
 * signature time-stamp from a TSA on loopback (`openssl ts -reply`, one process per request,
 * as tests/support/tsa.ts runs it); then verified by `verifyPdf` on this thread and through
 * the worker the backend uses. `openssl cms -sign` / `-verify` on the same bytes, one process
 * per document, give the native reference (process start included).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { signPdf } from '#signing/pades';
import { loadPkcs12 } from '#signing/pkcs12';
import { openTokenSigner } from '#signing/pkcs11';
import { requestTimestamp } from '#signing/timestamp';
import { verifyPdf } from '#signing/verify';
import { verifyPdfOffThread } from '#signing/verifyOffThread';
import { makeTestPki } from '#tests/support/certificates';
import { makeSoftToken } from '#tests/support/softhsm';
import { startTsa } from '#tests/support/tsa';
import { writeResultsSection } from './results.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '100' } } });
const COUNT = Math.max(1, Number(values.docs));

function stats(times: number[]): { median: number; p95: number; total: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), total: times.reduce((a, b) => a + b, 0) };
}

async function timeEach<T>(count: number, fn: (i: number) => Promise<T>): Promise<{ times: number[]; results: T[] }> {
  await fn(0); // warm-up, not counted
  const times: number[] = [];
  const results: T[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    results.push(await fn(i));
    times.push(performance.now() - start);
  }
  return { times, results };
}

async function decision(i: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= 2; p++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(p === 1 ? `DECYZJA nr ${i + 1}/2026` : 'UZASADNIENIE', { x: 72, y: 770, size: 14, font });
    for (let line = 0; line < 40; line++) page.drawText(`Wiersz ${line + 1} tresci decyzji numer ${i + 1}, strona ${p}.`, { x: 72, y: 740 - line * 16, size: 10, font });
  }
  return doc.save({ useObjectStreams: false });
}

const pki = makeTestPki();
const tsa = await startTsa(pki);
const work = mkdtempSync(join(tmpdir(), 'kancelaria-bench-verify-'));
try {
  const signer = loadPkcs12(pki.rsa.p12, pki.rsa.password);
  const documents = await Promise.all(Array.from({ length: COUNT }, (_, i) => decision(i)));
  const roots = [pki.root.pem];
  const stamp = (digest: Buffer) => requestTimestamp(tsa.url, digest);

  const plain = await timeEach(COUNT, (i) => signPdf(documents[i] ?? new Uint8Array(), signer, { name: 'Katarzyna Zielińska', signingTime: new Date() }));
  const stamped = await timeEach(COUNT, (i) => signPdf(documents[i] ?? new Uint8Array(), signer, { name: 'Katarzyna Zielińska', signingTime: new Date(), timestamp: stamp }));
  // The same key on a card (SoftHSM2): one login for the whole batch, as the signing tray does.
  const token = makeSoftToken([{ id: '01', signer: pki.rsa, keyFile: join(pki.dir, 'rsa.key') }], pki.intermediate.der);
  const card = openTokenSigner(token.module, { tokenSerial: token.serial, id: '01' }, token.pin);
  let onCard: Awaited<ReturnType<typeof timeEach<Uint8Array>>>;
  let onCardStamped: Awaited<ReturnType<typeof timeEach<Uint8Array>>>;
  try {
    onCard = await timeEach(COUNT, (i) => signPdf(documents[i] ?? new Uint8Array(), card.signer, { name: 'Katarzyna Zielińska', signingTime: new Date() }));
    onCardStamped = await timeEach(COUNT, (i) => signPdf(documents[i] ?? new Uint8Array(), card.signer, { name: 'Katarzyna Zielińska', signingTime: new Date(), timestamp: stamp }));
  } finally {
    card.close();
    token.remove();
  }
  const verifyHere = await timeEach(COUNT, (i) => verifyPdf(plain.results[i] ?? new Uint8Array(), { trustedRoots: roots }));
  const verifyStamped = await timeEach(COUNT, (i) => verifyPdf(stamped.results[i] ?? new Uint8Array(), { trustedRoots: roots }));
  const verifyWorker = await timeEach(COUNT, (i) => verifyPdfOffThread(plain.results[i] ?? new Uint8Array(), { trustedRoots: roots }));
  const verifyCard = await timeEach(COUNT, (i) => verifyPdf(onCardStamped.results[i] ?? new Uint8Array(), { trustedRoots: roots }));
  const passed = [...verifyHere.results, ...verifyStamped.results, ...verifyWorker.results, ...verifyCard.results].filter((r) => r.indication === 'TOTAL_PASSED').length;

  // openssl cms on the same unsigned bytes: one process per document, as a script would run it.
  const key = join(work, 'key.pem');
  const cert = join(work, 'cert.pem');
  execFileSync('openssl', ['pkcs12', '-in', join(pki.dir, 'rsa.p12'), '-nocerts', '-nodes', '-passin', `pass:${pki.rsa.password}`, '-out', key]);
  writeFileSync(cert, pki.rsa.certPem);
  const opensslSign = await timeEach(COUNT, (i) => {
    const input = join(work, `d${i}.pdf`);
    writeFileSync(input, documents[i] ?? new Uint8Array());
    execFileSync('openssl', ['cms', '-sign', '-binary', '-in', input, '-signer', cert, '-inkey', key, '-certfile', pki.intermediate.file, '-outform', 'DER', '-out', `${input}.p7s`]);
    return Promise.resolve(input);
  });
  const opensslVerify = await timeEach(COUNT, (i) => {
    const input = join(work, `d${i}.pdf`);
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', `${input}.p7s`, '-content', input, '-CAfile', pki.root.file, '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' });
    return Promise.resolve(true);
  });

  const rows = [
    ['sign, PAdES B-B (ours)', stats(plain.times)],
    ['sign, PAdES B-T, local TSA (ours)', stats(stamped.times)],
    ['sign, PAdES B-B, PKCS#11 card (SoftHSM2, one login)', stats(onCard.times)],
    ['sign, PAdES B-T, PKCS#11 card, local TSA', stats(onCardStamped.times)],
    ['`openssl cms -sign` (process per document)', stats(opensslSign.times)],
    ['verify B-B, this thread (ours)', stats(verifyHere.times)],
    ['verify B-T, this thread (ours)', stats(verifyStamped.times)],
    ['verify B-B, worker thread (ours, as the backend)', stats(verifyWorker.times)],
    ['verify B-T made on the card (ours)', stats(verifyCard.times)],
    ['`openssl cms -verify` (process per document)', stats(opensslVerify.times)],
  ] as const;
  const ms = (n: number) => n.toFixed(1);
  const table = rows.map(([label, s]) => `| ${label} | ${ms(s.median)} | ${ms(s.p95)} | ${(s.total / 1000).toFixed(2)} |`).join('\n');
  const ratioSign = stats(plain.times).median / stats(opensslSign.times).median;
  const ratioVerify = stats(verifyHere.times).median / stats(opensslVerify.times).median;
  const date = new Date().toISOString().slice(0, 10);
  const section = `## Signature verification and time-stamps — ${date}

\`npx tsx bench/verification.ts\` — ${COUNT} two-page decisions, RSA-2048 PKCS#12, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}. Every verification counted: ${passed} of ${4 * COUNT} TOTAL_PASSED.

| what | median ms | p95 ms | total s |
|---|---|---|---|
${table}

Ratios to the native reference (medians): signing ${ratioSign.toFixed(2)}× \`openssl cms -sign\`, verification ${ratioVerify.toFixed(2)}× \`openssl cms -verify\` (each openssl figure includes starting a process, ≈ its whole cost here). A B-T signature adds the TSA's round trip (here \`openssl ts -reply\` in a fresh process); verifying one adds the token's check. The worker adds copying the file to it and back. SoftHSM2 signs in software: a physical card adds its own time per signature (not measurable here); the login is once per batch either way.
`;
  console.log(section);
  writeResultsSection('## Signature verification and time-stamps', section);
  console.log(
    JSON.stringify({
      bench: 'verification',
      documents: COUNT,
      signMs: Number(ms(stats(plain.times).median)),
      signTimestampedMs: Number(ms(stats(stamped.times).median)),
      signCardMs: Number(ms(stats(onCard.times).median)),
      signCardTimestampedMs: Number(ms(stats(onCardStamped.times).median)),
      verifyMs: Number(ms(stats(verifyHere.times).median)),
      verifyTimestampedMs: Number(ms(stats(verifyStamped.times).median)),
      verifyWorkerMs: Number(ms(stats(verifyWorker.times).median)),
      opensslSignMs: Number(ms(stats(opensslSign.times).median)),
      opensslVerifyMs: Number(ms(stats(opensslVerify.times).median)),
      passed,
      load: loadavg()[0],
    }),
  );
} finally {
  await tsa.stop();
  rmSync(work, { recursive: true, force: true });
  rmSync(pki.dir, { recursive: true, force: true });
}
