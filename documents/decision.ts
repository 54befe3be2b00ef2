import { PDFDocument, rgb } from 'pdf-lib';
import type { PDFFont, PDFImage, PDFPage } from 'pdf-lib';
import { parseBody, type BodyLine } from '#core/decisions/markup';
import type { RenderedDocument } from '#core/decisions/templates';
import { embedDocumentFonts } from '#documents/fonts';
import type { DocumentFonts } from '#documents/fonts';
import { A4_PORTRAIT, mm } from '#documents/geometry';
import { drawTextLine, flowLines, tiePolishText, type LineStyle } from '#documents/justifiedText';
import { MUTED, RULE } from '#documents/officeHeader';
import type { OfficeHeader } from '#documents/officeHeader';
import { FOOTER_HEIGHT, drawPageFooters } from '#documents/pageFooter';
import { PageFlow, baselineIn } from '#documents/pageFlow';
import type { Margins } from '#documents/pageFlow';
import { setDocumentInfo } from '#documents/pdfMetadata';
import { SIGNED_MARK_KEY, signedMarkText, type SignedOver } from '#core/decisions/signedMark';
import { parseInstant } from '#documents/polishDates';
import { textMeasurer, wrapText } from '#documents/textWrap';

// A decision, certificate or letter of the organ as printed and signed (KPA art. 107 §1: the
// organ, the date, the parties, the legal basis, the ruling, the justification, the instruction,
// the signature), A4 portrait.
//
// Layout decisions:
// - First page only: the letterhead (coat of arms, office name and address, a rule), the case
//   sign on the left and "Zażółć, dnia 14 maja 2026 r." on the right on one line, the centred
//   title. Later pages carry only the body and the footer: the footer repeats the case sign and
//   the title with "Strona N z M", so a loose page still says which decision it belongs to.
// - Left margin 25 mm, for the binding of the case file.
// - The crest: the office's PNG when configured, scaled into its box; otherwise a thin outlined
//   shield marked "herb", which reads as a reserved place rather than as an emblem.
// - Body: DejaVu Sans (the documents' one font, with every Polish glyph) at 10 pt, justified,
//   with Polish ties (no one-letter word at a line's end; "art. 107" never split). Headings are
//   centred and bold and never left at a page's foot; no paragraph leaves one line alone at the
//   foot or head of a page. Numbered points hang.
// - Signature bottom right, after the body, kept in one piece: the name, the position, and
//   "/podpisano elektronicznie/" for an electronic decision; on paper, room above the name for
//   the handwritten signature. Then "Otrzymują:" with the parties numbered and "a/a" last, under
//   the signature, or beside it at the bottom left when that keeps the list on the same page
//   (a page holding only the list of recipients looks like a stray sheet).

/** What renderDecision sets on the page. */
export type DecisionPdfData = {
  office: OfficeHeader;
  /** The gmina's coat of arms as PNG; without it a placeholder shield is drawn. */
  crestPng?: Uint8Array | null;
  /** The rendered template (core/decisions/templates.ts renderDocumentTemplate). */
  document: Pick<RenderedDocument, 'reference' | 'placeDate' | 'title' | 'body' | 'signature'>;
  /** Signed electronically (qualified signature or seal): says so under the signature. */
  electronic: boolean;
  /** A letter's addressee, top right under the date, one line each; decisions list parties under "Otrzymują:". */
  addressee?: readonly string[];
  /** The parties, one entry each: "Jan Kowalski, ul. Polna 3, 34-100 Żółtki". */
  recipients: readonly string[];
  /** End the list with "a/a" (the copy for the case file); true unless said otherwise. */
  fileCopy?: boolean;
  /** ISO instant for the PDF's metadata; without it no date is written and the bytes repeat. */
  createdAt?: string;
  /** The decision and its number, kept in the file's information for the check at signing (core/decisions/signedMark.ts). */
  signedOver?: SignedOver;
};

const MARGINS: Margins = { top: mm(14), right: mm(20), bottom: mm(10) + FOOTER_HEIGHT, left: mm(25) };

const CREST_WIDTH = mm(15);
const CREST_HEIGHT = mm(18);

