/**
 * XAdES signatures in XML documents (an ePUAP form, an e-Doręczenia message): whether each
 * signature is intact over what it signs, who signed, when they say they did, and whether the
 * signer's certificate leads to a root the office trusts.
 *
 * The signature mathematics, canonicalisation and references are xadesjs's (on xmldsigjs and
 * Node's WebCrypto); the path to a trusted root is signing/signerCheck.ts's, as for PDFs. What
 * is ours: bounds before the parser sees the text (size; no DOCTYPE, so no entity expansion),
 * and the verdict in Polish.
 */
import { webcrypto } from 'node:crypto';
import * as xmldom from '@xmldom/xmldom';
import * as xadesjs from 'xadesjs';
import xpath from 'xpath';
import { parseCertificate, isValidAt, type Certificate } from '#signing/certificate';
import { buildPath, parseRoots } from '#signing/signerCheck';

/** An XML document larger than this is not read (an ePUAP form with attachments is a few MB). */
export const XML_MAX_BYTES = 64 * 1024 * 1024;
const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

let ready = false;
/** xadesjs with Node's WebCrypto and xmldom, set up once (also for the tests that sign). */
export function xades(): typeof xadesjs {
  if (!ready) {
    xadesjs.Application.setEngine('NodeJS', webcrypto as unknown as Crypto);
    xadesjs.setNodeDependencies({ XMLSerializer: xmldom.XMLSerializer, DOMParser: xmldom.DOMParser, DOMImplementation: xmldom.DOMImplementation, xpath });
    ready = true;
  }
  return xadesjs;
}

export type XadesCheck = {
  signerName: string | null;
  /** The identifier in the certificate's subject (PNOPL-…, a NIP), if any. */
  identifier: string | null;
  /** The signature value and every reference verify: nothing signed was changed. */
  intact: boolean;
  /** The certificate leads to a root the office trusts and was valid at the signing time. */
  trusted: boolean;
  /** The signing time the signature declares (XAdES SigningTime), ISO; null if none. */
  signingTime: string | null;
  summary: string;
};

/** The document's text as XML the parser may read: no DOCTYPE (entities), within the size bound. */
export function safeXmlText(bytes: Uint8Array): string | null {
  if (bytes.byteLength > XML_MAX_BYTES) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(text)) return null;
  return text;
}

/** Parses XML; null when it is not well-formed. */
export function parseXml(text: string): Document | null {
  const errors: string[] = [];
  try {
    const doc = new xmldom.DOMParser({ onError: (level, m) => level !== 'warning' && errors.push(m) }).parseFromString(text, 'application/xml');
    return errors.length === 0 && doc.documentElement ? (doc as unknown as Document) : null;
  } catch {
    return null;
  }
}

function certificatesOf(signature: Element): Certificate[] {
  return Array.from(signature.getElementsByTagNameNS(XMLDSIG_NS, 'X509Certificate'))
    .map((n) => parseCertificate(Buffer.from(n.textContent.replace(/\s+/g, ''), 'base64')))
    .filter((c): c is Certificate => c !== null);
}

/** The signer's certificate among those in KeyInfo (a chain may come with it): the one that issued none of the others. */
function signerOf(certs: Certificate[]): Certificate | null {
  return certs.find((c) => !certs.some((other) => other !== c && other.x509.checkIssued(c.x509))) ?? certs[0] ?? null;
}

