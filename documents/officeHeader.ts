import { rgb } from 'pdf-lib';
import type { PDFPage } from 'pdf-lib';
import type { DocumentFonts } from '#documents/fonts';
import type { Margins } from '#documents/pageFlow';
import { textMeasurer } from '#documents/textWrap';

/** The office as it is named on its printouts (nagłówek urzędu). */
export type OfficeHeader = {
  /** Full name: "Urząd Gminy Zażółć". */
  name: string;
  /** For labels and tight spaces: "UG Zażółć". Defaults to the full name. */
  shortName?: string;
  /** Street, postcode and town, one line each. */
  addressLines: readonly string[];
  /** Telephone, e-mail, ePUAP box: one line, printed under the address where there is room. */
  contactLine?: string;
};

export const MUTED = rgb(0.35, 0.35, 0.35);
export const RULE = rgb(0.55, 0.55, 0.55);

export type RunningHeaderText = {
  office: OfficeHeader;
  title: string;
  /** Under the title, right-aligned: a date range, a unit. */
  subtitle?: string;
};

/**
 * Draw the running header of a listing page: office on the left, title on the right, a rule.
 *
 * Returns the y under the rule, where the body may start.
 */
export function drawRunningHeader(
  page: PDFPage,
  fonts: DocumentFonts,
  margins: Margins,
  text: RunningHeaderText,
): number {
  const { width, height } = page.getSize();
  const left = margins.left;
  const right = width - margins.right;
  const top = height - margins.top;

  const nameSize = 10;
  const addressSize = 7.5;
  const titleSize = 12;
  const subtitleSize = 8.5;

  page.drawText(text.office.name, { x: left, y: top - nameSize, font: fonts.bold, size: nameSize });
  const address = text.office.addressLines.join(', ');
  page.drawText(address, { x: left, y: top - nameSize - addressSize * 1.6, font: fonts.regular, size: addressSize, color: MUTED });

  const titleWidth = textMeasurer(fonts.bold, titleSize)(text.title);
  page.drawText(text.title, { x: right - titleWidth, y: top - titleSize, font: fonts.bold, size: titleSize });
  if (text.subtitle !== undefined) {
    const subtitleWidth = textMeasurer(fonts.regular, subtitleSize)(text.subtitle);
    page.drawText(text.subtitle, {
      x: right - subtitleWidth,
      y: top - titleSize - subtitleSize * 1.5,
      font: fonts.regular,
      size: subtitleSize,
    });
  }

  const ruleY = top - titleSize - subtitleSize * 1.5 - 6;
  page.drawLine({ start: { x: left, y: ruleY }, end: { x: right, y: ruleY }, thickness: 0.75, color: RULE });
  return ruleY - 8;
}
