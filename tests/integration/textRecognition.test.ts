import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import type { IncomingDetail, ScanTextState } from '#core/contract';
import { sha256Of } from '#db/blobStore';
import { startTextRecognition } from '#backend/textRecognition';
import { scannedPolishPage } from '#tests/support/scannedPage';
import { call, createSender, letterInput, openDemoProfile, signIn, stageScan, tempDir, unitId, type TestProfile } from '#tests/support/profile';

/*
 * Item 6 of "The letter's whole life": every scanned page gets a searchable Polish text layer,
 * in the background, as a new file; the search box finds words inside scans with and without
 * their diacritics. Real tesseract (wasm) with the Polish model, real pdftoppm pages.
 */
/** Where a word is on page 1 (pdftotext's bounding box, points from the top left). */
function wordBox(file: string, word: string): { x: number; y: number } {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  const m = new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)"[^>]*>${word}[.,]?</word>`).exec(html);
  if (!m) throw new Error(`${word} not found in ${file}`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

describe('text recognition (OCR) of scans', () => {
  let p: TestProfile;
  let recognition: ReturnType<typeof startTextRecognition>;
  let page: Awaited<ReturnType<typeof scannedPolishPage>>;
  let fromPng: IncomingDetail;
  let fromPdf: IncomingDetail;
  let mixed: IncomingDetail;
  const dir = tempDir('ocr');
  const states = (sha256s: string[]) => call(p.ctx, 'scans.texts', { sha256s });

  async function readAll(sha256s: string[]): Promise<ScanTextState[]> {
    const deadline = Date.now() + 150_000;
    const seen = new Set<string>();
    for (;;) {
      const now = await states(sha256s);
      for (const s of now) seen.add(s.state);
      if (now.every((s) => s.state !== 'waiting' && s.state !== 'working')) {
        // The background reader was seen at work (progress is what the letter window shows).
        expect([...seen]).toContain('working');
        return now;
      }
      if (Date.now() > deadline) throw new Error(`text recognition did not finish: ${JSON.stringify(now)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    p = openDemoProfile();
    page = await scannedPolishPage();
    await signIn(p.ctx, 'akowalska');
    const gk = await unitId(p.ctx, 'GK');
    const sender = await createSender(p.ctx, 'Ćwikła');
    const register = async (fileName: string, bytes: Uint8Array) => {
      const staged = await stageScan(p.ctx, fileName, bytes);
      return call(p.ctx, 'intake.register', letterInput(sender.id, gk, { subject: 'Pismo', scans: [{ sha256: staged.sha256, fileName }] }));
    };
    // A scanner's PDF of two pages: a scanned page, then a typed one (text, no picture).
    const two = await PDFDocument.create();
    const [scanned] = await two.copyPages(await PDFDocument.load(page.jpegPdf), [0]);
    const [typed] = await two.copyPages(await PDFDocument.load(page.typedPdf), [0]);
    if (!scanned || !typed) throw new Error('pages not copied');
    two.addPage(scanned);
    two.addPage(typed);
    fromPng = await register('wniosek.png', page.png);
    fromPdf = await register('wniosek-skan.pdf', page.pngPdf);
    mixed = await register('dwie-strony.pdf', await two.save());
    // Nothing read before the reader runs: a letter's scan is shown as waiting.
    expect((await states([fromPng.scans[0]?.sha256 ?? ''])).map((s) => s.state)).toEqual(['off']);
    recognition = startTextRecognition(p.ctx, { intervalMs: 50 });
    p.ctx.textRecognition = recognition;
  }, 60_000);
  afterAll(async () => {
    await recognition.stop();
    p.close();
  });

  it('reads each scan in the background and keeps a new PDF with the text layer, the original untouched', async () => {
    const scans = [fromPng, fromPdf, mixed].map((l) => l.scans[0]?.sha256 ?? '');
    const originals = scans.map((sha) => Buffer.from(p.ctx.blobs.read(sha)));
    const [png, pdf, two] = await readAll(scans);
    expect(png).toMatchObject({ state: 'done', pages: 1, pagesRead: 1, reason: null });
    expect(pdf).toMatchObject({ state: 'done', pages: 1, pagesRead: 1, reason: null });
    expect(two).toMatchObject({ state: 'done', pages: 2, pagesRead: 1, reason: 'strona 2: strona nie jest obrazem (tekst zapisany w pliku)' });
    expect(png?.excerpt).toContain('Wniosek o wydanie zaświadczenia');

    for (const [i, s] of [png, pdf, two].entries()) {
      // The scan itself is as it was registered: same bytes, same address.
      const original = originals[i] ?? Buffer.alloc(0);
      expect(sha256Of(p.ctx.blobs.read(scans[i] ?? ''))).toBe(scans[i]);
      expect(Buffer.from(p.ctx.blobs.read(scans[i] ?? '')).equals(original)).toBe(true);
      // The copy with the text layer: a valid PDF (qpdf), its text what the page says (pdftotext).
      const layer = await call(p.ctx, 'scans.blob', { sha256: s?.layerSha256 ?? '' });
      expect(layer.mime).toBe('application/pdf');
      const file = join(dir, `warstwa-${String(i)}.pdf`);
      writeFileSync(file, layer.bytes);
      execFileSync('qpdf', ['--check', file]);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('potwierdzającego, że nie zalegam z podatkiem od nieruchomości');
      expect(text).toContain('Łęczna');
      // Each word lies over its picture: selecting or finding it in a viewer marks the right place.
      writeFileSync(join(dir, 'typed.pdf'), page.typedPdf);
      const where = wordBox(join(dir, 'typed.pdf'), 'nieruchomości');
      const laid = wordBox(file, 'nieruchomości');
      expect(Math.abs(laid.x - where.x), `x of ${String(i)}`).toBeLessThan(4);
      expect(Math.abs(laid.y - where.y), `y of ${String(i)}`).toBeLessThan(4);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+(1|2)/);
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    }
    // The two-page scan's copy keeps both pages: the typed one as it was.
    expect(execFileSync('pdfinfo', [join(dir, 'warstwa-2.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
  }, 180_000);

  it('finds the words of a scan with their diacritics and without, and says they were in the scan', async () => {
    for (const q of ['nieruchomości', 'nieruchomosci', 'Łęczna', 'leczna', 'gospodarstwo rolne']) {
      const r = await call(p.ctx, 'search.all', { q });
      expect(r.letters.map((l) => l.id).sort(), q).toEqual([fromPng.id, fromPdf.id, mixed.id].sort());
      for (const l of r.letters) expect(l.snippet, q).toMatch(/^w treści skanu: /);
    }
    const hit = (await call(p.ctx, 'search.all', { q: 'leczna' })).letters.find((l) => l.id === fromPng.id);
    expect(hit?.snippet).toContain('[[Łęczna]]');
    // The register's "Szukaj (numer, nadawca, treść)" finds them too.
    const register = await call(p.ctx, 'register.list', { filter: { text: 'leczna' }, sort: {}, offset: 0, limit: 50 });
    expect(register.rows.map((r) => r.id).sort()).toEqual([fromPng.id, fromPdf.id, mixed.id].sort());
    // A word typed in the letter's own fields still wins, and is shown from the fields.
    const own = await call(p.ctx, 'search.all', { q: 'Ćwikła' });
    expect(own.letters.length).toBe(3);
    expect(own.letters[0]?.snippet).not.toMatch(/^w treści skanu/);
    // Another unit's clerk finds nothing of GK's mail, not even by the words of its scans.
    await signIn(p.ctx, 'edabrowska');
    expect((await call(p.ctx, 'search.all', { q: 'nieruchomosci' })).letters).toEqual([]);
    await signIn(p.ctx, 'akowalska');
  });

  it('does not read a scan twice: the reading is kept by the file, whatever letters carry it', async () => {
    const gk = await unitId(p.ctx, 'GK');
    const again = await call(p.ctx, 'intake.register', letterInput(fromPng.sender.id, gk, { subject: 'Ponownie', acknowledgeDuplicates: true, scans: [{ sha256: fromPng.scans[0]?.sha256 ?? '', fileName: 'kopia.png' }] }));
    const [s] = await states([again.scans[0]?.sha256 ?? '']);
    expect(s?.state).toBe('done');
    expect((await call(p.ctx, 'search.all', { q: 'leczna' })).letters.map((l) => l.id)).toContain(again.id);
  });
});
