/**
 * ePUAP documents made by the tests: the "Pismo ogólne do podmiotu publicznego" form's structure
 * (shared schemas of the central repository: struktura, osoba, adres, meta), enveloped-signed
 * with XAdES-BES by a test key, as a citizen's Profil Zaufany or qualified signature would.
 */
import { createPrivateKey, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLSerializer } from '@xmldom/xmldom';
import { strToU8, zipSync } from 'fflate';
import { parseXml, xades } from '#signing/xades';
import type { TestPki, TestSigner } from '#tests/support/certificates';

export type EpuapFields = { title: string; date: string; firstName: string; lastName: string; pesel: string; email: string; city: string; text: string; attachments: { fileName: string; mime: string; bytes: Uint8Array }[] };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function epuapXml(f: EpuapFields): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<wnio:Dokument xmlns:wnio="http://crd.gov.pl/wzor/2013/12/12/1410/" xmlns:meta="http://crd.gov.pl/xml/schematy/meta/2009/11/16/" xmlns:str="http://crd.gov.pl/xml/schematy/struktura/2009/11/16/" xmlns:oso="http://crd.gov.pl/xml/schematy/osoba/2009/11/16/" xmlns:adr="http://crd.gov.pl/xml/schematy/adres/2009/11/09/">
  <wnio:OpisDokumentu><meta:Data typDaty="utworzony"><meta:Czas>${esc(f.date)}</meta:Czas></meta:Data></wnio:OpisDokumentu>
  <wnio:DaneDokumentu>
    <str:Naglowek><str:NazwaDokumentu>${esc(f.title)}</str:NazwaDokumentu></str:Naglowek>
    <wnio:Nadawcy><meta:Podmiot><oso:Osoba>
      <oso:IdOsoby><oso:PESEL>${esc(f.pesel)}</oso:PESEL></oso:IdOsoby>
      <oso:Imie>${esc(f.firstName)}</oso:Imie><oso:Nazwisko>${esc(f.lastName)}</oso:Nazwisko>
    </oso:Osoba>
    <adr:Adres><adr:KodPocztowy>99-999</adr:KodPocztowy><adr:Miejscowosc>${esc(f.city)}</adr:Miejscowosc><adr:Ulica>Lipowa</adr:Ulica><adr:Budynek>3</adr:Budynek></adr:Adres>
    <adr:Kontakt><adr:Email>${esc(f.email)}</adr:Email></adr:Kontakt></meta:Podmiot></wnio:Nadawcy>
    <wnio:TrescDokumentu format="text/plain" kodowanie="XML"><wnio:RodzajWnioskowania>wniosek</wnio:RodzajWnioskowania><wnio:Wartosc>${esc(f.text)}</wnio:Wartosc></wnio:TrescDokumentu>
  </wnio:DaneDokumentu>
  <wnio:Zalaczniki>${f.attachments.map((a) => `<str:Zalacznik format="${esc(a.mime)}" nazwaPliku="${esc(a.fileName)}" kodowanie="base64"><str:DaneZalacznika>${Buffer.from(a.bytes).toString('base64')}</str:DaneZalacznika></str:Zalacznik>`).join('')}</wnio:Zalaczniki>
