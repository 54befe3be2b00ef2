/**
 * The central server's TLS: the office's own certification authority and the server's
 * certificate for its host names, made on first start, or PEM files IT gives.
 *
 * Workstations pin the office CA (exported with `npx kancelaria-server tls ca`), so nobody on
 * the LAN can stand in for the server: passwords, tokens, scans and the settings (which carry
 * the trusted roots of signatures) cross the wire only encrypted and only to this server.
 *
 * Keys are made by node:crypto (RSA: the CA 3072 bits, the server 2048), certificates built and
 * signed by node-forge (which can build X.509 only for RSA keys). In the folder (0700):
 * `ca-klucz.pem` (the CA's key and certificate, 0600), `ca.pem` (what workstations pin) and
 * `serwer.pem` (the server's key and chain, 0600). The server certificate is made again at start
 * when a name is added or it has fewer than 30 days left; the CA lasts 20 years.
 */
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';

export type TlsMaterial = {
  key: string;
  /** The server certificate, then the chain up to (and including) the office CA. */
  cert: string;
  /** The certificate workstations pin (the office CA, or the one IT named). */
  caPem: string;
  /** SHA-256 of the CA certificate, as `AB:CD:…` (what IT compares on a workstation). */
  caFingerprint: string;
  /** What happened at this start, in Polish, for the console. */
  made: 'ca' | 'server' | 'none' | 'given';
};

export type TlsConfig =
  | { kind: 'own'; dir: string; names: string[] }
  | { kind: 'given'; certFile: string; keyFile: string; caFile: string | undefined };

const DAY = 86_400_000;
const SERVER_DAYS = 825;
const RENEW_DAYS = 30;

/** The names the server's certificate covers: those IT gave, this machine's, and loopback. */
export function serverNames(given: string[], host: string, machine: string): string[] {
  const names = [...given, machine, 'localhost', '127.0.0.1', '::1'];
  if (host !== '0.0.0.0' && host !== '::') names.push(host);
  return [...new Set(names.map((n) => n.trim().toLowerCase()).filter((n) => n !== ''))];
}

export function fingerprintOf(pem: string): string {
  const der = new X509Certificate(pem).raw;
  return createHash('sha256').update(der).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

function rsaKey(bits: number): forge.pki.rsa.PrivateKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
}

/** A positive serial of 16 random bytes (RFC 5280 §4.1.2.2). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes.writeUInt8((bytes.readUInt8(0) & 0x7f) | 0x40, 0);
  return bytes.toString('hex');
}

const utf8 = (name: string, value: string) => ({ name, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class });

function makeCa(now: Date): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const key = rsaKey(3072);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - DAY);
  cert.validity.notAfter = new Date(now.getTime() + 20 * 365 * DAY);
  const name = [utf8('commonName', `Kancelaria — urząd certyfikacji serwera (${now.toISOString().slice(0, 10)})`), utf8('organizationName', 'Kancelaria')];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { cert, key };
}

function makeServerCert(ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }, names: string[], now: Date): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const key = rsaKey(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - DAY);
  cert.validity.notAfter = new Date(now.getTime() + SERVER_DAYS * DAY);
  cert.setSubject([utf8('commonName', names[0] ?? 'localhost'), utf8('organizationName', 'Kancelaria')]);
  // forge reads UTF8String values back as their bytes: decoded here, or they would be encoded twice.
  cert.setIssuer(ca.cert.subject.attributes.map((a) => (a.valueTagClass === (forge.asn1.Type.UTF8 as unknown as forge.asn1.Class) && typeof a.value === 'string' ? { ...a, value: forge.util.decodeUtf8(a.value) } : a)));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { cert, key };
}

/** Written whole or not at all (a crash mid-write must not leave half a key). */
function writeAtomically(file: string, text: string, mode: number): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, file);
  chmodSync(file, mode);
}

function covers(pem: string, names: string[], now: Date): boolean {
  const x = new X509Certificate(pem);
  if (new Date(x.validTo).getTime() - now.getTime() < RENEW_DAYS * DAY) return false;
  return names.every((n) => (isIP(n) ? x.checkIP(n) !== undefined : x.checkHost(n, { wildcards: false }) !== undefined));
}