const BODY_SIZE = 10;
const BODY_LINE = 1.38;
const HEADING_SIZE = 11;
const TITLE_SIZE = 15;
const SUBTITLE_SIZE = 11.5;
const SMALL_SIZE = 9.5;

/** Points between paragraphs (a blank line in the body) and between lines of one paragraph. */
const PARAGRAPH_GAP = BODY_SIZE * 0.65;
const LINE_BREAK_GAP = BODY_SIZE * 0.2;

/** Hanging indents: the marker column of a point and a sub-point. */
const POINT_INDENT = mm(6);
const SUBPOINT_INDENT = mm(6);

const PLACEHOLDER_GREY = rgb(0.62, 0.62, 0.62);

/** A heater shield, `w` by `h`, in SVG coordinates (y down from the top left). */
function shieldPath(w: number, h: number): string {
  const f = (n: number): string => n.toFixed(2);
  return `M 0 0 L ${f(w)} 0 L ${f(w)} ${f(h * 0.56)} C ${f(w)} ${f(h * 0.8)} ${f(w * 0.74)} ${f(h * 0.92)} ${f(w / 2)} ${f(h)} C ${f(w * 0.26)} ${f(h * 0.92)} 0 ${f(h * 0.8)} 0 ${f(h * 0.56)} Z`;
}

function drawCrest(page: PDFPage, fonts: DocumentFonts, crest: PDFImage | null, left: number, top: number): void {
  if (crest !== null) {
    const scale = Math.min(CREST_WIDTH / crest.width, CREST_HEIGHT / crest.height);
    const width = crest.width * scale;
    const height = crest.height * scale;
    page.drawImage(crest, { x: left + (CREST_WIDTH - width) / 2, y: top - height, width, height });
    return;
  }
  page.drawSvgPath(shieldPath(CREST_WIDTH, CREST_HEIGHT), { x: left, y: top, borderColor: PLACEHOLDER_GREY, borderWidth: 0.6 });
  const label = 'herb';
  const size = 6.5;
  const width = textMeasurer(fonts.regular, size)(label);
  page.drawText(label, { x: left + (CREST_WIDTH - width) / 2, y: top - CREST_HEIGHT * 0.5, font: fonts.regular, size, color: PLACEHOLDER_GREY });
}

/** The letterhead of the first page; returns the y under it, where the page's text starts. */
function drawLetterhead(page: PDFPage, fonts: DocumentFonts, office: OfficeHeader, crest: PDFImage | null): number {
  const { width: pageWidth, height: pageHeight } = page.getSize();
  const left = MARGINS.left;
  const right = pageWidth - MARGINS.right;
  const top = pageHeight - MARGINS.top;
  drawCrest(page, fonts, crest, left, top);

  const x = left + CREST_WIDTH + mm(5);
  const textWidth = right - x;
  const nameSize = 12.5;
  let y = top - mm(1.5);
  for (const line of wrapText(office.name, textWidth, textMeasurer(fonts.bold, nameSize))) {
    page.drawText(line, { x, y: y - nameSize * 0.8, font: fonts.bold, size: nameSize });
    y -= nameSize * 1.25;
  }
  y -= 2;
  const addressSize = 9;
  for (const line of office.addressLines) {
    page.drawText(line, { x, y: y - addressSize * 0.8, font: fonts.regular, size: addressSize, color: MUTED });
    y -= addressSize * 1.35;
  }
  if (office.contactLine !== undefined && office.contactLine !== '') {
    const contactSize = 8;
    for (const line of wrapText(office.contactLine, textWidth, textMeasurer(fonts.regular, contactSize))) {
      page.drawText(line, { x, y: y - contactSize * 0.8, font: fonts.regular, size: contactSize, color: MUTED });
      y -= contactSize * 1.35;
    }
  }
  const ruleY = Math.min(top - CREST_HEIGHT, y) - mm(3);
  page.drawLine({ start: { x: left, y: ruleY }, end: { x: right, y: ruleY }, thickness: 0.6, color: RULE });
  return ruleY - mm(5);
}

function nonEmptyLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Case sign on the left, place and date on the right; stacked when they do not fit side by side. */
function drawReferenceLine(flow: PageFlow, fonts: DocumentFonts, reference: string, placeDate: string): void {
  const size = 10;
  const lineHeight = size * 1.4;
  const measure = textMeasurer(fonts.regular, size);
  const style = { font: fonts.regular, size };
  const baseline = (): number => baselineIn(flow.y, fonts.regular, size, lineHeight);
  if (measure(reference) + measure(placeDate) + mm(10) <= flow.width) {
    flow.page.drawText(reference, { ...style, x: flow.left, y: baseline() });
    flow.page.drawText(placeDate, { ...style, x: flow.right - measure(placeDate), y: baseline() });
    flow.moveDown(lineHeight);
    return;
  }
  flow.paragraph(placeDate, { ...style, lineHeight: 1.4, align: 'right' });
  flow.paragraph(reference, { ...style, lineHeight: 1.4 });
}

function drawAddressee(flow: PageFlow, fonts: DocumentFonts, lines: readonly string[]): void {
  const indent = flow.width * 0.52;
  flow.moveDown(mm(8));
  lines.forEach((line, i) => {
    flow.paragraph(line, { font: i === 0 ? fonts.bold : fonts.regular, size: 10.5, lineHeight: 1.35, indent });
  });
}

function drawTitle(flow: PageFlow, fonts: DocumentFonts, title: string): void {
  const [first = '', ...rest] = nonEmptyLines(title);
  flow.paragraph(first, { font: fonts.bold, size: TITLE_SIZE, lineHeight: 1.3, align: 'center' });
  for (const line of rest) flow.paragraph(line, { font: fonts.bold, size: SUBTITLE_SIZE, lineHeight: 1.3, align: 'center' });
}

/** One line of a paragraph (a point with its hanging marker, or plain text), justified. */
function drawBodyLine(flow: PageFlow, fonts: DocumentFonts, line: BodyLine, keepWithNext: number): void {
  const style: LineStyle = { font: fonts.regular, size: BODY_SIZE, lineHeight: BODY_LINE };
  const lineHeight = BODY_SIZE * BODY_LINE;
  const markerX = flow.left + (line.level === 2 ? POINT_INDENT : 0);
  const textIndent = line.level === 0 ? 0 : line.level === 1 ? POINT_INDENT : POINT_INDENT + SUBPOINT_INDENT;
  const width = flow.width - textIndent;
  const lines = wrapText(tiePolishText(line.text), width, textMeasurer(fonts.regular, BODY_SIZE));
  flowLines(flow, lines.length, lineHeight, (i, top) => {
    const baseline = baselineIn(top, style.font, style.size, lineHeight);
    if (i === 0 && line.marker !== null) {
      flow.page.drawText(line.marker, { x: markerX, y: baseline, font: style.font, size: style.size });
    }
    drawTextLine(flow.page, lines[i] ?? '', flow.left + textIndent, baseline, width, style, i < lines.length - 1);
  }, keepWithNext);
}

function drawHeading(flow: PageFlow, fonts: DocumentFonts, lines: readonly string[], first: boolean): void {
  const lineHeight = HEADING_SIZE * 1.35;
  const measure = textMeasurer(fonts.bold, HEADING_SIZE);
  const wrapped = lines.flatMap((line) => wrapText(line, flow.width, measure));
  const before = first ? 0 : BODY_SIZE * 1.1;
  // A heading stays with at least two lines of what it heads.
  if (!flow.ensureSpace(before + wrapped.length * lineHeight + mm(2) + 2 * BODY_SIZE * BODY_LINE)) flow.moveDown(before);
  for (const line of wrapped) {
    const x = flow.left + (flow.width - measure(line)) / 2;
    flow.page.drawText(line, { x, y: baselineIn(flow.y, fonts.bold, HEADING_SIZE, lineHeight), font: fonts.bold, size: HEADING_SIZE });
    flow.moveDown(lineHeight);
  }
  flow.moveDown(mm(2));
}

