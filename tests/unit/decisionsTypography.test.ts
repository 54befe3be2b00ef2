import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { A4_PORTRAIT, mm } from '#documents/geometry';
import { flowLines, tiePolishText } from '#documents/justifiedText';
import { PageFlow } from '#documents/pageFlow';

const NB = '\u00a0';

describe('tiePolishText', () => {
  it('keeps one-letter words, abbreviations with their numbers, dates, amounts and postal codes together', () => {
    expect(tiePolishText('w terminie 14 dni i z art. 107 § 1 oraz ust. 2 pkt 3')).toBe(`w${NB}terminie 14${NB}dni i${NB}z${NB}art.${NB}107 §${NB}1 oraz ust.${NB}2 pkt${NB}3`);
    expect(tiePolishText('dnia 14 maja 2026 r. za 598 zł')).toBe(`dnia 14${NB}maja 2026${NB}r. za 598${NB}zł`);
    expect(tiePolishText('ul. Polna 3, 34-100 Żółtki')).toBe(`ul.${NB}Polna 3, 34-100${NB}Żółtki`);
    expect(tiePolishText('zagrodowa – budynek')).toBe(`zagrodowa${NB}– budynek`);
  });

  it('leaves words that merely start with those letters alone', () => {
    expect(tiePolishText('według art.107 ustawy, 12 maj')).toBe('według art.107 ustawy, 12 maj');
  });
});

describe('flowLines', () => {
  const margins = { top: mm(20), right: mm(20), bottom: mm(20), left: mm(20) };
  const lineHeight = 14;

  async function flowAt(spaceLeftLines: number): Promise<PageFlow> {
    const doc = await PDFDocument.create();
    const flow = new PageFlow(doc, { size: A4_PORTRAIT, margins });
    flow.y = flow.bottom + spaceLeftLines * lineHeight + 1;
    return flow;
  }

  function pagesOf(flow: PageFlow, count: number, keepWithNext = 0): number[] {
    const pages: number[] = [];
    flowLines(flow, count, lineHeight, () => pages.push(flow.doc.getPageCount()), keepWithNext);
    return pages;
  }

  it('never leaves the first line of a paragraph alone at the foot of a page (orphan)', async () => {
    expect(pagesOf(await flowAt(1), 3)).toEqual([2, 2, 2]);
  });

  it('never carries the last line alone to the next page (widow)', async () => {
    expect(pagesOf(await flowAt(4), 5)).toEqual([1, 1, 1, 2, 2]);
  });

  it('moves the last two lines with what must follow them (the signature)', async () => {
    expect(pagesOf(await flowAt(6), 5)).toEqual([1, 1, 1, 1, 1]);
    expect(pagesOf(await flowAt(6), 5, lineHeight * 3)).toEqual([1, 1, 1, 2, 2]);
    // A short paragraph goes over whole rather than leave one line behind.
    expect(pagesOf(await flowAt(4), 3, lineHeight * 3)).toEqual([2, 2, 2]);
  });
});
