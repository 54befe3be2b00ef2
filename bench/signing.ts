/**
 * The signing benchmark of issue 4 (not a test: it prints figures and writes its section of
 * bench/RESULTS.md).
 *
 *   npx tsx bench/signing.ts                  — 100 decisions (npm run bench:signing)
 *   npx tsx bench/signing.ts --decisions 20   — fewer
 *
 * 100 decisions are drafted, approved and printed through the real services; the same unsigned
 * PDF bytes are then signed three ways, one after another in this process:
 *   - ours: `signPdf` (signing/pades.ts), and the whole `decisions.sign` batch as a head runs it;
 *   - @signpdf (the usual Node library): pdf-lib placeholder + `signpdf.sign` with `P12Signer`;
 *   - `openssl cms -sign`, one process per document: the native limit, process start included.
 * The first output of each PDF signer is checked with `pdfsig`, so only working signatures are
 * compared. @signpdf is a devDependency for this comparison only; the product never calls it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Session } from 'node:inspector/promises';
import { PDFDocument } from 'pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { decisionPdf } from '#core/decisions/handlers';
import { warsawDate, warsawYear } from '#core/time';
import { loadPkcs12 } from '#signing/pkcs12';
import { signPdf, type SignOptions } from '#signing/pades';
import { verifyPdf } from '#signing/verify';
import { makeNssDb } from '#tests/support/certificates';
import { call, createSender, openDemoProfile, signIn } from '#tests/support/profile';
import { writeResultsSection } from './results.ts';

const { values } = parseArgs({ options: { decisions: { type: 'string', default: '100' } } });
// decisions.sign takes at most 100 ids per batch (core/contract.ts), and one batch is what is timed.
const COUNT = Math.min(100, Math.max(1, Number(values.decisions)));
const WARM_UPS = 3;
/** The ETSI SubFilter, spelt out: @signpdf's constant lives in @signpdf/utils, not a dependency of ours. */
const ETSI_CADES_DETACHED = 'ETSI.CAdES.detached';
/** An ASCII password for the copy of the PKCS#12 given to @signpdf (see `signpdfP12`). */
const ASCII_PASSWORD = 'Haslo-testowe-1';
// The class, not the package's default instance: under Node's ESM loader the CommonJS default
// export arrives wrapped, while named exports come through as they are.
const signpdf = new SignPdf();

type Measured = { times: number[]; totalMs: number };

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs `fn` for every index, timing each call; warm-ups first on index 0, not counted. */
async function timeEach<T>(count: number, fn: (i: number) => Promise<T> | T): Promise<Measured & { results: T[] }> {
  for (let w = 0; w < WARM_UPS; w++) await fn(0);
  const times: number[] = [];
  const results: T[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    results.push(await fn(i));
    times.push(performance.now() - t);
  }
  return { times, totalMs: performance.now() - start, results };
}

function openssl(args: readonly string[], cwd: string): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** What pdfsig says about the first signature of a file: both lines must be the good ones. */
function pdfsigVerdict(file: string, nssDir: string): { ok: boolean; text: string } {
  // pdfsig's exit status says nothing about validity; the report is on stdout.
  const out = spawnSync('pdfsig', ['-nssdir', nssDir, file], { encoding: 'utf8' }).stdout;
  const signature = /Signature Validation: (.*)/.exec(out)?.[1]?.trim() ?? 'no signature found';
  const certificate = /Certificate Validation: (.*)/.exec(out)?.[1]?.trim() ?? '?';
  return { ok: signature === 'Signature is Valid.' && certificate === 'Certificate is Trusted.', text: `${signature} ${certificate}` };
}

/** RSA-2048 signatures per second of one core, from `openssl speed` (the pure private-key cost). */
function opensslSpeedRsa2048(cwd: string): number | null {
  try {
    const out = openssl(['speed', '-seconds', '2', 'rsa2048'], cwd);
    // "rsa 2048 bits 0.000651s 0.000019s   1536.1  52447.0": time per sign, per verify, sign/s, verify/s
    const m = /^rsa\s+2048 bits\s+\S+\s+\S+\s+([\d.]+)\s+[\d.]+\s*$/m.exec(out);
    return m?.[1] === undefined ? null : Number(m[1]);
  } catch {
    return null;
  }
}

// --- the test key ------------------------------------------------------------------------------