/** The body; `signatureHeight` must follow its last line on the same page. */
function drawBody(flow: PageFlow, fonts: DocumentFonts, body: string, signatureHeight: number): void {
  const blocks = parseBody(body);
  blocks.forEach((block, index) => {
    if (block.kind === 'heading') {
      drawHeading(flow, fonts, block.lines, index === 0);
      return;
    }
    const last = index === blocks.length - 1;
    block.lines.forEach((line, i) => {
      if (i > 0) flow.moveDown(LINE_BREAK_GAP);
      drawBodyLine(flow, fonts, line, last && i === block.lines.length - 1 ? signatureHeight : 0);
    });
    const next = blocks[index + 1];
    if (next !== undefined && next.kind === 'paragraph') flow.moveDown(PARAGRAPH_GAP);
  });
}

type SignatureRow = { text: string; font: PDFFont; size: number; muted: boolean };
type SignatureBlock = { rows: SignatureRow[]; gapBefore: number; handwritten: number; height: number };

const SIGNATURE_WIDTH = mm(85);

/** The signature block's lines: the name in bold, the position, the electronic mark. */
function signatureBlock(fonts: DocumentFonts, signature: string, electronic: boolean): SignatureBlock {
  const [name = '', ...position] = nonEmptyLines(signature);
  const rows: SignatureRow[] = [
    ...wrapText(name, SIGNATURE_WIDTH, textMeasurer(fonts.bold, BODY_SIZE)).map((text) => ({ text, font: fonts.bold, size: BODY_SIZE, muted: false })),
    ...position.flatMap((line) =>
      wrapText(tiePolishText(line), SIGNATURE_WIDTH, textMeasurer(fonts.regular, SMALL_SIZE)).map((text) => ({
        text: text.replaceAll('\u00a0', ' '),
        font: fonts.regular,
        size: SMALL_SIZE,
        muted: false,
      })),
    ),
  ];
  if (electronic) rows.push({ text: '/podpisano elektronicznie/', font: fonts.regular, size: 8.5, muted: true });
  // On paper the signatory signs above the printed name; electronically the signature is in the file.
  const handwritten = electronic ? 0 : mm(10);
  const gapBefore = mm(6);
  return { rows, gapBefore, handwritten, height: gapBefore + handwritten + rows.reduce((sum, row) => sum + row.size * 1.35, 0) };
}

/** The signature block, bottom right, in one piece; returns the y of its top, under the gap before it. */
function drawSignature(flow: PageFlow, block: SignatureBlock): number {
  if (!flow.ensureSpace(block.height)) flow.moveDown(block.gapBefore);
  const top = flow.y;
  flow.moveDown(block.handwritten);
  const x0 = flow.right - SIGNATURE_WIDTH;
  for (const row of block.rows) {
    const lineHeight = row.size * 1.35;
    const width = textMeasurer(row.font, row.size)(row.text);
    flow.page.drawText(row.text, {
      x: x0 + (SIGNATURE_WIDTH - width) / 2,
      y: baselineIn(flow.y, row.font, row.size, lineHeight),
      font: row.font,
      size: row.size,
      ...(row.muted ? { color: MUTED } : {}),
    });
    flow.moveDown(lineHeight);
  }
  return top;
}

const RECIPIENT_LINE = SMALL_SIZE * 1.35;
const RECIPIENT_NUMBER = mm(5);
const RECIPIENTS_GAP = mm(6);

/** The recipients wrapped to `width`, numbered, "a/a" last. */
function recipientItems(fonts: DocumentFonts, recipients: readonly string[], fileCopy: boolean, width: number): string[][] {
  const entries = [...recipients.map((r) => r.trim()).filter((r) => r !== ''), ...(fileCopy ? ['a/a'] : [])];
  const measure = textMeasurer(fonts.regular, SMALL_SIZE);
  return entries.map((entry) => wrapText(tiePolishText(entry), width - RECIPIENT_NUMBER, measure).map((line) => line.replaceAll('\u00a0', ' ')));
}

function recipientsHeight(items: readonly string[][]): number {
  return RECIPIENT_LINE * (1 + items.reduce((sum, lines) => sum + lines.length, 0));
}

/**
 * "Otrzymują:" and the numbered recipients, "a/a" last: under the signature, or beside it (bottom
 * left) when only that keeps them on the signature's page.
 */
