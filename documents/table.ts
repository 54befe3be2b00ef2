import { rgb } from 'pdf-lib';
import type { Color, PDFFont } from 'pdf-lib';
import type { DocumentFonts } from '#documents/fonts';
import { mm } from '#documents/geometry';
import { BLACK, baselineIn } from '#documents/pageFlow';
import type { PageFlow, TextAlign } from '#documents/pageFlow';
import { drawTextLine } from '#documents/textLine';
import { textMeasurer, wrapText } from '#documents/textWrap';
import type { MeasureText } from '#documents/textWrap';

/** A column: fixed in millimetres, or a share of what the fixed columns leave. */
export type TableColumn = {
  title: string;
  width: { mm: number } | { share: number };
  align?: TextAlign;
};

/** One row; `muted` greys it out (a cancelled register entry). `\n` in a cell breaks the line. */
export type TableRow = {
  cells: readonly string[];
  muted?: boolean;
};

export type TableStyle = {
  fontSize: number;
  headerFontSize: number;
  /** Multiple of the font size. */
  lineHeight: number;
  paddingX: number;
  paddingY: number;
  /** Shade every other row. */
  zebra: boolean;
  /** Vertical lines between columns (a ruled register) besides the rules between rows. */
  grid: boolean;
};

const DEFAULT_STYLE: TableStyle = {
  fontSize: 7.5,
  headerFontSize: 7.5,
  lineHeight: 1.22,
  paddingX: 3,
  paddingY: 2.5,
  zebra: true,
  grid: true,
};

const HEADER_FILL = rgb(0.88, 0.88, 0.88);
const ZEBRA_FILL = rgb(0.955, 0.955, 0.955);
const LINE = rgb(0.6, 0.6, 0.6);
const MUTED_TEXT = rgb(0.5, 0.5, 0.5);

/** Column widths in points for a table `totalWidth` wide. */
export function resolveColumnWidths(columns: readonly TableColumn[], totalWidth: number): number[] {
  let fixed = 0;
  let shares = 0;
  for (const column of columns) {
    if ('mm' in column.width) fixed += mm(column.width.mm);
    else shares += column.width.share;
  }
  const flexible = Math.max(0, totalWidth - fixed);
  return columns.map((column) =>
    'mm' in column.width ? mm(column.width.mm) : shares === 0 ? 0 : (flexible * column.width.share) / shares,
  );
}

/**
 * Draw a table at the flow's cursor, continuing over as many pages as the rows need.
 *
 * The header row is repeated at the top of every page. A row that fits on a page is never
 * split; a row taller than a whole page is split between lines. Cells wrap their text.
 */
