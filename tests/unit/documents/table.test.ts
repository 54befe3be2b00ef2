import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedDocumentFonts } from '#documents/fonts';
import { A4_LANDSCAPE, A4_PORTRAIT, mm } from '#documents/geometry';
import { PageFlow } from '#documents/pageFlow';
import { drawTable, resolveColumnWidths } from '#documents/table';

describe('geometry', () => {
  it('converts millimetres to points and knows A4', () => {
    expect(mm(25.4)).toBeCloseTo(72, 10);
    expect(A4_PORTRAIT[0]).toBeCloseTo(595.28, 2);
    expect(A4_PORTRAIT[1]).toBeCloseTo(841.89, 2);
    expect(A4_LANDSCAPE).toEqual([A4_PORTRAIT[1], A4_PORTRAIT[0]]);
  });
});

describe('resolveColumnWidths', () => {
  it('gives fixed columns their millimetres and shares out the rest', () => {
    const widths = resolveColumnWidths(
      [
        { title: 'a', width: { mm: 20 } },
        { title: 'b', width: { share: 1 } },
        { title: 'c', width: { share: 3 } },
      ],
      mm(120),
    );
    expect(widths[0]).toBeCloseTo(mm(20), 6);
    expect(widths[1]).toBeCloseTo(mm(25), 6);
    expect(widths[2]).toBeCloseTo(mm(75), 6);
  });
});

describe('PageFlow and drawTable', () => {
  const margins = { top: mm(15), right: mm(15), bottom: mm(15), left: mm(15) };

  it('flows a long paragraph onto new pages, running header on each', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedDocumentFonts(doc);
    const headerPages: number[] = [];
    const flow = new PageFlow(doc, {
      size: A4_PORTRAIT,
      margins,
      startPage: (page, index) => {
        headerPages.push(index);
        return page.getHeight() - margins.top - 20;
      },
    });
    flow.paragraph('Zażółć gęślą jaźń. '.repeat(1500), { font: fonts.regular, size: 11 });
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(headerPages).toEqual(doc.getPages().map((_, i) => i));
    expect(flow.y).toBeGreaterThanOrEqual(flow.bottom);
  });

  it('paginates rows and carries a row taller than a page over several pages', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedDocumentFonts(doc);
    const flow = new PageFlow(doc, { size: A4_LANDSCAPE, margins });
    const columns = [
      { title: 'Nr', width: { mm: 25 } },
      { title: 'Treść', width: { share: 1 } },
    ];
    const rows = Array.from({ length: 200 }, (_, i) => ({ cells: [`RPW/${i + 1}/2026`, 'Łódź '.repeat(i % 30)] }));
    rows.push({ cells: ['RPW/giant/2026', 'bardzo długa uwaga '.repeat(2000)] });
    drawTable(flow, fonts, columns, rows);
    expect(doc.getPageCount()).toBeGreaterThan(5);
    expect(flow.y).toBeGreaterThanOrEqual(flow.bottom - 1e-6);
  });
});