/**
 * A throw-away chain, root → issuing CA → person (RSA-2048), made with OpenSSL in `dir`.
 *
 * Not `makeTestPki` (tests/support/certificates.ts): its issuing CA is ECDSA, and @signpdf's
 * P12Signer reads the PKCS#12 with node-forge, which cannot parse an EC certificate — forge
 * leaves that bag's `cert` null and P12Signer dies on it (TypeError) before signing anything.
 * The measured chain is all RSA, so all three signers use one file and put the same
 * certificates into their CMS. Only the NSS database helper (`makeNssDb`) is reused.
 *
 * The measured chain also spells the issuing CA's name without Polish letters: forge writes a
 * non-ASCII issuer name into @signpdf's SignerInfo (issuerAndSerialNumber) as UTF-8 encoded
 * twice, so no verifier finds the signer's certificate. Two more chains — "Łódź" in that name,
 * and an ECDSA issuing CA — show both failures once per run, next to our signer on the same file.
 */
function makeChain(dir: string, issuingCa: string, issuingKey: 'rsa' | 'ec' = 'rsa') {
  mkdirSync(dir, { recursive: true });
  const extensions = join(dir, 'ext.cnf');
  writeFileSync(extensions, [
    '[ ext_ca ]', 'basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid',
    '[ ext_signer ]', 'basicConstraints = critical, CA:FALSE', 'keyUsage = critical, digitalSignature, nonRepudiation', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid', '',
  ].join('\n'));
  const request = (stem: string, subject: string, key: 'rsa' | 'ec' = 'rsa') =>
    openssl(['req', '-new', ...(key === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']), '-nodes', '-utf8', '-keyout', `${stem}.key`, '-subj', subject, '-out', `${stem}.csr`], dir);
  const issue = (stem: string, issuer: string, section: string) =>
    openssl(['x509', '-req', '-in', `${stem}.csr`, '-CA', `${issuer}.crt`, '-CAkey', `${issuer}.key`, '-CAcreateserial', '-days', '730', '-sha256', '-extfile', extensions, '-extensions', section, '-out', `${stem}.crt`], dir);

  request('root', '/C=PL/O=Testowe Centrum Certyfikacji/CN=Test Root CA Kancelaria (benchmark)');
  openssl(['x509', '-req', '-in', 'root.csr', '-signkey', 'root.key', '-days', '3650', '-sha256', '-extfile', extensions, '-extensions', 'ext_ca', '-out', 'root.crt'], dir);
  request('issuing', `/C=PL/O=Testowe Centrum Certyfikacji/CN=${issuingCa}`, issuingKey);
  issue('issuing', 'root', 'ext_ca');
  // The person's name keeps its Polish letters: forge copes with them in a subject.
  const commonName = 'Katarzyna Zielińska';
  request('signer', `/C=PL/serialNumber=PNOPL-44051401359/GN=Katarzyna/SN=Zielińska/CN=${commonName}`);
  issue('signer', 'issuing', 'ext_signer');
  writeFileSync(join(dir, 'chain.pem'), readFileSync(join(dir, 'issuing.crt'), 'utf8') + readFileSync(join(dir, 'root.crt'), 'utf8'));

  // OpenSSL 3 defaults spelt out, and a password with "ł", as in the tests: what current files
  // from Polish providers look like.
  const password = 'Tajne-hasło-1';
  const p12 = (file: string, pass: string) =>
    openssl(['pkcs12', '-export', '-inkey', 'signer.key', '-in', 'signer.crt', '-certfile', 'chain.pem', '-name', commonName,
      '-keypbe', 'AES-256-CBC', '-certpbe', 'AES-256-CBC', '-macalg', 'sha256', '-passout', `pass:${pass}`, '-out', file], dir);
  p12('signer.p12', password);
  // The same key and certificates under an ASCII password, for @signpdf if it fails on "ł".
  p12('signer-ascii.p12', ASCII_PASSWORD);
  const rootFile = join(dir, 'root.crt');
  openssl(['x509', '-in', rootFile, '-outform', 'DER', '-out', 'root.der'], dir);
  return {
    commonName,
    password,
    p12: new Uint8Array(readFileSync(join(dir, 'signer.p12'))),
    asciiP12: readFileSync(join(dir, 'signer-ascii.p12')),
    keyPem: join(dir, 'signer.key'),
    certPem: join(dir, 'signer.crt'),
    chainPem: join(dir, 'chain.pem'),
    rootFile,
    rootDer: readFileSync(join(dir, 'root.der')),
    nssDir: makeNssDb(dir, rootFile),
  };
}
type TestChain = ReturnType<typeof makeChain>;

// The machine is shared (two cores): the load around the run goes into the report.
const loadAtStart = loadavg()[0] ?? NaN;
console.log('Testowe klucze RSA-2048 i certyfikaty (OpenSSL) …');
const now = new Date();
const work = mkdtempSync(join(tmpdir(), 'kancelaria-bench-signing-'));
const pki = makeChain(join(work, 'pki'), 'Test CA Kwalifikowane Lodz RSA');
const polishPki = makeChain(join(work, 'pki-pl'), 'Test CA Kwalifikowane Łódź RSA');
const ecPki = makeChain(join(work, 'pki-ec'), 'Test CA Kwalifikowane Lodz ECDSA', 'ec');

/**
 * The PKCS#12 and password @signpdf gets. P12Signer hands the password to node-forge, which
 * derives the PBES2 key from the wrong bytes when the password has non-ASCII letters
 * (docs/signing.md); if the first signature with our file fails, the ASCII copy is used and the
 * report says so.
 */
async function signpdfP12(from: TestChain, sample: Uint8Array): Promise<{ p12: Buffer; passphrase: string; note: string }> {
  const original = Buffer.from(from.p12);
  try {
    await signpdf.sign(await withPlaceholder(sample), new P12Signer(original, { passphrase: from.password }));
    return { p12: original, passphrase: from.password, note: 'the same PKCS#12 as ours' };
  } catch (e) {
    // A mistake of ours (a wrong call) must not pass for the password problem.
    if (e instanceof TypeError || !(e instanceof Error)) throw e;
    return { p12: from.asciiP12, passphrase: ASCII_PASSWORD, note: `the same key and certificates under an ASCII password (with our file's "ł" password P12Signer failed: "${e.message.slice(0, 60)}")` };
  }
}

/** @signpdf's documented path: pdf-lib loads the bytes, adds the placeholder, saves them. */
async function withPlaceholder(bytes: Uint8Array): Promise<Buffer> {
  const pdfDoc = await PDFDocument.load(bytes);
  pdflibAddPlaceholder({ pdfDoc, reason: 'Decyzja', contactInfo: '', name: pki.commonName, location: 'GK', subFilter: ETSI_CADES_DETACHED, signingTime: new Date() });
  return Buffer.from(await pdfDoc.save());
}

// --- 100 approved decisions --------------------------------------------------------------------

console.log(`${String(COUNT)} spraw i projektów decyzji …`);
const setupStart = performance.now();
const profile = openDemoProfile();
const { ctx } = profile;
await signIn(ctx, 'akowalska');
const party = await createSender(ctx, 'Żmigrodzka');
await signIn(ctx, 'tlukasik');
const today = warsawDate(now);
const ids: string[] = [];
for (let i = 0; i < COUNT; i++) {
  const opened = await call(ctx, 'cases.open', { jrwaSymbol: '6730', title: `Warunki zabudowy — budynek gospodarczy, dz. ${String(100 + i)}/3, obręb Żółtki`, deadlineKind: 'kpa35-standard', partyIds: [party.id] });
  let d = await call(ctx, 'decisions.create', { caseId: opened.id, typeCode: 'WZ' });
  d = await call(ctx, 'decisions.save', {
    id: d.id,
    expectedVersion: d.currentVersion,
    content: { ...d.content, subject: `budowa budynku gospodarczego na działce nr ${String(100 + i)}/3`, applicationDate: '2026-04-02', date: today, ruling: `Ustalam warunki zabudowy dla budynku gospodarczego na działce nr ${String(100 + i)}/3.`, justification: 'Teren spełnia warunki art. 61 ust. 1 ustawy o planowaniu i zagospodarowaniu przestrzennym.', signatoryName: pki.commonName, signatoryPosition: 'z up. Wójta — Kierownik Referatu' },
  });
  await call(ctx, 'decisions.submit', { id: d.id });
  ids.push(d.id);
}
await signIn(ctx, 'kzielinska');
for (const id of ids) await call(ctx, 'decisions.review', { id, outcome: 'approved' });
const setupS = (performance.now() - setupStart) / 1000;

// --- (a) printing: the decision PDFs every signer gets ----------------------------------------

console.log('Wydruk decyzji (decisionPdf) …');
const year = warsawYear(now);
const idAt = (i: number) => ids[i] ?? '';
const printing = await timeEach(COUNT, async (i) => (await decisionPdf(ctx, idAt(i), `${String(i + 1)}/${String(year)}`)).bytes);
const pdfs = printing.results;
const pdfAt = (i: number) => pdfs[i] ?? new Uint8Array();
const avgPdfKiB = pdfs.reduce((s, b) => s + b.byteLength, 0) / pdfs.length / 1024;
const pageCount = (await PDFDocument.load(pdfAt(0))).getPageCount();

// --- (b) our signature on those bytes ----------------------------------------------------------

console.log('Nasz podpis (signPdf) …');
const p12Start = performance.now();
const signer = loadPkcs12(pki.p12, pki.password);
const loadP12Ms = performance.now() - p12Start;
const signOptions = (i: number): SignOptions => ({ name: pki.commonName, reason: `Decyzja nr ${String(i + 1)}/${String(year)} w sprawie GK.6730`, location: 'GK', signingTime: new Date() });
// Invisible, like @signpdf's default widget: the like-for-like figure. The stamp (what
// decisions.sign draws by default) is timed separately.
const ours = await timeEach(COUNT, (i) => signPdf(pdfAt(i), signer, signOptions(i)));
const oursStamped = await timeEach(COUNT, (i) => signPdf(pdfAt(i), signer, { ...signOptions(i), visibleStamp: { x: 330, y: 40 } }));
// How much of our time is the classic-xref rewrite: the same decisions, already rewritten.
const classicPdfs: Uint8Array[] = [];
for (const bytes of pdfs) classicPdfs.push(await (await PDFDocument.load(bytes)).save({ useObjectStreams: false }));
const oursClassic = await timeEach(COUNT, (i) => signPdf(classicPdfs[i] ?? new Uint8Array(), signer, signOptions(i)));

// --- (c) the whole batch as a head signs it ----------------------------------------------------

console.log('Podpisanie partii (decisions.sign) …');
// For a closer look at the batch alone (chrome://inspect or speedscope): BENCH_CPUPROFILE=file.cpuprofile.
const inspector = process.env.BENCH_CPUPROFILE ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
const batchStart = performance.now();
const { session } = await call(ctx, 'signing.begin', { means: { kind: 'pkcs12', p12Base64: Buffer.from(pki.p12).toString('base64') }, password: pki.password });
const batch = await call(ctx, 'decisions.sign', { ids, session, visibleStamp: true });
await call(ctx, 'signing.end', { session });
const batchMs = performance.now() - batchStart;
if (inspector && process.env.BENCH_CPUPROFILE) {
  writeFileSync(process.env.BENCH_CPUPROFILE, JSON.stringify((await inspector.post('Profiler.stop')).profile));
  inspector.disconnect();
}
const refused = batch.filter((r) => !r.ok);
if (refused.length > 0) throw new Error(`decisions.sign refused ${String(refused.length)}: ${refused[0]?.message ?? ''}`);
const batchSigned = (await call(ctx, 'decisions.pdf', { id: idAt(0) })).bytes;

// --- (d) @signpdf on the same bytes ------------------------------------------------------------

console.log('@signpdf …');
const theirKey = await signpdfP12(pki, pdfAt(0));
// A new P12Signer per document: its constructor wraps the file in a forge ByteBuffer that the
// first sign() reads to the end, so a second sign() with the same signer fails ("Too few bytes
// to parse DER"). Each sign() then opens the PKCS#12 with forge (PBKDF2 in JavaScript) anyway.
const placeholderTimes: number[] = [];
const theirs = await timeEach(COUNT, async (i) => {
  const t = performance.now();
  const prepared = await withPlaceholder(pdfAt(i));
  placeholderTimes.push(performance.now() - t);
  return signpdf.sign(prepared, new P12Signer(theirKey.p12, { passphrase: theirKey.passphrase }));
});
placeholderTimes.splice(0, WARM_UPS);

// --- (e) openssl cms -sign, one process per document -------------------------------------------

console.log('openssl cms -sign …');
const inputs = pdfs.map((bytes, i) => {
  const file = join(work, `decyzja-${String(i)}.pdf`);
  writeFileSync(file, bytes);
  return file;
});
const cmsArgs = (i: number) => ['cms', '-sign', '-binary', '-in', inputs[i] ?? '', '-signer', pki.certPem, '-inkey', pki.keyPem, '-certfile', pki.chainPem,
  '-outform', 'DER', '-out', join(work, `decyzja-${String(i)}.p7s`), '-md', 'sha256', '-nosmimecap', '-cades'];
const native = await timeEach(COUNT, (i) => openssl(cmsArgs(i), work));
const speed = opensslSpeedRsa2048(work);

// --- checks: only working signatures count -----------------------------------------------------

console.log('Sprawdzenie (pdfsig, openssl cms -verify) …');
const checked: { what: string; verdict: string; ok: boolean }[] = [];
const polishKey = await signpdfP12(polishPki, pdfAt(0));
const samples: [string, Uint8Array, TestChain][] = [
  ['ours (signPdf)', ours.results[0] ?? new Uint8Array(), pki],
  ['ours (decisions.sign, stored file)', batchSigned, pki],
  ['@signpdf', theirs.results[0] ?? new Uint8Array(), pki],
  // The two PDF signers once more with "Łódź" in the issuing CA's name, and ours with an ECDSA
  // issuing CA (@signpdf's attempt at that one follows: it throws). See makeChain.
  ['ours, issuer "Łódź"', await signPdf(pdfAt(0), loadPkcs12(polishPki.p12, polishPki.password), signOptions(0)), polishPki],
  ['@signpdf, issuer "Łódź"', await signpdf.sign(await withPlaceholder(pdfAt(0)), new P12Signer(polishKey.p12, { passphrase: polishKey.passphrase })), polishPki],
  ['ours, ECDSA issuing CA', await signPdf(pdfAt(0), loadPkcs12(ecPki.p12, ecPki.password), signOptions(0)), ecPki],
];
for (const [what, bytes, from] of samples) {
  const file = join(work, `sample-${String(checked.length)}.pdf`);
  writeFileSync(file, bytes);
  const verdict = pdfsigVerdict(file, from.nssDir);
  const mine = await verifyPdf(bytes, { trustedRoots: [from.rootDer] });
  const notes = [...(mine.signatures[0]?.problems ?? []), ...(mine.signatures[0]?.warnings ?? [])];
  checked.push({ what, ok: verdict.ok, verdict: `pdfsig: ${verdict.text}; our verifyPdf: ${mine.valid ? 'valid' : 'INVALID'}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}` });
}
// @signpdf with an ECDSA certificate in the chain: it throws instead of signing.
try {
  const ecKey = await signpdfP12(ecPki, pdfAt(0));
  await signpdf.sign(await withPlaceholder(pdfAt(0)), new P12Signer(ecKey.p12, { passphrase: ecKey.passphrase }));
  checked.push({ what: '@signpdf, ECDSA issuing CA', ok: true, verdict: 'signed (not checked further)' });
} catch (e) {
  checked.push({ what: '@signpdf, ECDSA issuing CA', ok: false, verdict: `P12Signer threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` });
}
const cmsVerify = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(work, 'decyzja-0.p7s'), '-content', inputs[0] ?? '', '-CAfile', pki.rootFile, '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' });
checked.push({ what: 'openssl cms -sign', ok: cmsVerify.status === 0, verdict: `openssl cms -verify: ${cmsVerify.stderr.trim() || `exit ${String(cmsVerify.status)}`}` });
for (const c of checked) console.log(`  ${c.ok ? 'OK ' : 'ZŁY'} ${c.what}: ${c.verdict}`);

profile.close();
rmSync(profile.dir, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });

