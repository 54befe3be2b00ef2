import { beginText, endText, moveText, popGraphicsState, pushGraphicsState, setFillingColor, setFontAndSize, showText } from 'pdf-lib';
import type { Color, PDFFont, PDFName, PDFPage } from 'pdf-lib';

export type TextLineStyle = { x: number; y: number; font: PDFFont; size: number; color: Color };

// What pdf-lib's drawText takes out of the text it is given (its cleanText): tabs and line or
// paragraph separators become spaces, backspace and vertical tab go.
const UNPRINTABLE = /[\t\u0085\u2028\u2029\b\v]/;

/**
 * One line of text at (x, y), as pdf-lib's `page.drawText` draws it, for tables of thousands of
 * lines: drawText checks each of its fifteen options on every call, and writes a text matrix
 * and line height a single unrotated line does not need (a spis spraw of 5,000 cases spent a
 * quarter of its time there). The same glyphs, font, size, colour and place; the line's own
 * graphics state, so nothing it sets reaches what is drawn after it.
 */
export function drawTextLine(page: PDFPage, text: string, style: TextLineStyle): void {
  const clean = UNPRINTABLE.test(text) ? text.replace(/[\t\u0085\u2028\u2029]/g, '    ').replace(/[\b\v]/g, '') : text;
  // setFont gives the font its one name on this page (documents/fonts.ts).
  page.setFont(style.font);
  const name = (page as unknown as { fontKey: PDFName }).fontKey;
  page.pushOperators(
    pushGraphicsState(),
    beginText(),
    setFillingColor(style.color),
    setFontAndSize(name, style.size),
    moveText(style.x, style.y),
    showText(style.font.encodeText(clean)),
    endText(),
    popGraphicsState(),
  );
}
