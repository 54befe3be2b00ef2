import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestPki } from '#tests/support/certificates';

export type TestService = {
  type: 'CA/QC' | 'TSA/QTST';
  name: string;
  certificatePem: string;
  /** Newest first: status URI tail (`granted`, `withdrawn`) and since when. */
  history: { status: 'granted' | 'withdrawn'; since: string }[];
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const base64 = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

/**
 * A trusted list in the shape of ETSI TS 119 612 (the elements our reader uses), signed by
 * `xmlsec1` (enveloped XMLDSig, exclusive C14N, RSA-SHA256) with the test root's key — an
 * independent XML signature implementation, not ours.
 */
export function makeTrustedList(pki: TestPki, services: TestService[]): string {
  const status = (s: string) => `http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/${s}`;
  const serviceXml = services
    .map((service) => {
      const [current, ...older] = service.history;
      if (current === undefined) throw new Error('a service needs a status');
      return `
        <tsl:TSPService>
          <tsl:ServiceInformation>
            <tsl:ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/${service.type}</tsl:ServiceTypeIdentifier>
            <tsl:ServiceName><tsl:Name xml:lang="en">${escape(service.name)} (EN)</tsl:Name><tsl:Name xml:lang="pl">${escape(service.name)}</tsl:Name></tsl:ServiceName>
            <tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>${base64(service.certificatePem)}</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity>
            <tsl:ServiceStatus>${status(current.status)}</tsl:ServiceStatus>
            <tsl:StatusStartingTime>${current.since}</tsl:StatusStartingTime>
          </tsl:ServiceInformation>
          <tsl:ServiceHistory>${older
            .map((h) => `<tsl:ServiceHistoryInstance><tsl:ServiceStatus>${status(h.status)}</tsl:ServiceStatus><tsl:StatusStartingTime>${h.since}</tsl:StatusStartingTime></tsl:ServiceHistoryInstance>`)
            .join('')}</tsl:ServiceHistory>
        </tsl:TSPService>`;
    })
    .join('');
  const template = `<?xml version="1.0" encoding="UTF-8"?>
<tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="TrustServiceStatusList" TSLTag="http://uri.etsi.org/19612/TSLTag">
  <tsl:SchemeInformation>
    <tsl:TSLVersionIdentifier>5</tsl:TSLVersionIdentifier>
    <tsl:TSLSequenceNumber>77</tsl:TSLSequenceNumber>
    <tsl:SchemeTerritory>PL</tsl:SchemeTerritory>
    <tsl:ListIssueDateTime>2026-11-30T10:00:00Z</tsl:ListIssueDateTime>
    <tsl:NextUpdate><tsl:dateTime>2027-05-30T10:00:00Z</tsl:dateTime></tsl:NextUpdate>
  </tsl:SchemeInformation>
  <tsl:TrustServiceProviderList>
    <tsl:TrustServiceProvider>
      <tsl:TSPInformation><tsl:TSPName><tsl:Name xml:lang="pl">Testowe Centrum Certyfikacji sp. z o.o.</tsl:Name></tsl:TSPName></tsl:TSPInformation>
      <tsl:TSPServices>${serviceXml}
      </tsl:TSPServices>
    </tsl:TrustServiceProvider>
  </tsl:TrustServiceProviderList>
  <ds:Signature Id="podpis-listy">
    <ds:SignedInfo>
      <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
      <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
      <ds:Reference URI="">
        <ds:Transforms>
          <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
          <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
        </ds:Transforms>
        <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
        <ds:DigestValue/>
      </ds:Reference>
    </ds:SignedInfo>
    <ds:SignatureValue/>
    <ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>
  </ds:Signature>
</tsl:TrustServiceStatusList>
`;
  const work = mkdtempSync(join(tmpdir(), 'kancelaria-tsl-'));
  try {
    writeFileSync(join(work, 'template.xml'), template);
    execFileSync('xmlsec1', ['--sign', '--privkey-pem', `${join(pki.dir, 'root.key')},${pki.root.file}`, '--output', join(work, 'signed.xml'), join(work, 'template.xml')], { stdio: 'pipe' });
    return readFileSync(join(work, 'signed.xml'), 'utf8');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