/**
 * The TLS material to listen with: the given PEM files, or the office's own CA and server
 * certificate in `dir` (made when missing, the server certificate renewed when it must be).
 * Refuses in Polish: files that cannot be read, a key that does not match.
 */
export function serverTls(config: TlsConfig, now: Date = new Date()): TlsMaterial {
  if (config.kind === 'given') {
    const read = (file: string, what: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        throw new Error(`Nie można odczytać pliku ${what}: ${file}. Sprawdź ścieżkę w KANCELARIA_SERVER_TLS_CERT / _KEY / _CA.`);
      }
    };
    const cert = read(config.certFile, 'certyfikatu serwera');
    const key = read(config.keyFile, 'klucza serwera');
    const leaf = new X509Certificate(cert);
    if (!leaf.checkPrivateKey(createPrivateKey(key))) throw new Error(`Klucz ${config.keyFile} nie pasuje do certyfikatu ${config.certFile}.`);
    // Without a CA file, workstations pin the last certificate of the given chain.
    const caPem = config.caFile ? read(config.caFile, 'certyfikatu CA') : lastPem(cert);
    return { key, cert, caPem, caFingerprint: fingerprintOf(caPem), made: 'given' };
  }
  const { dir, names } = config;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = (name: string) => join(dir, name);
  let made: TlsMaterial['made'] = 'none';
  // The CA's key and certificate in one file, made by whichever process comes first: two server
  // processes starting together on one office must not make two CAs.
  const caFile = file('ca-klucz.pem');
  if (!existsSync(caFile)) {
    const fresh = makeCa(now);
    const tmp = `${caFile}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, forge.pki.privateKeyToPem(fresh.key) + forge.pki.certificateToPem(fresh.cert), { mode: 0o600 });
    try {
      linkSync(tmp, caFile);
      made = 'ca';
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  const caText = readFileSync(caFile, 'utf8');
  const caPem = pemBlocks(caText, 'CERTIFICATE')[0] ?? '';
  const ca = { cert: forge.pki.certificateFromPem(caPem), key: forge.pki.privateKeyFromPem(pemBlocks(caText, 'RSA PRIVATE KEY')[0] ?? '') };
  // What IT exports for the workstations (`tls ca`), the same from every process.
  if (!existsSync(file('ca.pem')) || readFileSync(file('ca.pem'), 'utf8') !== caPem) writeAtomically(file('ca.pem'), caPem, 0o644);
  // The server's key and its chain in one file, so a reader never pairs one process's key with another's certificate.
  const serverFile = file('serwer.pem');
  const current = existsSync(serverFile) ? readFileSync(serverFile, 'utf8') : '';
  const currentCert = pemBlocks(current, 'CERTIFICATE')[0];
  if (made === 'none' && currentCert !== undefined && covers(currentCert, names, now) && issuedBy(currentCert, caPem)) {
    return { key: pemBlocks(current, 'RSA PRIVATE KEY')[0] ?? '', cert: pemBlocks(current, 'CERTIFICATE').join(''), caPem, caFingerprint: fingerprintOf(caPem), made };
  }
  const server = makeServerCert(ca, names, now);
  const key = forge.pki.privateKeyToPem(server.key);
  const cert = forge.pki.certificateToPem(server.cert) + caPem;
  writeAtomically(serverFile, key + cert, 0o600);
  return { key, cert, caPem, caFingerprint: fingerprintOf(caPem), made: made === 'none' ? 'server' : made };
}

function pemBlocks(text: string, label: string): string[] {
  const re = new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`, 'g');
  return (text.match(re) ?? []).map((block) => `${block}\n`);
}

function issuedBy(certPem: string, caPem: string): boolean {
  return new X509Certificate(certPem).verify(new X509Certificate(caPem).publicKey);
}

function lastPem(chain: string): string {
  const all = pemBlocks(chain, 'CERTIFICATE');
  return all[all.length - 1] ?? chain;
}