// --- figures -----------------------------------------------------------------------------------

// Medians head the table and make the ratios: the machine is shared (two cores, other people's
// builds running), and a median shrugs off the documents that waited for a core; means and
// totals are there too, they include those waits.
const sortedOf = (m: Measured) => [...m.times].sort((x, y) => x - y);
const med = (m: Measured) => percentile(sortedOf(m), 50);
const mean = (m: Measured) => m.totalMs / COUNT;
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const total = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);
const p95 = (m: Measured) => `p95 ${ms(percentile(sortedOf(m), 95))} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b >= 10 ? 0 : a / b >= 0.1 ? 2 : 3)}×`;
const verdictOf = (what: string) => checked.find((c) => c.what === what);
const sampleNote = (what: string) => (verdictOf(what)?.ok ? 'first output checked by pdfsig: valid, trusted' : `first output FAILED pdfsig: ${verdictOf(what)?.verdict ?? '?'}`);
const placeholderMedian = percentile([...placeholderTimes].sort((x, y) => x - y), 50);
const rsaMs = speed === null ? null : 1000 / speed;
const pages = `${String(pageCount)} page${pageCount === 1 ? '' : 's'}`;
const batchPer = batchMs / COUNT;
const row = (what: string, m: Measured, detail: string) => `| ${what} | ${ms(med(m))} | ${ms(mean(m))} | ${total(m.totalMs)} | ${p95(m)}; ${detail} |`;
const rows = [
  row('decision PDF generation (`decisionPdf`: template, layout, DejaVu subset)', printing, `${pages}, ${avgPdfKiB.toFixed(1)} KiB on average`),
  row('our signature only (`signPdf`, invisible, PAdES B-B, RSA-2048)', ours, `the printed PDF ends in an xref stream, so it is rewritten with a classic table first; ${sampleNote('ours (signPdf)')}`),
  row('(our signature only, input already ending in a classic xref table)', oursClassic, 'the same decisions saved by pdf-lib with `useObjectStreams: false` beforehand (not timed)'),
  row('our signature with the visible stamp (what `decisions.sign` draws)', oursStamped, 'the stamp embeds a DejaVu Sans subset in every signature'),
  `| our full batch: \`decisions.sign\` of ${String(COUNT)} through dispatch (open PKCS#12, number, print, sign with stamp, store blob, one transaction each) | — | ${ms(batchPer)} | ${total(batchMs)} | one call, as a head signs, so no per-decision times; \`loadPkcs12\` alone ${ms(loadP12Ms)} ms, once per batch; ${sampleNote('ours (decisions.sign, stored file)')} |`,
  row('@signpdf 3.3 (pdf-lib load + `pdflibAddPlaceholder` + save, then `signpdf.sign` with a new `P12Signer`)', theirs, `median placeholder part ${ms(placeholderMedian)} ms, the rest is sign(); ${theirKey.note}; ${sampleNote('@signpdf')}`),
  row('`openssl cms -sign -binary -md sha256 -nosmimecap -cades`, a new process per document, detached CMS over the same bytes', native, `a CMS only, no PDF work; ${verdictOf('openssl cms -sign')?.ok ? 'first checked by openssl cms -verify: ok' : 'first FAILED openssl cms -verify'}`),
];
if (rsaMs !== null && speed !== null) rows.push(`| (\`openssl speed -seconds 2 rsa2048\`: the RSA-2048 private-key operation alone, one core) | ${ms(rsaMs)} | ${ms(rsaMs)} | ${total(rsaMs * COUNT)} | ${speed.toFixed(0)} signatures/s |`);
rows.push(`| (preparing ${String(COUNT)} cases with approved decisions through dispatch, for the above) | — | — | ${setupS.toFixed(1)} s | not measured: open the case, create, save, submit, approve |`);

