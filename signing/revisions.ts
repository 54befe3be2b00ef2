/**
 * What changed in a signed PDF after a signature: every incremental update after the signed
 * revision, compared object by object with what the signer saw, and each change classified as
 * allowed or not (ISO 32000-1 §12.8.2, ETSI EN 319 142-1 §5.4 and the PDF "shadow attacks").
 *
 * A signature covers the bytes of its revision; a viewer shows the last one. Whatever a later
 * update may change without touching the signed bytes — a page's content, its fonts and
 * images, pages added or removed, an annotation laid over the text, a form field's value, the
 * catalog's actions — is looked at here, whoever appended it and whatever later signatures
 * claim to cover. Allowed are what the signer permitted or what PAdES adds for long-term
 * validation: later signatures and document timestamps, DSS data, descriptive metadata, form
 * filling where /DocMDP (P ≥ 2, or none) and the signature's /FieldMDP locks allow it, and
 * annotations where /DocMDP P = 3 allows them.
 *
 * The comparison is by meaning, not by object number: both revisions are read (pdf-lib reads a
 * file front to back, so a prefix gives that revision's objects) and the page graphs, fields
 * and catalogs are compared deeply. Objects an update adds that nothing shown refers to cannot
 * change what a reader sees and are not reported.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import { revisionTexts as t } from '#core/i18n/signatures.pl';
import { listFormFields, textOf, type FormField } from '#signing/pdfSignatures';

/** Kinds of change, each worded in `revisionTexts`. */
export type ChangeKind =
  | 'signature'
  | 'timestamp'
  | 'dss'
  | 'metadata'
  | 'form'
  | 'annotation'
  | 'content'
  | 'page-added'
  | 'page-removed'
  | 'overlay'
  | 'field-added'
  | 'field-removed'
  | 'field-changed'
  | 'signature-replaced'
  | 'structure';

export type RevisionChange = {
  kind: ChangeKind;
  allowed: boolean;
  /** 1-based page, where the change is on a page. */
  page?: number;
  /** The form field's name, where the change is to a field. */
  field?: string;
  /** In Polish, for the letter view and the CLI. */
  text: string;
  /** For the last entry of a capped list: how many changes it stands for. */
  more?: number;
};

/** What the signer permitted for later changes (ISO 32000-1 §12.8.2.2–3). */
export type Permissions = {
  /** /DocMDP /P of a certification signature at or before this revision; undefined when none. */
  docMdp: 1 | 2 | 3 | undefined;
  /** Fields this signature locks (/FieldMDP): `all`, or the names (included or excluded). */
  locked: { action: 'all' } | { action: 'include' | 'exclude'; fields: string[] } | undefined;
};

/**
 * Every change from `signed` (the revision the signature covers) to `current` (the file as a
 * viewer shows it), in the order a person reads them: pages, then fields, then the rest.
 */
export function changesAfter(signed: PDFDocument, current: PDFDocument, permissions: Permissions): RevisionChange[] {
  const compare = new Comparison(signed.context, current.context);
  const changes: RevisionChange[] = [];
  const { docMdp } = permissions;
  const annotationsAllowed = docMdp === 3;
  const formFillAllowed = docMdp !== 1;

  const fieldsBefore = new Map(listFormFields(signed).map((f) => [f.name, f]));
  const fieldsAfter = new Map(listFormFields(current).map((f) => [f.name, f]));
  const before = signed.getPages();
  const after = current.getPages();
  for (let i = 0; i < Math.min(before.length, after.length); i++) {
    const [was, is] = [before[i], after[i]];
    if (was === undefined || is === undefined) continue;
    const page = i + 1;
    if (!compare.samePage(was, is)) changes.push({ kind: 'content', allowed: false, page, text: t.content(page) });
    changes.push(...annotationChanges(compare, was, is, page, { annotationsAllowed, fieldsBefore, fieldsAfter }));
  }
  if (after.length > before.length) {
    changes.push({ kind: 'page-added', allowed: false, text: t.pagesAdded(after.length - before.length, before.length, after.length) });
  } else if (after.length < before.length) {
    changes.push({ kind: 'page-removed', allowed: false, text: t.pagesRemoved(before.length - after.length, before.length, after.length) });
  }

  changes.push(...fieldChanges(compare, [...fieldsBefore.values()], [...fieldsAfter.values()], permissions, formFillAllowed));
  changes.push(...catalogChanges(compare, signed, current));
  return capped(changes);
}

