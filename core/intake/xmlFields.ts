/**
 * Fields of the XML documents public gateways save (ePUAP forms, their UPP/UPD, e-Doręczenia
 * evidence), found by local element name whatever the namespace prefix or edition: the forms
 * share building blocks but each edition has its own namespace URI.
 */

export function all(root: Element | Document, local: string): Element[] {
  return Array.from(root.getElementsByTagName('*')).filter((e) => e.localName === local);
}

/** The first element with any of these local names, tried in order. */
export function first(root: Element | Document, ...locals: string[]): Element | null {
  for (const l of locals) {
    const e = all(root, l)[0];
    if (e) return e;
  }
  return null;
}

/** The text of the first element with any of these names, whitespace collapsed; null when empty. */
export function textOf(root: Element | Document | null, ...locals: string[]): string | null {
  if (!root) return null;
  const t = first(root, ...locals)?.textContent.replace(/\s+/g, ' ').trim() ?? '';
  return t === '' ? null : t;
}

/** Whether the bytes are an XML document (a first tag after optional whitespace and BOM). */
export function looksLikeXml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<');
}
