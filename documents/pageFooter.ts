import type { PDFDocument } from 'pdf-lib';
import type { DocumentFonts } from '#documents/fonts';
import { MUTED, RULE } from '#documents/officeHeader';
import type { Margins } from '#documents/pageFlow';
import { textMeasurer } from '#documents/textWrap';

export type FooterText = {
  /** Left side: when and by whom the document was generated, a case sign. */
  left?: string;
};

const FOOTER_SIZE = 7.5;

/** Points the footer takes above the bottom margin; keep the body above this. */
export const FOOTER_HEIGHT = 16;

/**
 * Draw "Strona N z M" on every page, once layout is done and M is known.
 *
 * The footer lives under the body, in the bottom margin: its baseline is FOOTER_HEIGHT below
 * `margins.bottom`, so that margin must be FOOTER_HEIGHT plus the printer's unprintable edge.
 */
export function drawPageFooters(doc: PDFDocument, fonts: DocumentFonts, margins: Margins, text: FooterText = {}): void {
  const pages = doc.getPages();
  const measure = textMeasurer(fonts.regular, FOOTER_SIZE);
  pages.forEach((page, index) => {
    const { width } = page.getSize();
    const left = margins.left;
    const right = width - margins.right;
    const ruleY = margins.bottom - FOOTER_HEIGHT + FOOTER_SIZE + 4;
    const baseline = margins.bottom - FOOTER_HEIGHT;
    page.drawLine({ start: { x: left, y: ruleY }, end: { x: right, y: ruleY }, thickness: 0.5, color: RULE });
    if (text.left !== undefined) {
      page.drawText(text.left, { x: left, y: baseline, font: fonts.regular, size: FOOTER_SIZE, color: MUTED });
    }
    const pageLabel = `Strona ${index + 1} z ${pages.length}`;
    page.drawText(pageLabel, {
      x: right - measure(pageLabel),
      y: baseline,
      font: fonts.regular,
      size: FOOTER_SIZE,
      color: MUTED,
    });
  });
}