/** At most this many changes are listed one by one; a crafted file may make thousands. */
const LISTED_CHANGES = 50;

function capped(changes: RevisionChange[]): RevisionChange[] {
  if (changes.length <= LISTED_CHANGES) return changes;
  // Disallowed changes first, so the ones that decide the verdict are among those listed.
  const ordered = [...changes.filter((c) => !c.allowed), ...changes.filter((c) => c.allowed)];
  const rest = ordered.slice(LISTED_CHANGES - 1);
  const allowed = rest.every((c) => c.allowed);
  return [...ordered.slice(0, LISTED_CHANGES - 1), { kind: allowed ? 'form' : 'structure', allowed, text: t.moreChanges(rest.length), more: rest.length }];
}

// --- annotations ------------------------------------------------------------------------------

function annotationRefs(context: PDFContext, page: PDFPage): Map<string, PDFDict> {
  const refs = new Map<string, PDFDict>();
  const annots = page.node.lookup(PDFName.of('Annots'));
  if (!(annots instanceof PDFArray)) return refs;
  annots.asArray().forEach((entry, i) => {
    const dict = entry instanceof PDFRef ? context.lookup(entry) : entry;
    // An inline annotation has no identity of its own: it is known by its place in the array.
    if (dict instanceof PDFDict) refs.set(entry instanceof PDFRef ? entry.toString() : `#${i}`, dict);
  });
  return refs;
}

const HIDDEN = 2; // annotation flag bit 2 (§12.5.3)

function annotationChanges(
  compare: Comparison,
  was: PDFPage,
  is: PDFPage,
  page: number,
  opts: { annotationsAllowed: boolean; fieldsBefore: ReadonlyMap<string, FormField>; fieldsAfter: ReadonlyMap<string, FormField> },
): RevisionChange[] {
  const allowed = opts.annotationsAllowed;
  const changes: RevisionChange[] = [];
  const before = annotationRefs(compare.a, was);
  const after = annotationRefs(compare.b, is);
  for (const [key, dict] of after) {
    const old = before.get(key);
    if (isWidget(dict)) {
      // Widgets belong to form fields, and the field comparison judges their value and
      // appearance. Two things are the widget's own: a widget moved or re-pointed, and a new
      // widget for a field the signer already saw filled in or signed — a second face for it.
      const name = fieldNameOf(compare.b, dict);
      const [valueWas, valueIs] = [opts.fieldsBefore.get(name)?.value, opts.fieldsAfter.get(name)?.value];
      // Filling in or signing a field redraws its widget; a widget redrawn while its value
      // stays the same shows something the value does not say (a "hide" shadow attack).
      const skip = compare.sameValue(valueWas, valueIs) ? WIDGET_OWN_KEYS : WIDGET_VALUE_KEYS;
      if (old !== undefined ? !compare.same(old, dict, skip) : isNewFaceOfOldField(opts.fieldsBefore.get(name))) {
        changes.push({ kind: 'overlay', allowed: false, page, text: t.widgetChanged(page) });
      }
      continue;
    }
    const subtype = nameOf(dict.get(PDFName.of('Subtype'))) ?? '?';
    if (old === undefined) {
      const visible = isVisible(dict);
      changes.push({
        kind: visible && !allowed ? 'overlay' : 'annotation',
        allowed,
        page,
        text: visible ? t.annotationOver(subtype, page) : t.annotationAdded(subtype, page),
      });
    } else if (!compare.same(old, dict)) {
      changes.push({ kind: 'annotation', allowed, page, text: t.annotationChanged(subtype, page) });
    }
  }
  for (const [key, dict] of before) {
    if (!after.has(key) && !isWidget(dict)) {
      changes.push({ kind: 'annotation', allowed, page, text: t.annotationRemoved(nameOf(dict.get(PDFName.of('Subtype'))) ?? '?', page) });
    }
  }
  return changes;
}