export function drawTable(
  flow: PageFlow,
  fonts: DocumentFonts,
  columns: readonly TableColumn[],
  rows: Iterable<TableRow>,
  style: Partial<TableStyle> = {},
): void {
  const s: TableStyle = { ...DEFAULT_STYLE, ...style };
  const widths = resolveColumnWidths(columns, flow.width);
  const xs: number[] = [];
  widths.reduce((x, width) => {
    xs.push(x);
    return x + width;
  }, flow.left);
  const innerWidths = widths.map((width) => Math.max(1, width - 2 * s.paddingX));
  const lineHeight = s.fontSize * s.lineHeight;
  const headerLineHeight = s.headerFontSize * s.lineHeight;
  const regular = textMeasurer(fonts.regular, s.fontSize);
  const headerMeasure = textMeasurer(fonts.bold, s.headerFontSize);

  const headerLines = columns.map((column, i) => wrapText(column.title, innerWidths[i] ?? 1, headerMeasure));
  const headerHeight = Math.max(...headerLines.map((lines) => lines.length)) * headerLineHeight + 2 * s.paddingY;

  let segmentTop = flow.y;

  type Face = { font: PDFFont; size: number; lineHeight: number; measure: MeasureText; color: Color };
  const body: Face = { font: fonts.regular, size: s.fontSize, lineHeight, measure: regular, color: BLACK };
  const mutedBody: Face = { ...body, color: MUTED_TEXT };
  const header: Face = { font: fonts.bold, size: s.headerFontSize, lineHeight: headerLineHeight, measure: headerMeasure, color: BLACK };

  /** One line of a cell, `top` being the top of its line box. */
  const drawCellLine = (text: string, column: number, top: number, face: Face): void => {
    if (text === '') return;
    const x0 = (xs[column] ?? 0) + s.paddingX;
    const inner = innerWidths[column] ?? 0;
    const align = columns[column]?.align ?? 'left';
    const x = align === 'left' ? x0 : align === 'right' ? x0 + inner - face.measure(text) : x0 + (inner - face.measure(text)) / 2;
    drawTextLine(flow.page, text, { x, y: baselineIn(top, face.font, face.size, face.lineHeight), font: face.font, size: face.size, color: face.color });
  };

  const drawHeader = (): void => {
    const page = flow.page;
    segmentTop = flow.y;
    page.drawRectangle({ x: flow.left, y: flow.y - headerHeight, width: flow.width, height: headerHeight, color: HEADER_FILL });
    headerLines.forEach((lines, column) => {
      // Titles sit at the bottom of the header cell, over their column's values.
      const top = flow.y - headerHeight + s.paddingY + lines.length * headerLineHeight;
      lines.forEach((line, i) => drawCellLine(line, column, top - i * headerLineHeight, header));
    });
    flow.y -= headerHeight;
    hRule(flow.y, 0.75);
  };

  const hRule = (y: number, thickness: number): void => {
    flow.page.drawLine({ start: { x: flow.left, y }, end: { x: flow.right, y }, thickness, color: LINE });
  };

  // Vertical lines are drawn once per page, over the whole run of rows, not per cell.
  const closeSegment = (): void => {
    const page = flow.page;
    const bottom = flow.y;
    hRule(segmentTop, 0.75);
    hRule(bottom, 0.75);
    const edges = s.grid ? [...xs, flow.right] : [flow.left, flow.right];
    for (const x of edges) {
      page.drawLine({ start: { x, y: segmentTop }, end: { x, y: bottom }, thickness: 0.5, color: LINE });
    }
  };

  const nextPage = (): void => {
    closeSegment();
    flow.newPage();
    drawHeader();
  };

  if (flow.spaceLeft < headerHeight + lineHeight + 2 * s.paddingY) flow.newPage();
  drawHeader();

  let index = 0;
  for (const row of rows) {
    const cells = columns.map((_, i) => wrapText(row.cells[i] ?? '', innerWidths[i] ?? 1, regular));
    const rowLines = Math.max(1, ...cells.map((lines) => lines.length));
    const rowHeight = rowLines * lineHeight + 2 * s.paddingY;
    const freshPageRoom = flow.pageTop - flow.bottom - headerHeight;
    if (rowHeight > flow.spaceLeft && rowHeight <= freshPageRoom) nextPage();

    const face = row.muted === true ? mutedBody : body;
    let from = 0;
    let freshPage = false;
    while (from < rowLines) {
      const fit = Math.floor((flow.spaceLeft - 2 * s.paddingY) / lineHeight);
      // On a page just begun, one line goes in whatever the room: otherwise a page too short
      // for a single line would loop forever.
      if (fit < 1 && !freshPage) {
        nextPage();
        freshPage = true;
        continue;
      }
      freshPage = false;
      const take = Math.max(1, Math.min(fit, rowLines - from));
      const height = take * lineHeight + 2 * s.paddingY;
      if (s.zebra && index % 2 === 1) {
        flow.page.drawRectangle({ x: flow.left, y: flow.y - height, width: flow.width, height, color: ZEBRA_FILL });
      }
      const top = flow.y - s.paddingY;
      cells.forEach((lines, column) => {
        for (let line = from; line < from + take && line < lines.length; line += 1) {
          drawCellLine(lines[line] ?? '', column, top - (line - from) * lineHeight, face);
        }
      });
      flow.y -= height;
      from += take;
      if (from < rowLines) {
        nextPage();
        freshPage = true;
      }
    }
    hRule(flow.y, 0.25);
    index += 1;
  }
  closeSegment();
}
