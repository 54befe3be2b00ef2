/** Page geometry: PDF points from millimetres, and the page sizes the office prints on. */

/** PDF user space unit is 1/72 inch. */
export const PT_PER_MM = 72 / 25.4;

/** Millimetres to PDF points. */
export function mm(millimetres: number): number {
  return millimetres * PT_PER_MM;
}

/** Width and height in points. */
export type PageSize = readonly [width: number, height: number];

export const A4_PORTRAIT: PageSize = [mm(210), mm(297)];
export const A4_LANDSCAPE: PageSize = [mm(297), mm(210)];