</wnio:Dokument>`;
}

/** The document signed with XAdES-BES (enveloped, SHA-256, the signer's certificate and its CA in KeyInfo, SigningCertificate). */
export async function signEpuap(xml: string, pki: TestPki, signer: TestSigner): Promise<Uint8Array> {
  const x = xades();
  const doc = parseXml(xml);
  if (!doc) throw new Error('the test document is not well-formed');
  const der = createPrivateKey(readFileSync(join(pki.dir, `${signer.id}.key`))).export({ type: 'pkcs8', format: 'der' });
  const key = await webcrypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  const signed = new x.SignedXml();
  const cert = signer.certDer.toString('base64');
  await signed.Sign({ name: 'RSASSA-PKCS1-v1_5' }, key, doc, {
    // The signer's certificate and its issuing CA, as signing tools put the chain in KeyInfo.
    x509: [cert, pki.intermediate.der.toString('base64')],
    signingCertificate: cert,
    signingTime: { value: new Date() },
    references: [{ hash: 'SHA-256', transforms: ['enveloped', 'c14n'] }],
  });
  doc.documentElement.appendChild(signed.GetXml() as unknown as Node);
  return new TextEncoder().encode(new XMLSerializer().serializeToString(doc as never));
}

/**
 * An e-Doręczenia evidence (ETSI EN 319 522-4-1 in spirit: the event's code, its time, the
 * message's identifiers, the digest of the content, the recipient's electronic address), to be
 * sealed with `signEpuap` as the provider seals it.
 */
export function edoreczeniaEvidenceXml(f: { event: 'SubmissionAcceptance' | 'ContentConsignment' | 'ContentHandover' | 'NonRetrieval'; at: string; messageId: string; senderMessageId?: string; digestHex?: string; recipient: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ev:Evidence xmlns:ev="http://uri.etsi.org/19522/v1#">
  <ev:EvidenceIdentifier>${esc(crypto.randomUUID())}</ev:EvidenceIdentifier>
  <ev:EventCode>http://uri.etsi.org/19522/Event/${f.event}</ev:EventCode>
  <ev:EventTime>${esc(f.at)}</ev:EventTime>
  <ev:MessageIdentifierByERDS>${esc(f.messageId)}</ev:MessageIdentifierByERDS>
  ${f.senderMessageId ? `<ev:UAMessageIdentifier>${esc(f.senderMessageId)}</ev:UAMessageIdentifier>` : ''}
  <ev:RecipientDetails><ev:ElectronicAddress>${esc(f.recipient)}</ev:ElectronicAddress></ev:RecipientDetails>
  ${f.digestHex ? `<ev:ContentDigest algorithm="SHA-256">${f.digestHex}</ev:ContentDigest>` : ''}
</ev:Evidence>`;
}

/** An ePUAP UPD (urzędowe poświadczenie doręczenia): who took the document and when, its digest in base64. */
export function updXml(f: { deliveredAt: string; recipient: string; documentId: string; digestHex?: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<upd:UPD xmlns:upd="http://www.epuap.gov.pl/fe-model-web/upd/">
  <upd:IdentyfikatorPoswiadczenia>UPD-${esc(crypto.randomUUID())}</upd:IdentyfikatorPoswiadczenia>
  <upd:Adresat><upd:Nazwa>${esc(f.recipient)}</upd:Nazwa></upd:Adresat>
  <upd:DataDoreczenia>${esc(f.deliveredAt)}</upd:DataDoreczenia>
  <upd:IdentyfikatorDokumentu>${esc(f.documentId)}</upd:IdentyfikatorDokumentu>
  ${f.digestHex ? `<upd:SkrotDokumentu algorytm="SHA-256">${Buffer.from(f.digestHex, 'hex').toString('base64')}</upd:SkrotDokumentu>` : ''}
</upd:UPD>`;
}

/**
 * A message as an e-Doręczenia mailbox lets it be downloaded: a ZIP with its description
 * (`metadata.json` in the REST API's English names, or `metadane.xml` in Polish ones), its
 * attachments and the provider's sealed evidence files.
 */
export function edoreczeniaZip(f: {
  subject: string;
  sentAt: string;
  messageId: string;
  senderName: string;
  senderAddress: string;
  text: string;
  description?: 'json' | 'xml';
  attachments: { fileName: string; bytes: Uint8Array }[];
  evidence: { fileName: string; bytes: Uint8Array }[];
}): Uint8Array {
  const description =
    f.description === 'xml'
      ? strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<w:Wiadomosc xmlns:w="urn:example:skrzynka:1"><w:IdentyfikatorWiadomosci>${esc(f.messageId)}</w:IdentyfikatorWiadomosci><w:Temat>${esc(f.subject)}</w:Temat><w:DataWyslania>${esc(f.sentAt)}</w:DataWyslania><w:Nadawca><w:Nazwa>${esc(f.senderName)}</w:Nazwa><w:AdresElektroniczny>${esc(f.senderAddress)}</w:AdresElektroniczny></w:Nadawca><w:Tresc>${esc(f.text)}</w:Tresc></w:Wiadomosc>`)
      : strToU8(JSON.stringify({ messageId: f.messageId, subject: f.subject, sentAt: f.sentAt, sender: { name: f.senderName, electronicAddress: f.senderAddress }, content: f.text }));
  return zipSync({
    [f.description === 'xml' ? 'metadane.xml' : 'metadata.json']: description,
    ...Object.fromEntries(f.attachments.map((a) => [`zalaczniki/${a.fileName}`, a.bytes])),
    ...Object.fromEntries(f.evidence.map((e) => [`dowody/${e.fileName}`, e.bytes])),
  });
}
