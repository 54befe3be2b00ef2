/**
 * Trusted lists (ETSI TS 119 612): the national list of qualified trust services the office
 * downloads (in Poland from the national certification centre, NCCert) or the EU's. Its XML
 * signature (XMLDSig, enveloped; the list is XAdES-signed) is verified with xml-crypto, and
 * only what the signature covers is read: the services, their type (a CA issuing qualified
 * certificates, a qualified time-stamping authority, …), their status history and their
 * certificates, which become trust anchors for the verification of signatures.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { fail } from '#core/errors';

const TSL = 'http://uri.etsi.org/02231/v2#';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

/** Service types (TS 119 612 §5.5.1.1) the verification uses; the rest are kept as "other". */
export const SERVICE_TYPES = {
  'http://uri.etsi.org/TrstSvc/Svctype/CA/QC': 'CA/QC',
  'http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST': 'TSA/QTST',
  'http://uri.etsi.org/TrstSvc/Svctype/CA/PKC': 'CA/PKC',
  'http://uri.etsi.org/TrstSvc/Svctype/TSA': 'TSA',
} as const;
export type ServiceType = (typeof SERVICE_TYPES)[keyof typeof SERVICE_TYPES] | 'other';

/** Statuses meaning "qualified / accredited at that time" (TS 119 612 §5.5.4, and the pre-eIDAS ones). */
const GRANTED = new Set([
  'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted',
  'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/recognisedatnationallevel',
  'http://uri.etsi.org/TrstSvc/Svcstatus/accredited',
  'http://uri.etsi.org/TrstSvc/Svcstatus/undersupervision',
]);

export type TrustService = {
  provider: string;
  name: string;
  type: ServiceType;
  /** Newest first: whether it was granted (qualified) from each time on. */
  history: { granted: boolean; since: string }[];
  certificatesPem: string[];
};

export type TrustedList = {
  territory: string;
  sequenceNumber: number;
  issuedAt: string;
  nextUpdate: string | null;
  /** Who signed the list: the administrator compares it with the official publication. */
  signer: { name: string; sha256: string };
  services: TrustService[];
};

/** A national list is a few megabytes; anything much bigger is not one. */
const MAX_LIST_BYTES = 30 * 1024 * 1024;
const MAX_SERVICES = 5_000;

/**
 * Reads and verifies a trusted list. Refuses (Polish DomainError, TRUSTED_LIST_*) a file that
 * is not XML or not a trusted list, carries a DOCTYPE (entity tricks), has no signature or one
 * that does not verify — a list changed after signing by even one character.
 */
