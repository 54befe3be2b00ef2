import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFHexString, PDFPage } from 'pdf-lib';
import type { PDFDocument, PDFFont, PDFName, PDFRef } from 'pdf-lib';
import '#documents/nativeDeflate';

/** The two faces every document uses: DejaVu Sans has every Polish glyph (ą ć ę ł ń ó ś ź ż). */
export type DocumentFonts = {
  regular: PDFFont;
  bold: PDFFont;
};

/**
 * Height of a capital letter (H) in DejaVu Sans, both faces, as a fraction of the font size.
 *
 * For boxing capitals (unit symbols): centring on ascent and descent leaves room for accents
 * and descenders that capitals do not use, and the letters look off-centre.
 */
export const CAP_HEIGHT = 0.729;

type FontBytes = { regular: Uint8Array; bold: Uint8Array };

let fontBytes: Promise<FontBytes> | undefined;

// Read once per process: the TTFs are ~700 KB each and every receipt needs them.
function loadFontBytes(): Promise<FontBytes> {
  fontBytes ??= Promise.all([
    readFile(new URL('./fonts/DejaVuSans.ttf', import.meta.url)),
    readFile(new URL('./fonts/DejaVuSans-Bold.ttf', import.meta.url)),
  ]).then(
    ([regular, bold]) => ({ regular: new Uint8Array(regular), bold: new Uint8Array(bold) }),
    (error: unknown) => {
      fontBytes = undefined; // let a later call retry instead of caching the failure
      throw error;
    },
  );
  return fontBytes;
}

// pdf-lib draws glyphs at their advance widths and ignores the positions fontkit computes, so
// kerning and mark positioning are work thrown away; ligatures would make a word's width
// depend on its neighbours. Switching them off changes no glyph DejaVu draws for Polish text.
const SHAPING = { kern: false, mark: false, mkmk: false, curs: false, liga: false, clig: false, calt: false };

/**
 * Make `font` encode text word by word, remembering each word's glyph codes.
 *
 * pdf-lib runs fontkit's OpenType layout on every string drawn, and a register of 5,000 rows
 * draws ~60,000 lines from a few thousand distinct words. Glyph ids in a subset never change
 * once assigned, and with the features above nothing is shaped across a space, so the codes of
 * a line are the codes of its words joined by the code of a space.
 */
function encodeByWord(font: PDFFont): void {
  const encode = font.encodeText.bind(font);
  const words = new Map<string, string>();
  const space = encode(' ').asString();
  font.encodeText = (text: string): PDFHexString => {
    const parts = text.split(' ').map((word) => {
      if (word === '') return '';
      let hex = words.get(word);
      if (hex === undefined) {
        hex = encode(word).asString();
        words.set(word, hex);
      }
      return hex;
    });
    return PDFHexString.of(parts.join(space));
  };
}

// Parsing a 700 KB TTF is most of what embedding it costs, and a batch of 100 decisions printed
// and stamped embedded each face twice per decision. fontkit's parsed font is read-only to
// pdf-lib (each document gets its own subset; glyphs and layout tables are decoded lazily,
// synchronously, and cached as they are), so one parse per face serves every document.
const parsedFonts = new WeakMap<Uint8Array, fontkit.Font>();

/** Words laid out, per face, kept across documents (a decision repeats most of the last one's). */
const LAID_OUT_WORDS = 20_000;

/**
 * Lays a word out once per face: pdf-lib asks fontkit for the same word's glyphs to measure it
 * and again to encode it, in every document. The glyph run is only read by pdf-lib (glyph ids
 * and advances), never changed; runs with other features than ours are not kept.
 */
function rememberLayouts(font: fontkit.Font): void {
  const layout = font.layout.bind(font);
  const runs = new Map<string, fontkit.GlyphRun>();
  font.layout = (text: string, features?: Parameters<typeof layout>[1]) => {
    if (features !== SHAPING) return layout(text, features);
    let run = runs.get(text);
    if (run === undefined) {
      run = layout(text, features);
      if (runs.size >= LAID_OUT_WORDS) runs.clear();
      runs.set(text, run);
    }
    return run;
  };
}

