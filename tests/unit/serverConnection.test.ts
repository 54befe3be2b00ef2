import { describe, expect, it } from 'vitest';
import { checkServerUrl, untrustedCertificate } from '#sync/serverConnection';
import { serverNames } from '#server/tls';
import { trustProxyOf } from '#server/config';
import { loginDelaySeconds } from '#core/security/loginSlowdown';
import { thrown } from '#tests/support/thrown';

describe("a workstation's server address", () => {
  it('is https://, or plain http:// only to this computer', () => {
    expect(checkServerUrl('https://serwer.urzad.local:8417/').host).toBe('serwer.urzad.local:8417');
    for (const local of ['http://127.0.0.1:8417/', 'http://127.8.9.1/', 'http://localhost:1/', 'http://[::1]:8417/']) expect(checkServerUrl(local).protocol).toBe('http:');
    for (const lan of ['http://10.0.0.5:8417/', 'http://serwer:8417/', 'http://127.0.0.1.nip.io/', 'http://localhost.urzad.local/']) expect(thrown(() => checkServerUrl(lan)).code).toBe('SYNC_SERVER_URL_PLAIN');
    expect(thrown(() => checkServerUrl('ftp://serwer/')).code).toBe('SYNC_SERVER_URL_INVALID');
    expect(thrown(() => checkServerUrl('serwer:8417')).code).toBe('SYNC_SERVER_URL_INVALID');
  });

  it("tells a certificate that is not the office's from a network that is down", () => {
    const tlsFailure = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }) });
    expect(untrustedCertificate(tlsFailure)).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    const down = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(untrustedCertificate(down)).toBeNull();
  });
});

describe("the server certificate's names", () => {
  it('are those IT named, the machine, loopback and the listening address, once each', () => {
    expect(serverNames(['Serwer.Urzad.local', ' 10.0.0.5 ', ''], '0.0.0.0', 'SRV-KANCELARIA')).toEqual(['serwer.urzad.local', '10.0.0.5', 'srv-kancelaria', 'localhost', '127.0.0.1', '::1']);
    expect(serverNames([], '10.0.0.5', 'srv')).toEqual(['srv', 'localhost', '127.0.0.1', '::1', '10.0.0.5']);
  });
});

describe('KANCELARIA_SERVER_TRUST_PROXY', () => {
  it('is a hop count or addresses and CIDR ranges named one by one', () => {
    expect(trustProxyOf('1')).toBe(1);
    expect(trustProxyOf(' 10.0.0.5, 10.0.0.0/24 ,::1 ')).toEqual(['10.0.0.5', '10.0.0.0/24', '::1']);
    expect(trustProxyOf(undefined)).toBeUndefined();
    for (const bad of ['uniquelocal', '10.0.0.0/33', '0', 'serwer-proxy', '10.0.0.5/24/1']) expect(() => trustProxyOf(bad)).toThrow(/KANCELARIA_SERVER_TRUST_PROXY/);
  });
});

describe('the wait after failed logins', () => {
  it('is none for the first tries, then doubles up to its cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 13, 40].map((n) => loginDelaySeconds(n, 3, 900))).toEqual([0, 0, 0, 1, 2, 4, 8, 900, 900]);
  });
});