export function readTrustedList(xml: string): TrustedList {
  if (xml.length > MAX_LIST_BYTES) throw fail('TRUSTED_LIST_INVALID');
  // No DTDs at all: a trusted list has none, and entities are how XML parsers are attacked.
  if (/<!DOCTYPE/i.test(xml)) throw fail('TRUSTED_LIST_INVALID');
  const errors: string[] = [];
  const parse = (text: string) =>
    new DOMParser({ onError: (level, m) => level !== 'warning' && errors.push(m) }).parseFromString(text, 'application/xml');
  let doc: ReturnType<typeof parse>;
  try {
    doc = parse(xml);
  } catch {
    // xmldom throws (rather than reporting) on some inputs, an empty text among them.
    throw fail('TRUSTED_LIST_INVALID');
  }
  // DOM's types say a document always has one; xmldom's parse of garbage (or of nothing) may give none.
  const root = (doc as unknown as Document | undefined)?.documentElement ?? null;
  if (errors.length > 0 || root === null || root.localName !== 'TrustServiceStatusList' || root.namespaceURI !== TSL) throw fail('TRUSTED_LIST_INVALID');

  const signatures = childrenNamed(root, DS, 'Signature');
  const signature = signatures[0];
  if (signature === undefined || signatures.length > 1) throw fail('TRUSTED_LIST_UNSIGNED');
  const certificateText = textOf(descendant(signature, DS, 'X509Certificate'));
  let signer: X509Certificate;
  try {
    signer = new X509Certificate(Buffer.from(certificateText.replace(/\s+/g, ''), 'base64'));
  } catch {
    throw fail('TRUSTED_LIST_UNSIGNED');
  }
  const verifier = new SignedXml({ publicCert: signer.toString(), getCertFromKeyInfo: () => null });
  let signed: string | undefined;
  try {
    verifier.loadSignature(new XMLSerializer().serializeToString(signature as unknown as Parameters<XMLSerializer['serializeToString']>[0]));
    if (verifier.checkSignature(xml)) {
      // Only what the signature covers is read: the whole list (an enveloped reference to "").
      const references = verifier.getSignedReferences();
      signed = references.length === 1 ? references[0] : undefined;
    }
  } catch {
    signed = undefined;
  }
  if (signed === undefined) throw fail('TRUSTED_LIST_SIGNATURE');
  const list = parse(signed).documentElement as Element | null;
  if (list === null || list.localName !== 'TrustServiceStatusList' || list.namespaceURI !== TSL) throw fail('TRUSTED_LIST_SIGNATURE');

  const scheme = descendant(list, TSL, 'SchemeInformation');
  const services: TrustService[] = [];
  for (const provider of descendants(list, TSL, 'TrustServiceProvider')) {
    const providerName = nameIn(descendant(provider, TSL, 'TSPName'));
    for (const service of descendants(provider, TSL, 'TSPService')) {
      if (services.length >= MAX_SERVICES) throw fail('TRUSTED_LIST_INVALID');
      const information = descendant(service, TSL, 'ServiceInformation');
      const typeUri = textOf(descendant(information, TSL, 'ServiceTypeIdentifier'));
      const history = [
        { granted: GRANTED.has(textOf(descendant(information, TSL, 'ServiceStatus'))), since: textOf(descendant(information, TSL, 'StatusStartingTime')) },
        ...descendants(service, TSL, 'ServiceHistoryInstance').map((h) => ({
          granted: GRANTED.has(textOf(descendant(h, TSL, 'ServiceStatus'))),
          since: textOf(descendant(h, TSL, 'StatusStartingTime')),
        })),
      ].sort((a, b) => b.since.localeCompare(a.since));
      const digital = descendant(information, TSL, 'ServiceDigitalIdentity');
      const certificatesPem = descendants(digital, TSL, 'X509Certificate').flatMap((c) => {
        try {
          return [new X509Certificate(Buffer.from(textOf(c).replace(/\s+/g, ''), 'base64')).toString()];
        } catch {
          return []; // a service identified by a key alone anchors nothing here
        }
      });
      services.push({
        provider: providerName,
        name: nameIn(descendant(information, TSL, 'ServiceName')),
        type: (SERVICE_TYPES as Record<string, ServiceType | undefined>)[typeUri] ?? 'other',
        history,
        certificatesPem,
      });
    }
  }
  const next = descendant(scheme, TSL, 'NextUpdate');
  return {
    territory: textOf(descendant(scheme, TSL, 'SchemeTerritory')),
    sequenceNumber: Number(textOf(descendant(scheme, TSL, 'TSLSequenceNumber'))) || 0,
    issuedAt: textOf(descendant(scheme, TSL, 'ListIssueDateTime')),
    nextUpdate: next === undefined ? null : textOf(descendant(next, TSL, 'dateTime')) || null,
    signer: { name: signer.subject.replace(/\n/g, ', '), sha256: createHash('sha256').update(signer.raw).digest('hex').toUpperCase() },
    services,
  };
}

/** Was the service granted (qualified) at `at`, by its status history? */
export function grantedAt(service: Pick<TrustService, 'history'>, at: Date): boolean {
  const entry = service.history.find((h) => Date.parse(h.since) <= at.getTime());
  return entry?.granted === true;
}

// --- DOM helpers ------------------------------------------------------------------------------

function childrenNamed(parent: Element, ns: string, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    const element = node as Element;
    if (node.nodeType === 1 && element.localName === name && element.namespaceURI === ns) found.push(element);
  }
  return found;
}

function descendants(parent: Element | undefined, ns: string, name: string): Element[] {
  if (parent === undefined) return [];
  return Array.from(parent.getElementsByTagNameNS(ns, name));
}

function descendant(parent: Element | undefined, ns: string, name: string): Element | undefined {
  return descendants(parent, ns, name)[0];
}

function textOf(element: Element | undefined): string {
  return (element?.textContent ?? '').trim();
}

/** A multilingual name (TS 119 612 §5.1.4): Polish when given, else English, else the first. */
function nameIn(element: Element | undefined): string {
  const names = descendants(element, TSL, 'Name');
  const lang = (n: Element) => n.getAttribute('xml:lang') ?? '';
  return textOf(names.find((n) => lang(n) === 'pl') ?? names.find((n) => lang(n) === 'en') ?? names[0]);
}