const ratios = [
  `- ours / @signpdf = **${ratio(med(ours), med(theirs))}** (signature only, same PDFs; with our stamp ${ratio(med(oursStamped), med(theirs))}; by means ${ratio(mean(ours), mean(theirs))})`,
  `- ours / openssl cms -sign = **${ratio(med(ours), med(native))}** (a whole PDF signature in process vs. a bare CMS by a new openssl process; by means ${ratio(mean(ours), mean(native))})`,
  ...(rsaMs === null ? [] : [`- ours / the RSA-2048 operation alone = ${ratio(med(ours), rsaMs)}`]),
  `- full batch / @signpdf = ${ratio(batchPer, mean(theirs))}, full batch / openssl = ${ratio(batchPer, mean(native))} (means; the batch also numbers, prints, draws the stamp and stores every decision)`,
];
const checks = checked.map((c) => `- ${c.what}: ${c.verdict}`);

const theirFaster = med(theirs) < med(ours);
const passwordFailed = theirKey.passphrase !== pki.password;
const limits = [
  ...(verdictOf('@signpdf, ECDSA issuing CA')?.ok === false ? ['its P12Signer cannot use a PKCS#12 whose chain holds an ECDSA certificate (forge cannot parse it; the test PKI in tests/support is such a chain)'] : []),
  ...(passwordFailed ? ['it cannot open a PKCS#12 whose password has Polish letters (forge derives the PBES2 key from the wrong bytes)'] : []),
  ...(verdictOf('@signpdf, issuer "Łódź"')?.ok === false ? ['with "Łódź" in the issuing CA\'s name it writes the issuer into SignerInfo as UTF-8 encoded twice, and pdfsig and our verifier find no signer certificate'] : []),
];
const meaning = [
  `**What it means.** A head signing ${String(COUNT)} decisions waits ${total(batchMs)} (${ms(batchPer)} ms a decision). `,
  `Measured alone, printing the numbered decision takes ${ms(med(printing))} ms and signing it with the stamp ${ms(med(oursStamped))} ms (medians); the batch adds numbering, the blob and a transaction per decision. `,
  `The visible stamp is most of the signing cost: ${ms(med(oursStamped) - med(ours))} ms over the invisible signature (drawing it embeds a DejaVu Sans subset every time; the face itself is parsed once per process, and each word laid out once, since 2026-12-07 — before, every document parsed both 700 KB faces again and the batch took 102–117 ms a decision). `,
  `Our invisible signature is ${ms(med(ours))} ms${rsaMs === null ? '' : `, ${ratio(med(ours), rsaMs)} the bare RSA operation`}; most of the rest is pdf-lib reading the decision, rewriting its xref stream as a classic table and reading it again (${ms(med(oursClassic))} ms when the input already ends in a classic table). `,
  theirFaster
    ? `@signpdf is faster on these PDFs (ours / @signpdf = ${ratio(med(ours), med(theirs))}). `
    : `@signpdf takes ${ratio(med(theirs), med(ours))} as long: every sign() opens the PKCS#12 again with forge (PBKDF2 in JavaScript) and signs with forge's JavaScript RSA; its placeholder step is only ${ms(placeholderMedian)} ms. `,
  `A new \`openssl\` process costs ${ms(med(native))} ms a document${rsaMs === null ? '' : `, of which the RSA operation is ${ms(rsaMs)} ms`}: an external signer started per document would cost ${ratio(med(native), med(ours))} our whole in-process signature before doing any PDF work. `,
  limits.length === 0 ? '' : `@signpdf made working signatures here only with care: ${limits.join('; ')}. Its figures above are for the case that works (all-RSA chain, ASCII issuer name${passwordFailed ? ', ASCII password' : ''}).`,
].join('');

