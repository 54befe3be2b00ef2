/**
 * E-mail intake speed (not a test: it prints figures and writes bench/RESULTS.md).
 *
 *   npm run bench:mail
 *
 * 1,000 messages as the office's mail rule saves them — Polish text in quoted-printable
 * ISO-8859-2, a one-page PDF of ~120 KB and a photo attached, a distinct Message-ID each — read
 * three ways: parsed only (mailparser: the raw limit of what we build on), read into a
 * registration (parsed, the message rendered as PDF, attachments staged and checked: what the
 * clerk waits for after dropping the file), and read and registered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { openBackend } from '#backend/context';
import { dispatch } from '#core/services/dispatch';
import type { Ctx } from '#core/services/context';
import { readMailMessage } from '#core/intake/mailMessage';
import { simpleMail } from '#tests/support/mail';
import { pngImage } from '#tests/support/pdfs';
import { writeResultsSection } from './results.ts';

const MESSAGES = 1000;

async function call(ctx: Ctx, method: string, input: unknown, bytes?: Uint8Array) {
  const r = await dispatch(ctx, method, input, bytes ? { size: bytes.byteLength, bytes: () => bytes } : undefined);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
}

/** A one-page PDF of about 120 KB (an embedded incompressible block stands for a scanned image). */
async function attachmentPdf(n: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(`Wniosek nr ${String(n)}`, { x: 72, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  let x = n * 2654435761;
  const noise = new Uint8Array(120_000).map(() => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24);
  await doc.attach(noise, 'skan.bin', { mimeType: 'application/octet-stream' });
  return doc.save();
}

function message(n: number, pdf: Uint8Array, png: Uint8Array): Uint8Array {
  return simpleMail({
    fromName: `Zofia Łąkowa ${String(n)}`,
    fromAddress: `zofia${String(n)}@example.pl`,
    subject: `Wniosek o wydanie zaświadczenia nr ${String(n)}`,
    date: new Date('2026-12-01T08:15:00Z'),
    messageId: `bench-${String(n)}@example.pl`,
    text: `Dzień dobry,\nproszę o wydanie zaświadczenia o przeznaczeniu działki nr ${String(n)}/2 w Łące.\nZ poważaniem`,
    attachments: [
      { fileName: 'wniosek.pdf', mime: 'application/pdf', bytes: pdf },
      { fileName: 'zdjecie.png', mime: 'image/png', bytes: png },
    ],
  });
}

const load = loadavg()[0] ?? 0;
const dir = mkdtempSync(join(tmpdir(), 'kancelaria-bench-poczta-'));
try {
  const messages: Uint8Array[] = [];
  // pngImage repeats every 256 seeds: the height tells the rest apart (a duplicate photo would stop the registration).
  for (let n = 1; n <= MESSAGES; n++) messages.push(message(n, await attachmentPdf(n), pngImage(n, 400, 300 + Math.floor(n / 256))));
  const megabytes = messages.reduce((s, m) => s + m.byteLength, 0) / 2 ** 20;

  let t = performance.now();
  for (const m of messages) await readMailMessage(m);
  const parseS = (performance.now() - t) / 1000;

  const ctx = openBackend({ profileDir: join(dir, 'profil'), mode: 'browser', demo: true, demoLetters: false, quiet: true });
  const users = (await call(ctx, 'session.demoUsers', {})) as unknown as { id: string; login: string }[];
  await call(ctx, 'session.signIn', { userId: users.find((u) => u.login === 'akowalska')?.id });
  const unit = ((await call(ctx, 'office.units', {})) as unknown as { id: string }[])[0]?.id ?? '';
  const sender = String((await call(ctx, 'parties.create', { kind: 'person', firstName: 'Zofia', lastName: 'Łąkowa' })).id);

  const half = MESSAGES / 2;
  t = performance.now();
  for (const [i, m] of messages.slice(0, half).entries()) await call(ctx, 'intake.readMessage', { fileName: `w${String(i)}.eml` }, m);
  const readS = (performance.now() - t) / 1000;

  t = performance.now();
  for (const [i, m] of messages.slice(half).entries()) {
    const draft = (await call(ctx, 'intake.readMessage', { fileName: `r${String(i)}.eml` }, m)) as { subject: string; messageId: string; scans: { sha256: string; fileName: string }[] };
    await call(ctx, 'intake.register', { channel: 'email', receivedAt: new Date(Date.now() - 60_000).toISOString(), senderId: sender, senderReference: null, letterDate: null, subject: draft.subject, attachmentsCount: 0, trackingNumber: null, remarks: null, unitId: unit, externalId: draft.messageId, scans: draft.scans.map((s) => ({ sha256: s.sha256, fileName: s.fileName })) });
  }
  const registerS = (performance.now() - t) / 1000;
  ctx.store.close();

  const rate = (n: number, s: number) => (n / s).toFixed(0);
  const date = new Date().toISOString().slice(0, 10);
  const section = [
    `## E-mail intake — ${date}`,
    '',
    `Machine: ${String(cpus().length)} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average (1 min) ${load.toFixed(1)} at the start. \`npm run bench:mail\` (bench/mail.ts): ${String(MESSAGES)} messages (${megabytes.toFixed(0)} MB), each ISO-8859-2 quoted-printable text, a ~120 KB PDF and a 400×300 PNG, a Message-ID of its own; one process, one after another, on the encrypted store.`,
    '',
    '| what | messages/s | ms per message |',
    '|---|---|---|',
    `| parsed only (mailparser, the raw limit) | ${rate(MESSAGES, parseS)} | ${((parseS * 1000) / MESSAGES).toFixed(1)} |`,
    `| read into a registration (parsed, rendered as PDF, PDF and photo staged, signatures looked for) | ${rate(half, readS)} | ${((readS * 1000) / half).toFixed(1)} |`,
    `| read and registered (numbered, metryka, search index) | ${rate(half, registerS)} | ${((registerS * 1000) / half).toFixed(1)} |`,
    '',
    `Reading into a registration costs ${(readS / half / (parseS / MESSAGES)).toFixed(1)}× parsing alone: the message's own PDF is rendered and every file written to the encrypted blob store.`,
  ].join('\n');
  process.stdout.write(`${section}\n`);
  writeResultsSection('## E-mail intake', section);
  process.stdout.write(`${JSON.stringify({ bench: 'mail', date, parsedPerS: +(MESSAGES / parseS).toFixed(0), readPerS: +(half / readS).toFixed(0), registeredPerS: +(half / registerS).toFixed(0), load: +load.toFixed(1) })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
