/**
 * What the scan preview agrees to draw. The preview runs pdf.js and a TIFF decoder over files
 * that came from outside (a resident's e-mail, a scanner, another workstation): a crafted
 * file must not run code, nor make the page allocate gigabytes or draw for minutes. Past a
 * limit the person gets the first pages and a sentence saying so; the file itself is kept and
 * opens in its own viewer.
 */

/** Largest file the preview reads at all. */
export const PREVIEW_MAX_BYTES = 60 * 1024 * 1024;
/** Pages drawn; a longer file shows these and says how many there are. */
export const PREVIEW_MAX_PAGES = 40;
/** Largest image (pixels) pdf.js decodes, or a TIFF page may have: an A4 page at 600 dpi is 35 Mpx. */
export const PREVIEW_MAX_PIXELS = 40_000_000;
/** The canvas is never taller than this (browsers refuse larger ones, and a 1 × 100 000 pt page would ask). */
export const PREVIEW_MAX_CANVAS_SIDE = 8192;

/**
 * pdf.js options for a document from outside: no XFA forms, a cap on image size, nothing
 * fetched ahead. (pdf.js 4 and 5 compiled font outlines with `new Function` unless told
 * `isEvalSupported: false` — CVE-2024-4367; version 6 has no such path and no option: the unit
 * test tests/unit/previewLimits.test.ts checks the bundled worker still builds no code.)
 */
export const PDF_PREVIEW_OPTIONS = {
  enableXfa: false,
  maxImageSize: PREVIEW_MAX_PIXELS,
  disableAutoFetch: true,
  stopAtErrors: false,
} as const;

/** How many of `total` pages to draw. */
export function pagesToDraw(total: number): number {
  return Math.max(0, Math.min(total, PREVIEW_MAX_PAGES));
}

/** The scale that fits a page `width` × `height` (points or pixels) into `target` width without a canvas side over the cap; null when the page is degenerate. */
export function fitScale(width: number, height: number, target: number): number | null {
  if (!(width > 0 && height > 0) || !Number.isFinite(width) || !Number.isFinite(height)) return null;
  const scale = Math.min(target / width, PREVIEW_MAX_CANVAS_SIDE / height, PREVIEW_MAX_CANVAS_SIDE / width);
  return scale > 0 && Number.isFinite(scale) ? scale : null;
}

/** Whether a TIFF page of these dimensions may be decoded. */
export function tiffPageAllowed(width: number, height: number): boolean {
  return Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width * height <= PREVIEW_MAX_PIXELS;
}
