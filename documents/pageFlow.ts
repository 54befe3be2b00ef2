import { rgb } from 'pdf-lib';
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import type { PageSize } from '#documents/geometry';
import { textMeasurer, wrapText } from '#documents/textWrap';

/** Page margins in points. */
export type Margins = {
  top: number;
  right: number;
  bottom: number;
  left: number;
};

export type TextAlign = 'left' | 'center' | 'right';

/** How a paragraph is set. `lineHeight` is a multiple of the font size. */
export type ParagraphStyle = {
  font: PDFFont;
  size: number;
  lineHeight?: number;
  color?: Color;
  align?: TextAlign;
  /** Points from the left margin; the paragraph keeps the same right edge. */
  indent?: number;
  /** Narrower than the rest of the line; defaults to the body width less `indent`. */
  width?: number;
};

export type PageFlowOptions = {
  size: PageSize;
  margins: Margins;
  /**
   * Draws what repeats at the top of each page (running header) and returns the y at which the
   * body starts. Without it the body starts at the top margin.
   */
  startPage?: (page: PDFPage, pageIndex: number) => number;
};

export const BLACK = rgb(0, 0, 0);

/**
 * The y of the baseline that centres a line of `size` text in a line box starting at `top`.
 *
 * Uses the font's own ascent and descent, so accented capitals (Ż, Ś, Ł) stay inside the box.
 */
export function baselineIn(top: number, font: PDFFont, size: number, lineHeight: number): number {
  const ascent = font.heightAtSize(size, { descender: false });
  const fontHeight = font.heightAtSize(size);
  return top - (lineHeight - fontHeight) / 2 - ascent;
}

/**
 * A cursor that moves down the pages of a document and adds a page when the body is full.
 *
 * `y` is the top of the next thing to draw; everything below `bottom` belongs to the footer.
 */
export class PageFlow {
  readonly doc: PDFDocument;
  readonly size: PageSize;
  readonly margins: Margins;
  private readonly startPage: PageFlowOptions['startPage'];
  page: PDFPage;
  y: number;
  /** Where the body of the current page began, under its running header. */
  pageTop: number;

  constructor(doc: PDFDocument, options: PageFlowOptions) {
    this.doc = doc;
    this.size = options.size;
    this.margins = options.margins;
    this.startPage = options.startPage;
    this.page = doc.addPage([...options.size]);
    this.y = this.pageTop = this.beginPage();
  }

  get left(): number {
    return this.margins.left;
  }

  get right(): number {
    return this.size[0] - this.margins.right;
  }

  get width(): number {
    return this.right - this.left;
  }

  get bottom(): number {
    return this.margins.bottom;
  }

  /** Space left on the current page, in points. */
  get spaceLeft(): number {
    return this.y - this.bottom;
  }

  private beginPage(): number {
    const top = this.size[1] - this.margins.top;
    if (this.startPage === undefined) return top;
    return Math.min(top, this.startPage(this.page, this.doc.getPageCount() - 1));
  }

  /** Start a new page and put the cursor under its running header. */
  newPage(): PDFPage {
    this.page = this.doc.addPage([...this.size]);
    this.y = this.pageTop = this.beginPage();
    return this.page;
  }

  /** Start a new page unless `height` points still fit on this one; true if it did. */
  ensureSpace(height: number): boolean {
    if (height <= this.spaceLeft) return false;
    this.newPage();
    return true;
  }

  moveDown(points: number): void {
    this.y -= points;
  }

  /**
   * Set a paragraph at the cursor, wrapped to the body width, continuing on new pages.
   *
   * Lines are never split between pages; the cursor ends under the last line.
   */
  paragraph(text: string, style: ParagraphStyle): void {
    const indent = style.indent ?? 0;
    const width = style.width ?? this.width - indent;
    const lineHeight = style.size * (style.lineHeight ?? 1.25);
    const measure = textMeasurer(style.font, style.size);
    const color = style.color ?? BLACK;
    const x0 = this.left + indent;
    for (const line of wrapText(text, width, measure)) {
      this.ensureSpace(lineHeight);
      let x = x0;
      if (style.align === 'center') x = x0 + (width - measure(line)) / 2;
      else if (style.align === 'right') x = x0 + width - measure(line);
      if (line !== '') {
        const y = baselineIn(this.y, style.font, style.size, lineHeight);
        this.page.drawText(line, { x, y, font: style.font, size: style.size, color });
      }
      this.y -= lineHeight;
    }
  }
}
