import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

/**
 * pdf-lib compresses every content stream and embedded font with pako, a deflate written in
 * JavaScript: a spis spraw of 5,000 cases spent about a third of its time there. Node's zlib is
 * the same deflate (RFC 1950), native. pdf-lib reads `deflate` from pako's module object each
 * time it compresses, so replacing it there is enough; same level (6) as pako's default.
 * Imported for its effect by documents/fonts.ts, which every document pdf-lib draws goes through.
 */
const pako = createRequire(import.meta.url)('pako') as { deflate: (data: Uint8Array) => Uint8Array };
pako.deflate = (data: Uint8Array): Uint8Array => deflateSync(data, { level: 6 });