/** The full name of the field a widget belongs to (its own /T and its parents'). */
function fieldNameOf(context: PDFContext, widget: PDFDict): string {
  const names: string[] = [];
  let node: PDFDict | undefined = widget;
  for (let depth = 0; node !== undefined && depth < 32; depth++) {
    const partial = textOf(node.lookup(PDFName.of('T')));
    if (partial !== undefined) names.unshift(partial);
    const parent: PDFObject | undefined = node.get(PDFName.of('Parent'));
    const next: PDFObject | undefined = parent instanceof PDFRef ? context.lookup(parent) : parent;
    node = next instanceof PDFDict ? next : undefined;
  }
  return names.join('.');
}

/** A widget added for a field the signed revision had, other than an empty signature field being signed. */
function isNewFaceOfOldField(field: FormField | undefined): boolean {
  if (field === undefined) return false; // a new field: the field comparison says whether it may be added
  return !(field.type === 'Sig' && field.value === undefined);
}

/** A widget's back-pointers: its field and its page are compared on their own. */
const WIDGET_OWN_KEYS = new Set(['Parent', 'P']);
/** What filling in or signing a field changes on its widget: the appearance and state. */
const WIDGET_VALUE_KEYS = new Set([...WIDGET_OWN_KEYS, 'AP', 'AS', 'MK', 'V']);

function isWidget(dict: PDFDict): boolean {
  return nameOf(dict.get(PDFName.of('Subtype'))) === 'Widget';
}

function isVisible(dict: PDFDict): boolean {
  const flags = dict.get(PDFName.of('F'));
  if (flags instanceof PDFNumber && (flags.asNumber() & HIDDEN) !== 0) return false;
  const rect = dict.lookup(PDFName.of('Rect'));
  if (!(rect instanceof PDFArray)) return false;
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = rect.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
  return Math.abs(x2 - x1) > 0 && Math.abs(y2 - y1) > 0;
}

// --- form fields ------------------------------------------------------------------------------

function isTimestamp(value: PDFObject | undefined): boolean {
  if (!(value instanceof PDFDict)) return false;
  return nameOf(value.get(PDFName.of('Type'))) === 'DocTimeStamp' || nameOf(value.get(PDFName.of('SubFilter'))) === 'ETSI.RFC3161';
}

function isLocked(permissions: Permissions, field: string): boolean {
  const lock = permissions.locked;
  if (lock === undefined) return false;
  if (lock.action === 'all') return true;
  const named = lock.fields.some((name) => field === name || field.startsWith(`${name}.`));
  return lock.action === 'include' ? named : !named;
}

/** The keys of a field that only its value and appearance touch (form filling, signing). */
const FIELD_VALUE_KEYS = new Set(['V', 'AP', 'AS', 'MK', 'Kids', 'Parent', 'P']);