const pdfsigVersion = (/pdfsig version (\S+)/.exec(spawnSync('pdfsig', ['-v'], { encoding: 'utf8' }).stderr)?.[1]) ?? '?';
const opensslVersion = spawnSync('openssl', ['version'], { encoding: 'utf8' }).stdout.trim().split(' ').slice(0, 2).join(' ');
const cpu = cpus()[0]?.model ?? '?';
const TITLE = '## Decision signing';
const header = `${TITLE} — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${String(cpus().length)} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${opensslVersion}, pdfsig ${pdfsigVersion}; load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? NaN).toFixed(1)} at the end. \`npm run bench:signing\` (bench/signing.ts). ${String(COUNT)} decisions (WZ, ${pages} each) made through the services; RSA-2048 test key with an RSA chain (root → issuing CA → person) made by OpenSSL; every signer gets the same unsigned bytes, one after another in one process; ${String(WARM_UPS)} warm-ups each, not counted; medians are the figures to compare (the machine is shared), means = total / ${String(COUNT)}.\n\n| what | ms per decision, median | ms per decision, mean | total, ${String(COUNT)} decisions | detail |\n|---|---|---|---|---|\n`;
const section = `${header}${rows.join('\n')}\n\nRatios (per decision, medians unless said):\n\n${ratios.join('\n')}\n\nChecks of the first output of each signer (pdfsig with an NSS database trusting the test root; our \`verifyPdf\`):\n\n${checks.join('\n')}\n\n${meaning}\n`;
console.log(`\n${section}`);
for (const c of checked) if (!c.ok) console.log(`UWAGA: ${c.what} — ${c.verdict}`);

writeResultsSection(TITLE, section);
console.log(
  JSON.stringify({ bench: 'signing', decisions: COUNT, batchS: Number((batchMs / 1000).toFixed(2)), batchMsPerDecision: Number(batchPer.toFixed(1)), printMs: Number(med(printing).toFixed(1)), stampedSignMs: Number(med(oursStamped).toFixed(1)), signMs: Number(med(ours).toFixed(2)), opensslMs: Number(med(native).toFixed(1)), load: Number((loadavg()[0] ?? 0).toFixed(2)) }),
);
