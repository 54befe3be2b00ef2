import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, type PDFImage } from 'pdf-lib';
import { embedDocumentFonts } from '#documents/fonts';

/** A resident's letter in Polish, every diacritic of the language in it. */
export const POLISH_LETTER = [
  'Wójt Gminy Przykładowa',
  'Wniosek o wydanie zaświadczenia o niezaleganiu w podatkach',
  'Zwracam się z uprzejmą prośbą o wydanie zaświadczenia',
  'potwierdzającego, że nie zalegam z podatkiem od nieruchomości',
  'za działkę nr 123/4 położoną w miejscowości Łęczna.',
  'Źródło dochodu: gospodarstwo rolne. Żółta ściana, gęślą jaźń.',
  'Z poważaniem, Józef Ćwikła',
];

/**
 * A typed Polish page "scanned": drawn as a PDF, rasterized by pdftoppm at `dpi` in grey, as
 * the office's scanner would save it — a PNG, a JPEG, and each wrapped as a scanner's PDF (one
 * picture filling an A4 page; the PNG's picture stored Flate-coded, the JPEG's as DCT).
 */
export async function scannedPolishPage(lines: readonly string[] = POLISH_LETTER, dpi = 300): Promise<{ png: Uint8Array; jpeg: Uint8Array; pngPdf: Uint8Array; jpegPdf: Uint8Array; typedPdf: Uint8Array }> {
  const doc = await PDFDocument.create();
  const fonts = await embedDocumentFonts(doc);
  const page = doc.addPage([595.28, 841.89]);
  lines.forEach((t, i) => page.drawText(t, { x: 60, y: 760 - i * 24, size: 12, font: fonts.regular }));
  const typedPdf = await doc.save();
  const dir = mkdtempSync(join(tmpdir(), 'skan-'));
  try {
    writeFileSync(join(dir, 'strona.pdf'), typedPdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-singlefile', join(dir, 'strona.pdf'), join(dir, 'png')]);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-jpeg', '-jpegopt', 'quality=85', '-singlefile', join(dir, 'strona.pdf'), join(dir, 'jpeg')]);
    const png = readFileSync(join(dir, 'png.png'));
    const jpeg = readFileSync(join(dir, 'jpeg.jpg'));
    const wrap = async (embed: (d: PDFDocument) => Promise<PDFImage>) => {
      const d = await PDFDocument.create();
      const img = await embed(d);
      d.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
      return d.save();
    };
    return { png, jpeg, typedPdf, pngPdf: await wrap((d) => d.embedPng(png)), jpegPdf: await wrap((d) => d.embedJpg(jpeg)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