function fieldChanges(compare: Comparison, before: FormField[], after: FormField[], permissions: Permissions, formFillAllowed: boolean): RevisionChange[] {
  const changes: RevisionChange[] = [];
  const old = new Map(before.map((f) => [f.name, f]));
  const now = new Map(after.map((f) => [f.name, f]));
  const newSignatureAllowed = permissions.docMdp !== 1;
  for (const field of after) {
    const was = old.get(field.name);
    if (was === undefined) {
      if (field.type === 'Sig' && field.valueRef !== undefined && compare.a.lookup(field.valueRef) !== undefined) {
        // A new field showing a signature the signer's revision already held: not a new signature.
        changes.push({ kind: 'field-added', allowed: false, field: field.name, text: t.fieldShowsOldSignature(field.name) });
      } else if (field.type === 'Sig') {
        // PAdES: document timestamps may follow any signature, certified with P = 1 or not.
        const timestamp = isTimestamp(field.value);
        const allowed = timestamp || newSignatureAllowed;
        changes.push({ kind: timestamp ? 'timestamp' : 'signature', allowed, field: field.name, text: timestamp ? t.timestampAdded(field.name) : field.value === undefined ? t.emptySignatureField(field.name) : t.signatureAdded(field.name) });
      } else {
        changes.push({ kind: 'field-added', allowed: false, field: field.name, text: t.fieldAdded(field.name) });
      }
      continue;
    }
    if (!compare.same(was.dict, field.dict, FIELD_VALUE_KEYS)) {
      changes.push({ kind: 'field-changed', allowed: false, field: field.name, text: t.fieldChanged(field.name) });
      continue;
    }
    if (compare.sameValue(was.value, field.value)) continue;
    if (field.type === 'Sig') {
      if (was.value === undefined) {
        const timestamp = isTimestamp(field.value);
        changes.push({ kind: timestamp ? 'timestamp' : 'signature', allowed: timestamp || newSignatureAllowed, field: field.name, text: timestamp ? t.timestampAdded(field.name) : t.signatureAdded(field.name) });
      } else {
        changes.push({ kind: 'signature-replaced', allowed: false, field: field.name, text: t.signatureReplaced(field.name) });
      }
      continue;
    }
    const allowed = formFillAllowed && !isLocked(permissions, field.name);
    changes.push({
      kind: 'form',
      allowed,
      field: field.name,
      text: allowed ? t.formFilled(field.name, valueText(was.value), valueText(field.value)) : t.lockedFieldChanged(field.name, valueText(was.value), valueText(field.value)),
    });
  }
  for (const field of before) {
    if (!now.has(field.name)) changes.push({ kind: 'field-removed', allowed: false, field: field.name, text: t.fieldRemoved(field.name) });
  }
  return changes;
}

function valueText(value: PDFObject | undefined): string {
  if (value === undefined) return '';
  const text = textOf(value) ?? nameOf(value) ?? value.toString();
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

// --- catalog and document information ---------------------------------------------------------

/**
 * Catalog keys judged elsewhere (pages, fields) or allowed to change: DSS (long-term
 * validation data), the XMP metadata stream.
 */
const CATALOG_SEPARATE = new Set(['Pages', 'AcroForm', 'DSS', 'Metadata']);
/** AcroForm keys a signing tool sets: fields are compared one by one, fonts for appearances. */
const ACROFORM_SEPARATE = new Set(['Fields', 'SigFlags', 'DR', 'DA', 'NeedAppearances']);

function catalogChanges(compare: Comparison, signed: PDFDocument, current: PDFDocument): RevisionChange[] {
  const changes: RevisionChange[] = [];
  const [was, is] = [signed.catalog, current.catalog];
  for (const key of compare.differentKeys(was, is, CATALOG_SEPARATE)) {
    changes.push({ kind: 'structure', allowed: false, text: t.catalogChanged(key) });
  }
  const formWas = was.lookup(PDFName.of('AcroForm'));
  const formIs = is.lookup(PDFName.of('AcroForm'));
  if (formWas instanceof PDFDict && formIs instanceof PDFDict) {
    for (const key of compare.differentKeys(formWas, formIs, ACROFORM_SEPARATE)) changes.push({ kind: 'structure', allowed: false, text: t.formSettingsChanged(key) });
  }
  if (!compare.sameValue(was.get(PDFName.of('DSS')), is.get(PDFName.of('DSS')))) changes.push({ kind: 'dss', allowed: true, text: t.dssAdded });
  const infoWas = signed.context.trailerInfo.Info;
  const infoIs = current.context.trailerInfo.Info;
  if (!compare.sameValue(was.get(PDFName.of('Metadata')), is.get(PDFName.of('Metadata'))) || !compare.sameValue(infoWas, infoIs)) {
    changes.push({ kind: 'metadata', allowed: true, text: t.metadataChanged });
  }
  return changes;
}

// --- deep comparison --------------------------------------------------------------------------

function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.decodeText() : undefined;
}