/**
 * fontkit keeps one glyph object per glyph id, with the characters it was first asked for. A
 * subset that draws "ż" asks for the "z" inside it with none; in a shared font every later
 * document would then find "z" with no character, and its text could not be copied or
 * searched ("Urząd" read back as "Ur ąd"). A glyph asked for with its characters gets them.
 */
function nameGlyphsOnceKnown(font: fontkit.Font): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints?: number[]) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph.codePoints.length === 0 && codePoints !== undefined && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
}

/** What a subset writes its font file into (restructure's EncodeStream, a Readable). */
type EncodeSink = {
  push(chunk: Uint8Array | null): boolean;
  end(): void;
  emit(event: string, ...args: unknown[]): boolean;
};
type SinkClass = new () => EncodeSink;
type EncodingSubset = fontkit.Subset & { encode(stream: EncodeSink): void };
let sinkClass: SinkClass | undefined;

/**
 * fontkit's bundle carries a browser `process.nextTick` made of `setTimeout(0)`, and its subset's
 * stream waits on it to start and at each chunk and its end: a few milliseconds asleep for every
 * font a document embeds — a tenth of a batch of signed decisions, idle. The subset is encoded
 * on Node's own next tick instead, its chunks handed on as they come: the same bytes, the same
 * events pdf-lib listens for. The stream's class is learnt from the first subset, which goes the
 * old way.
 */
function encodeOnNodeTicks(font: fontkit.Font): void {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset() as EncodingSubset;
    const encodeStream = subset.encodeStream.bind(subset);
    subset.encodeStream = () => {
      if (sinkClass === undefined) {
        const first = encodeStream();
        sinkClass = (first as unknown as { constructor: SinkClass }).constructor;
        return first;
      }
      const sink = new sinkClass();
      sink.push = (chunk) => (chunk === null ? sink.emit('end') : sink.emit('data', chunk));
      process.nextTick(() => {
        try {
          subset.encode(sink);
          sink.end();
        } catch (error) {
          sink.emit('error', error);
        }
      });
      return sink as unknown as fontkit.SubsetStream;
    };
    return subset;
  };
}

const parsingOnce: typeof fontkit = {
  ...fontkit,
  create(data: Uint8Array, postscriptName?: string) {
    let font = parsedFonts.get(data);
    if (font === undefined) {
      font = fontkit.create(data, postscriptName);
      rememberLayouts(font);
      nameGlyphsOnceKnown(font);
      encodeOnNodeTicks(font);
      parsedFonts.set(data, font);
    }
    return font;
  },
};

// pdf-lib gives a font a new name in the page's resources on every drawText that passes one
// (its own TODO in PDFPage.setFont), and finds each new name by scanning the ones already
// there: a spis spraw page of 100 rows carried thousands of names for two fonts, and printing
// 5,000 rows spent a tenth of its time naming. One name per font and page.
const fontNames = new WeakMap<PDFPage, Map<PDFRef, PDFName>>();
type PageFontState = { font?: PDFFont; fontKey?: PDFName };
PDFPage.prototype.setFont = function setFont(this: PDFPage, font: PDFFont): void {
  let names = fontNames.get(this);
  if (!names) {
    names = new Map();
    fontNames.set(this, names);
  }
  let name = names.get(font.ref);
  if (name === undefined) {
    name = this.node.newFontDictionary(font.name, font.ref);
    names.set(font.ref, name);
  }
  const state = this as unknown as PageFontState;
  state.font = font;
  state.fontKey = name;
};

/**
 * Embed DejaVu Sans regular and bold into a document.
 *
 * Subset: only the glyphs used go into the file (a receipt stays at a few dozen KB).
 */
export async function embedDocumentFonts(doc: PDFDocument): Promise<DocumentFonts> {
  const bytes = await loadFontBytes();
  doc.registerFontkit(parsingOnce);
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true, features: SHAPING }),
    doc.embedFont(bytes.bold, { subset: true, features: SHAPING }),
  ]);
  encodeByWord(regular);
  encodeByWord(bold);
  return { regular, bold };
}
