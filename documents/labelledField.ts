import type { DocumentFonts } from '#documents/fonts';
import { mm } from '#documents/geometry';
import { MUTED } from '#documents/officeHeader';
import { baselineIn, type PageFlow } from '#documents/pageFlow';
import { textMeasurer, wrapText } from '#documents/textWrap';

/** Sizes of a label-and-value block (receipts, case headers). */
export type LabelledFieldStyle = { labelColumn: number; fieldSize: number; labelSize: number; gapAfter: number };

/**
 * A label in the left column and its value wrapped in the right one, flowing on if the page
 * fills; the label (smaller, grey) sits on the same baseline as the value's first line.
 */
export function drawLabelledField(flow: PageFlow, fonts: DocumentFonts, style: LabelledFieldStyle, label: string, value: string, bold = false): void {
  const lineHeight = style.fieldSize * 1.3;
  flow.ensureSpace(lineHeight);
  const labelLines = wrapText(label, style.labelColumn - mm(3), textMeasurer(fonts.regular, style.labelSize));
  const top = flow.y;
  labelLines.forEach((line, i) => {
    flow.page.drawText(line, {
      x: flow.left,
      y: baselineIn(top - i * lineHeight, fonts.regular, style.fieldSize, lineHeight),
      font: fonts.regular,
      size: style.labelSize,
      color: MUTED,
    });
  });
  flow.paragraph(value, { font: bold ? fonts.bold : fonts.regular, size: style.fieldSize, lineHeight: 1.3, indent: style.labelColumn });
  flow.y = Math.min(flow.y, top - labelLines.length * lineHeight);
  flow.moveDown(style.gapAfter);
}
