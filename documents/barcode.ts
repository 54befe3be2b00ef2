import bwipjs from 'bwip-js/generic';
import { rgb } from 'pdf-lib';
import type { Color, PDFFont, PDFPage } from 'pdf-lib';
import { mm } from '#documents/geometry';
import { textMeasurer } from '#documents/textWrap';

/** One dark bar, in modules (the narrowest bar's width) from the symbol's left edge. */
export type Bar = { x: number; width: number };

/** A Code 128 symbol as bars, without quiet zones. */
export type Code128Symbol = {
  text: string;
  /** Width of the symbol in modules, from the start character to the stop pattern. */
  modules: number;
  bars: readonly Bar[];
};

/** ISO/IEC 15417: at least 10 modules of white on either side, or scanners miss the start. */
export const QUIET_ZONE_MODULES = 10;

// Below ~0.19 mm a module is beyond common office printers and hand scanners.
const MIN_MODULE = mm(0.19);

const symbols = new Map<string, Code128Symbol>();

// bwip-js draws each bar as a vertical stroked line: `M<cx> <y>L<cx> <y>` in a path whose
// stroke-width is the bar's width. With scale 1 one unit is one module.
const PATH = /<path\b[^>]*\bstroke-width="([\d.]+)"[^>]*\bd="([^"]*)"/g;
const SEGMENT = /M([\d.]+) [\d.]+L([\d.]+) [\d.]+/g;
const VIEW_BOX = /viewBox="0 0 ([\d.]+) [\d.]+"/;

/**
 * Encode `text` as Code 128 bars (computed by bwip-js, remembered per text).
 *
 * Only printable ASCII: register numbers are, and a non-ASCII character would need an
 * extended mode that many scanners decode wrongly.
 */
export function code128(text: string): Code128Symbol {
  const cached = symbols.get(text);
  if (cached !== undefined) return cached;
  if (!/^[\x20-\x7e]+$/.test(text)) {
    throw new RangeError(`Code 128 takes printable ASCII only: ${JSON.stringify(text)}`);
  }
  const svg = bwipjs.toSVG({ bcid: 'code128', text, scale: 1, height: 10, includetext: false });
  const viewBox = VIEW_BOX.exec(svg);
  if (viewBox === null) throw new Error('bwip-js returned an SVG without a viewBox');
  const bars: Bar[] = [];
  for (const path of svg.matchAll(PATH)) {
    const width = Number(path[1]);
    for (const segment of (path[2] ?? '').matchAll(SEGMENT)) {
      bars.push({ x: Number(segment[1]) - width / 2, width });
    }
  }
  bars.sort((a, b) => a.x - b.x);
  const symbol: Code128Symbol = { text, modules: Number(viewBox[1]), bars };
  // Every Code 128 symbol ends with the 2-module stop bar at its right edge; if the SVG's shape
  // ever changes, fail here rather than print a barcode nobody can read.
  const last = bars.at(-1);
  if (bars.length === 0 || last === undefined || Math.abs(last.x + last.width - symbol.modules) > 1e-6) {
    throw new Error(`Unexpected bwip-js SVG for Code 128: ${svg.slice(0, 200)}`);
  }
  symbols.set(text, symbol);
  return symbol;
}

export type BarcodeOptions = {
  /** Left edge of the quiet zone. */
  x: number;
  /** Bottom of the barcode, human-readable text included. */
  y: number;
  /** Room available, quiet zones included; the module shrinks to fit (not below 0.19 mm). */
  maxWidth: number;
  barHeight: number;
  /** Largest module wanted; about 1/3 mm scans well from a hand scanner. */
  maxModule?: number;
  /**
   * Resolution of the printer, 300 unless known (203 for many thermal label printers). The
   * module is a whole number of its dots: a module of a fractional number of dots is rounded
   * differently bar by bar, and uneven bars are what makes a scan fail. Multiples of 1/300 in
   * are whole at 600 dpi too.
   */
  dotsPerInch?: number;
  align?: 'left' | 'center';
  /** Print the text under the bars. */
  humanReadable?: { font: PDFFont; size: number };
  color?: Color;
};

export type BarcodeBox = { x: number; width: number; height: number; module: number };

/** Module and width, quiet zones included, of a symbol fitted to the room given. */
export type BarcodeFit = { module: number; width: number; quietZone: number };

/**
 * Choose the module for `text` in `maxWidth`: as large as `maxModule`, a whole number of
 * printer dots, never below 0.19 mm (then it throws: the bars would not scan).
 */
export function fitCode128(
  text: string,
  options: Pick<BarcodeOptions, 'maxWidth' | 'maxModule' | 'dotsPerInch'>,
): BarcodeFit {
  const totalModules = code128(text).modules + 2 * QUIET_ZONE_MODULES;
  const dot = 72 / (options.dotsPerInch ?? 300);
  const fitting = Math.min(options.maxModule ?? mm(0.34), options.maxWidth / totalModules);
  const module = Math.floor(fitting / dot + 1e-9) * dot;
  if (module < MIN_MODULE) {
    const needed = ((totalModules * MIN_MODULE) / mm(1)).toFixed(1);
    throw new RangeError(`Barcode "${text}" needs ${needed} mm, has ${(options.maxWidth / mm(1)).toFixed(1)} mm`);
  }
  return { module, width: totalModules * module, quietZone: QUIET_ZONE_MODULES * module };
}

/**
 * Draw `text` as a Code 128 barcode of vector rectangles, with its quiet zones left white.
 *
 * Returns the box used, quiet zones included.
 */
export function drawCode128(page: PDFPage, text: string, options: BarcodeOptions): BarcodeBox {
  const symbol = code128(text);
  const { module, width } = fitCode128(text, options);
  const x = options.align === 'center' ? options.x + (options.maxWidth - width) / 2 : options.x;
  const color = options.color ?? rgb(0, 0, 0);

  let barsBottom = options.y;
  let height = options.barHeight;
  const hri = options.humanReadable;
  if (hri !== undefined) {
    const textWidth = textMeasurer(hri.font, hri.size)(text);
    const gap = hri.size * 0.35;
    page.drawText(text, {
      x: x + (width - textWidth) / 2,
      y: options.y + hri.font.heightAtSize(hri.size) - hri.font.heightAtSize(hri.size, { descender: false }),
      font: hri.font,
      size: hri.size,
      color,
    });
    barsBottom += hri.font.heightAtSize(hri.size) + gap;
    height += hri.font.heightAtSize(hri.size) + gap;
  }

  const symbolLeft = x + QUIET_ZONE_MODULES * module;
  for (const bar of symbol.bars) {
    page.drawRectangle({
      x: symbolLeft + bar.x * module,
      y: barsBottom,
      width: bar.width * module,
      height: options.barHeight,
      color,
      borderWidth: 0,
    });
  }
  return { x, width, height, module };
}
