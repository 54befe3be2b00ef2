/**
 * Which generated files the shell may hand to the operating system, and under what name.
 *
 * `shell.openPath` runs whatever program Windows associates with the extension, so a name from
 * the renderer is never trusted: a compromised page could otherwise write `faktura.pdf.exe` or a
 * `.lnk` and have Windows execute it. Only document types the office prints are allowed, and
 * the content must look like its extension says. Pure functions: no Electron, testable in Node.
 */

type Kind = { extension: string; matches: (bytes: Uint8Array) => boolean };

const startsWith = (bytes: Uint8Array, ...magic: number[]) => magic.every((b, i) => bytes[i] === b);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

// A text export (CSV) has no NUL bytes; binary formats nearly always do within the first KB.
const isText = (bytes: Uint8Array) => !bytes.subarray(0, 4096).includes(0);

const KINDS: readonly Kind[] = [
  { extension: 'pdf', matches: (b) => startsWith(b, ...PDF_MAGIC) },
  { extension: 'csv', matches: isText },
  { extension: 'png', matches: (b) => startsWith(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  { extension: 'jpg', matches: (b) => startsWith(b, 0xff, 0xd8, 0xff) },
  { extension: 'jpeg', matches: (b) => startsWith(b, 0xff, 0xd8, 0xff) },
  { extension: 'tif', matches: (b) => startsWith(b, 0x49, 0x49, 0x2a, 0x00) || startsWith(b, 0x4d, 0x4d, 0x00, 0x2a) },
  { extension: 'tiff', matches: (b) => startsWith(b, 0x49, 0x49, 0x2a, 0x00) || startsWith(b, 0x4d, 0x4d, 0x00, 0x2a) },
];

// Device names Windows reserves in every directory, with or without an extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const MAX_STEM = 120;

export type DocumentFileCheck = { ok: true; fileName: string } | { ok: false; reason: string };

/**
 * Turns a proposed file name into one that is safe to create in a temp directory on Windows,
 * and checks that the bytes are the kind of document the extension names.
 *
 * Keeps Polish letters (the clerk sees the name in the viewer's title bar); replaces path
 * separators, control characters and the characters Windows forbids in names.
 */
export function checkDocumentFile(proposed: string, bytes: Uint8Array): DocumentFileCheck {
  // Register numbers contain slashes (RPW/12/2026): they become dashes, never folders.
  const base = proposed.normalize('NFC').replace(/[\\/]/g, '-');
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const kind = KINDS.find((k) => k.extension === extension);
  if (!kind) {
    return { ok: false, reason: `Nie można otworzyć pliku tego rodzaju (${extension ? `.${extension}` : 'bez rozszerzenia'}).` };
  }
  if (bytes.byteLength === 0 || !kind.matches(bytes)) {
    return { ok: false, reason: `Zawartość pliku nie odpowiada rozszerzeniu .${extension}.` };
  }
  let stem = base
    .slice(0, dot)
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (stem.length > MAX_STEM) stem = stem.slice(0, MAX_STEM).trimEnd();
  if (stem === '') stem = 'dokument';
  if (RESERVED.test(stem)) stem = `_${stem}`;
  return { ok: true, fileName: `${stem}.${extension}` };
}
