/**
 * The signature fields of a PDF, found the way viewers find them: through the AcroForm's
 * field tree (ISO 32000-1 §12.7.3), with /FT inherited from parent fields.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

export type SignatureField = {
  /** Fully qualified field name (`parent.child`). */
  name: string;
  /** The signature dictionary (/V), when the field is signed. */
  signature: PDFDict | undefined;
  signed: boolean;
};

/**
 * A text string (literal or hex) decoded, or undefined for anything else.
 *
 * Besides UTF-16BE (with BOM) and PDFDocEncoding, accepts UTF-8: with its PDF 2.0 BOM, and —
 * because poppler's signer writes /Name as bare UTF-8 — without one when the bytes are valid
 * UTF-8 with multi-byte sequences (PDFDocEncoding text almost never is).
 */
export function textOf(object: PDFObject | undefined): string | undefined {
  if (!(object instanceof PDFString || object instanceof PDFHexString)) return undefined;
  const bytes = Buffer.from(object.asBytes());
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (!(bytes[0] === 0xfe && bytes[1] === 0xff) && bytes.some((b) => b >= 0x80)) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // not UTF-8: PDFDocEncoding below
    }
  }
  return object.decodeText();
}

export function listSignatureFields(doc: PDFDocument): SignatureField[] {
  const { context } = doc;
  const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'));
  if (!(acroForm instanceof PDFDict)) return [];
  const fields = acroForm.lookup(PDFName.of('Fields'));
  if (!(fields instanceof PDFArray)) return [];

  const found: SignatureField[] = [];
  const seen = new Set<PDFDict>(); // a malformed tree may loop
  const walk = (entry: PDFObject, parentName: string, inheritedType: PDFObject | undefined) => {
    const field = entry instanceof PDFRef ? context.lookup(entry) : entry;
    if (!(field instanceof PDFDict) || seen.has(field)) return;
    seen.add(field);
    const partial = textOf(field.lookup(PDFName.of('T')));
    const name = partial === undefined ? parentName : parentName === '' ? partial : `${parentName}.${partial}`;
    const type = field.get(PDFName.of('FT')) ?? inheritedType;
    const kids = field.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray && kids.asArray().some((kid) => !isWidgetOnly(context.lookup(kid)))) {
      for (const kid of kids.asArray()) walk(kid, name, type);
      return;
    }
    if (type === PDFName.of('Sig')) {
      const value = field.lookup(PDFName.of('V'));
      const signature = value instanceof PDFDict ? value : undefined;
      found.push({ name, signature, signed: signature !== undefined });
    }
  };
  for (const entry of fields.asArray()) walk(entry, '', undefined);
  return found;
}

/** A kid that is only a widget annotation (no /T) belongs to its parent field, not a new one. */
function isWidgetOnly(object: PDFObject | undefined): boolean {
  return object instanceof PDFDict && object.get(PDFName.of('T')) === undefined;
}