function drawRecipients(flow: PageFlow, fonts: DocumentFonts, recipients: readonly string[], fileCopy: boolean, signatureTop: number): void {
  const below = recipientItems(fonts, recipients, fileCopy, flow.width * 0.62);
  if (below.length === 0) return;
  const besideWidth = flow.width - SIGNATURE_WIDTH - mm(6);
  const beside = recipientItems(fonts, recipients, fileCopy, besideWidth);
  const fitsBelow = RECIPIENTS_GAP + recipientsHeight(below) <= flow.spaceLeft;
  const fitsBeside = signatureTop - recipientsHeight(beside) >= flow.bottom;
  const items = !fitsBelow && fitsBeside ? beside : below;
  if (!fitsBelow && fitsBeside) {
    flow.y = signatureTop;
  } else if (!flow.ensureSpace(RECIPIENTS_GAP + RECIPIENT_LINE * (1 + (below[0]?.length ?? 1)))) {
    // The heading stays with the first recipient.
    flow.moveDown(RECIPIENTS_GAP);
  }
  flow.page.drawText('Otrzymują:', { x: flow.left, y: baselineIn(flow.y, fonts.bold, SMALL_SIZE, RECIPIENT_LINE), font: fonts.bold, size: SMALL_SIZE });
  flow.moveDown(RECIPIENT_LINE);
  items.forEach((lines, i) => {
    flowLines(flow, lines.length, RECIPIENT_LINE, (line, top) => {
      const y = baselineIn(top, fonts.regular, SMALL_SIZE, RECIPIENT_LINE);
      if (line === 0) flow.page.drawText(`${i + 1}.`, { x: flow.left, y, font: fonts.regular, size: SMALL_SIZE });
      flow.page.drawText(lines[line] ?? '', { x: flow.left + RECIPIENT_NUMBER, y, font: fonts.regular, size: SMALL_SIZE });
    });
  });
}

/**
 * Render a decision (or a certificate or letter made from a template) as an A4 PDF.
 *
 * The text comes from the template already filled in (core/decisions/compose.ts); this only
 * sets it: letterhead, sign and date, title, body with its headings, signature, recipients,
 * and "Strona N z M" with the case sign on every page. Fonts are embedded as subsets.
 */
export async function renderDecision(data: DecisionPdfData): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc);
  const crest = data.crestPng ? await doc.embedPng(data.crestPng) : null;
  const { reference, placeDate, title, body, signature } = data.document;
  const [titleLine = '', ...subtitle] = nonEmptyLines(title);
  setDocumentInfo(doc, {
    title: `${titleLine} — ${reference}`,
    author: data.office.name,
    ...(subtitle.length > 0 ? { subject: subtitle.join(' ') } : {}),
    ...(data.createdAt === undefined ? {} : { createdAt: parseInstant(data.createdAt) }),
    ...(data.signedOver === undefined ? {} : { custom: { [SIGNED_MARK_KEY]: signedMarkText(data.signedOver) } }),
  });

  const flow = new PageFlow(doc, {
    size: A4_PORTRAIT,
    margins: MARGINS,
    startPage: (page, index) => (index === 0 ? drawLetterhead(page, fonts, data.office, crest) : page.getSize().height - MARGINS.top),
  });

  drawReferenceLine(flow, fonts, reference, placeDate);
  if (data.addressee !== undefined && data.addressee.length > 0) drawAddressee(flow, fonts, data.addressee);
  flow.moveDown(mm(10));
  drawTitle(flow, fonts, title);
  flow.moveDown(mm(6));
  const signatureLayout = signatureBlock(fonts, signature, data.electronic);
  drawBody(flow, fonts, body, signatureLayout.height);
  const signatureTop = drawSignature(flow, signatureLayout);
  drawRecipients(flow, fonts, data.recipients, data.fileCopy ?? true, signatureTop);

  drawPageFooters(doc, fonts, MARGINS, { left: `${reference} · ${titleLine}` });
  // A classic xref table: the signature is appended as an incremental update, which needs one;
  // saved with xref streams, signing would first rewrite the file (half its time, bench/RESULTS.md).
  return doc.save({ useObjectStreams: false });
}
