/**
 * The visible mark of a signature: a framed box with who signed and when, drawn as the
 * widget's appearance stream (ISO 32000-1 §12.7.4.5, §12.5.5).
 *
 * It is only a picture: what proves the signature is the CMS. DejaVu Sans (the documents'
 * font) because names carry Polish letters the standard fonts cannot encode. The person's
 * identifier (PESEL in serialNumber) is deliberately not printed.
 */
import {
  PDFName,
  closePath,
  degrees,
  drawText,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingColor,
  setLineWidth,
  setStrokingColor,
  stroke,
  type PDFDocument,
  type PDFFont,
  type PDFOperator,
  type PDFRef,
} from 'pdf-lib';
import { embedDocumentFonts } from '#documents/fonts';

export type StampLine = { text: string; bold?: boolean };

const PADDING = 4;
const LINE_GAP = 1.25;

/**
 * Builds the appearance XObject for a `width` × `height` box and returns its reference.
 *
 * The font size is the largest (up to 9 pt) at which every line fits the box.
 */
export async function stampAppearance(doc: PDFDocument, lines: readonly StampLine[], width: number, height: number): Promise<PDFRef> {
  const fonts = await embedDocumentFonts(doc);
  const fontOf = (line: StampLine): PDFFont => (line.bold === true ? fonts.bold : fonts.regular);
  const widest = Math.max(...lines.map((line) => fontOf(line).widthOfTextAtSize(line.text, 1)), 1);
  const size = Math.max(4, Math.min(9, (width - 2 * PADDING) / widest, (height - 2 * PADDING) / (lines.length * LINE_GAP)));

  const blue = rgb(0.12, 0.25, 0.55);
  const operators: PDFOperator[] = [
    pushGraphicsState(),
    // Opaque: the mark must stay legible wherever the clerk puts it, even over text.
    setFillingColor(rgb(1, 1, 1)),
    rectangle(0, 0, width, height),
    fill(),
    setStrokingColor(blue),
    setLineWidth(0.8),
    moveTo(0.4, 0.4),
    lineTo(width - 0.4, 0.4),
    lineTo(width - 0.4, height - 0.4),
    lineTo(0.4, height - 0.4),
    closePath(),
    stroke(),
    popGraphicsState(),
  ];
  let y = height - PADDING - size;
  for (const line of lines) {
    operators.push(
      ...drawText(fontOf(line).encodeText(line.text), {
        x: PADDING,
        y,
        size,
        font: line.bold === true ? 'F2' : 'F1',
        color: line.bold === true ? blue : rgb(0, 0, 0),
        rotate: degrees(0),
        xSkew: degrees(0),
        ySkew: degrees(0),
      }),
    );
    y -= size * LINE_GAP;
  }

  const stream = doc.context.formXObject(operators, {
    BBox: [0, 0, width, height],
    Resources: { Font: { F1: fonts.regular.ref, F2: fonts.bold.ref } },
  });
  stream.dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
  const ref = doc.context.register(stream);
  // Normally done by save(); here the objects go into an incremental update instead.
  await fonts.regular.embed();
  await fonts.bold.embed();
  return ref;
}