const SIGNATURE_METHODS: Readonly<Record<string, { name: string; hash: string }>> = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { name: 'ECDSA', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { name: 'ECDSA', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { name: 'ECDSA', hash: 'SHA-512' },
};

/**
 * The signer's public key for WebCrypto. xmldsigjs would take a key from KeyInfo itself, but
 * with a chain there it may take the CA's; the key of the certificate we judge is the one used.
 */
async function verificationKey(signature: Element, signer: Certificate): Promise<CryptoKey | null> {
  const uri = signature.getElementsByTagNameNS(XMLDSIG_NS, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
  const method = SIGNATURE_METHODS[uri];
  if (!method) return null;
  const spki = signer.x509.publicKey.export({ type: 'spki', format: 'der' });
  const details = signer.x509.publicKey.asymmetricKeyDetails;
  const algorithm = method.name === 'ECDSA' ? { name: 'ECDSA', namedCurve: details?.namedCurve === 'prime256v1' ? 'P-256' : details?.namedCurve === 'secp384r1' ? 'P-384' : 'P-521' } : { name: method.name, hash: method.hash };
  try {
    // Extractable: xmldsigjs exports and imports the key again for the algorithm it reads.
    return await webcrypto.subtle.importKey('spki', spki, algorithm, true, ['verify']);
  } catch {
    return null;
  }
}

function signingTimeOf(signature: Element): string | null {
  const el = Array.from(signature.getElementsByTagName('*')).find((e) => e.localName === 'SigningTime');
  const d = el?.textContent ? new Date(el.textContent.trim()) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

/**
 * Whether the signature signs the whole document (a reference to "" or to the root's Id): one
 * that signs only a fragment would leave the rest open to change while still verifying.
 */
function coversDocument(doc: Document, signature: Element): boolean {
  const rootId = doc.documentElement.getAttribute('Id') ?? doc.documentElement.getAttribute('id');
  const signedInfo = signature.getElementsByTagNameNS(XMLDSIG_NS, 'SignedInfo')[0];
  return Array.from(signedInfo?.getElementsByTagNameNS(XMLDSIG_NS, 'Reference') ?? []).some((r) => {
    const uri = r.getAttribute('URI');
    // No URI at all is how xmldsigjs writes the whole document; "" is how most tools do.
    return uri === null || uri === '' || (rootId !== null && uri === `#${rootId}`);
  });
}

async function verified(doc: Document, signature: Element, key: CryptoKey): Promise<boolean> {
  try {
    const signed = new xadesjs.SignedXml(doc);
    signed.LoadXml(signature);
    return await signed.Verify(key);
  } catch {
    return false; // a signature that cannot be read is not a valid one
  }
}

/** Every ds:Signature in the document, checked. */
export async function verifyXades(doc: Document, opts: { trustedRoots: readonly string[] }): Promise<XadesCheck[]> {
  xades();
  const roots = parseRoots(opts.trustedRoots);
  const out: XadesCheck[] = [];
  for (const signature of Array.from(doc.getElementsByTagNameNS(XMLDSIG_NS, 'Signature'))) {
    const pool = certificatesOf(signature);
    const cert = signerOf(pool);
    const key = cert ? await verificationKey(signature, cert) : null;
    const intact = key !== null && coversDocument(doc, signature) && (await verified(doc, signature, key));
    const signingTime = signingTimeOf(signature);
    const path = cert ? buildPath(cert, pool, roots) : null;
    const validThen = cert ? isValidAt(cert, signingTime ? new Date(signingTime) : new Date()) : false;
    const trusted = intact && path !== null && path.trusted && validThen;
    const signerName = cert?.subject.commonName ?? null;
    const who = signerName ?? 'nieznany podpisujący';
    const summary = !intact
      ? `Podpis XAdES (${who}) jest NIEWAŻNY: dokument zmieniono po podpisaniu albo podpis jest uszkodzony.`
      : trusted
        ? `Podpis XAdES złożył ${who}; podpis ważny, certyfikat zaufany.`
        : `Podpis XAdES złożył ${who}; dokument nie był zmieniany, ale certyfikatu nie potwierdzono: ${path?.problem || (validThen ? 'brak certyfikatu w podpisie' : 'certyfikat nie był ważny w chwili podpisu')}.`;
    out.push({ signerName, identifier: cert?.subject.serialNumber ?? null, intact, trusted, signingTime, summary });
  }
  return out;
}
