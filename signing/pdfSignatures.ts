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
  /** The field dictionary (its /Lock says what signing it locks). */
  dict: PDFDict;
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

/** A terminal field of the AcroForm (one that holds a value), whatever its type. */
export type FormField = {
  /** Fully qualified field name (`parent.child`). */
  name: string;
  /** The field dictionary (for a field merged with its widget, also the widget). */
  dict: PDFDict;
  /** /FT, inherited from parent fields: `Sig`, `Tx`, `Btn`, `Ch`, or undefined. */
  type: string | undefined;
  /** /V, inherited from parent fields, resolved. */
  value: PDFObject | undefined;
  /** /V's reference, when the value is an indirect object (a signature dictionary always is). */
  valueRef: PDFRef | undefined;
};

/**
 * Every terminal field, walked through the AcroForm's field tree (§12.7.3) the way viewers
 * do. A malformed tree that loops, or one deeper than a real form ever is, stops the walk.
 */
export function listFormFields(doc: PDFDocument): FormField[] {
  const { context } = doc;
  const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'));
  if (!(acroForm instanceof PDFDict)) return [];
  const fields = acroForm.lookup(PDFName.of('Fields'));
  if (!(fields instanceof PDFArray)) return [];

  const found: FormField[] = [];
  const seen = new Set<PDFDict>();
  const walk = (entry: PDFObject, parentName: string, inherited: { type: PDFObject | undefined; value: PDFObject | undefined }, depth: number) => {
    const field = entry instanceof PDFRef ? context.lookup(entry) : entry;
    if (!(field instanceof PDFDict) || seen.has(field) || depth > 32) return;
    seen.add(field);
    const partial = textOf(field.lookup(PDFName.of('T')));
    const name = partial === undefined ? parentName : parentName === '' ? partial : `${parentName}.${partial}`;
    const here = { type: field.get(PDFName.of('FT')) ?? inherited.type, value: field.get(PDFName.of('V')) ?? inherited.value };
    const kids = field.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray && kids.asArray().some((kid) => !isWidgetOnly(context.lookup(kid)))) {
      for (const kid of kids.asArray()) walk(kid, name, here, depth + 1);
      return;
    }
    const value = here.value instanceof PDFRef ? context.lookup(here.value) : here.value;
    found.push({
      name,
      dict: field,
      type: here.type instanceof PDFName ? here.type.decodeText() : undefined,
      value,
      valueRef: here.value instanceof PDFRef ? here.value : undefined,
    });
  };
  for (const entry of fields.asArray()) walk(entry, '', { type: undefined, value: undefined }, 0);
  return found;
}

export function listSignatureFields(doc: PDFDocument): SignatureField[] {
  return listFormFields(doc)
    .filter((field) => field.type === 'Sig')
    .map((field) => {
      const signature = field.value instanceof PDFDict ? field.value : undefined;
      return { name: field.name, signature, dict: field.dict, signed: signature !== undefined };
    });
}

/** A kid that is only a widget annotation (no /T) belongs to its parent field, not a new one. */
function isWidgetOnly(object: PDFObject | undefined): boolean {
  return object instanceof PDFDict && object.get(PDFName.of('T')) === undefined;
}