/**
 * Deep equality of objects across two revisions. Indirect objects are compared by content, so
 * a page that refers to a rewritten font or image is a changed page; pairs already compared
 * (or being compared, in a cycle) are remembered, so shared resources are compared once.
 */
class Comparison {
  private readonly memo = new Map<string, boolean>();
  constructor(
    readonly a: PDFContext,
    readonly b: PDFContext,
  ) {}

  /** The page as drawn: its own entries and the inherited ones, but not its annotations. */
  samePage(was: PDFPage, is: PDFPage): boolean {
    if (!this.same(was.node, is.node, new Set(['Annots', 'Parent']))) return false;
    for (const key of ['Resources', 'MediaBox', 'CropBox', 'Rotate']) {
      const name = PDFName.of(key);
      if (!this.sameValue(was.node.getInheritableAttribute(name), is.node.getInheritableAttribute(name))) return false;
    }
    return true;
  }

  /** The keys whose values differ (present in one only, or different), `skip` aside. */
  differentKeys(was: PDFDict, is: PDFDict, skip: ReadonlySet<string>): string[] {
    const keys = new Set([...was.keys(), ...is.keys()].map((k) => k.decodeText()));
    return [...keys].filter((key) => !skip.has(key) && !this.sameValue(was.get(PDFName.of(key)), is.get(PDFName.of(key))));
  }

  same(was: PDFDict, is: PDFDict, skip: ReadonlySet<string> = new Set()): boolean {
    return this.differentKeys(was, is, skip).length === 0;
  }

  sameValue(was: PDFObject | undefined, is: PDFObject | undefined): boolean {
    if (was === undefined || is === undefined) return was === is;
    if (was instanceof PDFRef && is instanceof PDFRef) {
      const key = `${was.toString()}|${is.toString()}`;
      const known = this.memo.get(key);
      if (known !== undefined) return known;
      this.memo.set(key, true); // a cycle compares equal unless something else differs
      const [left, right] = [this.a.lookup(was), this.b.lookup(is)];
      // A reference to a page (an annotation's /P, a link's destination, a page's /Parent) is
      // the page's identity: pages are compared on their own, in order, and a page whose
      // annotations changed must not make everything pointing at it "changed" too.
      if (isPageNode(left) || isPageNode(right)) {
        const same = isPageNode(left) && isPageNode(right) && was.objectNumber === is.objectNumber;
        this.memo.set(key, same);
        return same;
      }
      const result = this.sameValue(left, right);
      this.memo.set(key, result);
      return result;
    }
    const left = was instanceof PDFRef ? this.a.lookup(was) : was;
    const right = is instanceof PDFRef ? this.b.lookup(is) : is;
    if (left === undefined || right === undefined) return left === right;
    if (left instanceof PDFStream || right instanceof PDFStream) {
      if (!(left instanceof PDFStream && right instanceof PDFStream)) return false;
      return this.same(left.dict, right.dict) && Buffer.from(streamBytes(left)).equals(Buffer.from(streamBytes(right)));
    }
    if (left instanceof PDFDict || right instanceof PDFDict) {
      return left instanceof PDFDict && right instanceof PDFDict && this.same(left, right);
    }
    if (left instanceof PDFArray || right instanceof PDFArray) {
      if (!(left instanceof PDFArray && right instanceof PDFArray) || left.size() !== right.size()) return false;
      return left.asArray().every((item, i) => this.sameValue(item, right.get(i)));
    }
    return left.constructor === right.constructor && left.toString() === right.toString();
  }
}

function isPageNode(object: PDFObject | undefined): boolean {
  if (!(object instanceof PDFDict)) return false;
  const type = nameOf(object.get(PDFName.of('Type')));
  return type === 'Page' || type === 'Pages';
}

function streamBytes(stream: PDFStream): Uint8Array {
  return stream instanceof PDFRawStream ? stream.contents : stream.getContents();
}
