import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A test PKI made with OpenSSL at test time, in a temp directory: a root CA, an intermediate CA
// under it, and signers under the intermediate — as a qualified trust service provider issues
// them (root → issuing CA → person). No key of a real person is ever committed: every key here
// is generated on the spot and thrown away with the directory.
//
// `openssl ca` rather than `openssl x509 -req` because only `ca` sets arbitrary validity dates
// (OpenSSL 3.0 here), and the expired and not-yet-valid certificates need them.

/** One signer's files: the PKCS#12 the app is given, and the parts for external checks. */
export type TestSigner = {
  /** Which one (also the file stem in the temp directory). */
  id: string;
  /** CN as issued — with Polish letters on purpose. */
  commonName: string;
  /** The subject's serialNumber attribute (ETSI EN 319 412-1 semantics identifier). */
  serialNumber: string;
  p12: Uint8Array;
  password: string;
  certDer: Buffer;
  certPem: string;
  certFile: string;
};

export type TestPki = {
  dir: string;
  root: { der: Buffer; pem: string; file: string };
  intermediate: { der: Buffer; pem: string; file: string; key: string; caDir: string; config: string };
  /** RSA-2048, digitalSignature + nonRepudiation, valid now. */
  rsa: TestSigner;
  /** ECDSA P-256, digitalSignature + nonRepudiation, valid now. */
  ecdsa: TestSigner;
  /** Valid two years ago to one year ago. */
  expired: TestSigner;
  /** Valid from next year. */
  notYetValid: TestSigner;
  /** keyUsage keyEncipherment only: an encryption certificate, not for signing. */
  keyEncipherment: TestSigner;
  /** Issued by a root nobody trusts (self-made "CA"): signs fine, never trusted. */
  untrusted: TestSigner;
  /** `sql:DIR` of an NSS database trusting `root` (for `pdfsig -nssdir`). */
  nssDir: string;
  /** A time-stamping authority under the intermediate CA (EKU timeStamping), with an `openssl ts` config. */
  tsa: { commonName: string; certFile: string; keyFile: string; chainFile: string; config: string };
};

const PASSWORD = 'Tajne-hasło-1'; // non-ASCII on purpose: OpenSSL encrypts with its UTF-8 bytes

function openssl(args: readonly string[], cwd: string): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `YYYYMMDDHHMMSSZ` for `openssl ca -startdate/-enddate` (GeneralizedTime, valid beyond 2049). */
function asn1Time(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

const DAY = 24 * 60 * 60 * 1000;

const REQ_CONFIG = `
[ req ]
distinguished_name = dn
string_mask = utf8only
utf8 = yes
prompt = no
[ dn ]
CN = unused
`;

function caConfig(dir: string): string {
  return `
[ ca ]
default_ca = ca_default
[ ca_default ]
dir = ${dir}
database = ${dir}/index.txt
new_certs_dir = ${dir}/issued
serial = ${dir}/serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
copy_extensions = none
string_mask = utf8only
[ policy_any ]
commonName = supplied
[ ext_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ext_signer ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ext_tsa ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ext_encryption ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;
}

type Ca = { dir: string; config: string; cert: string; key: string };

function newCaDir(base: string, name: string): Omit<Ca, 'cert' | 'key'> {
  const dir = join(base, name);
  mkdirSync(join(dir, 'issued'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), `${name === 'root' ? '10' : name === 'intermediate' ? '2000' : '3000'}A1\n`);
  const config = join(dir, 'ca.cnf');
  writeFileSync(config, caConfig(dir));
  return { dir, config };
}

function newKey(base: string, stem: string, kind: 'rsa' | 'ec'): string {
  const file = join(base, `${stem}.key`);
  const algorithm = kind === 'rsa' ? ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'] : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  openssl(['genpkey', ...algorithm, '-out', file], base);
  return file;
}

function csr(base: string, stem: string, key: string, subject: string): string {
  const reqConfig = join(base, 'req.cnf');
  writeFileSync(reqConfig, REQ_CONFIG);
  const file = join(base, `${stem}.csr`);
  openssl(['req', '-new', '-config', reqConfig, '-utf8', '-key', key, '-subj', subject, '-out', file], base);
  return file;
}

function issue(
  ca: Omit<Ca, 'cert' | 'key'> & { cert?: string; key: string },
  request: string,
  out: string,
  extensions: string,
  from: Date,
  to: Date,
): void {
  const signer = ca.cert === undefined ? ['-selfsign'] : ['-cert', ca.cert];
  openssl(
    ['ca', '-batch', '-config', ca.config, '-utf8', '-preserveDN', '-notext', ...signer, '-keyfile', ca.key, '-in', request, '-out', out,
      '-extensions', extensions, '-startdate', asn1Time(from), '-enddate', asn1Time(to)],
    ca.dir,
  );
}

function derOf(pemFile: string, base: string): Buffer {
  const out = `${pemFile}.der`;
  openssl(['x509', '-in', pemFile, '-outform', 'DER', '-out', out], base);
  return readFileSync(out);
}

/**
 * Builds the whole test PKI in a fresh temp directory (about a second: seven key pairs).
 *
 * Validity windows are relative to `now` so the suite never goes stale.
 */
export function makeTestPki(now = new Date()): TestPki {
  const base = mkdtempSync(join(tmpdir(), 'kancelaria-pki-'));
  const t = now.getTime();

  // Root: self-signed, 2020–2045, so any signing time a test picks lies inside it.
  const rootCa = newCaDir(base, 'root');
  const rootKey = newKey(base, 'root', 'rsa');
  const rootCsr = csr(base, 'root', rootKey, '/C=PL/O=Testowe Centrum Certyfikacji/CN=Test Root CA Kancelaria');
  const rootFile = join(base, 'root.crt');
  issue({ ...rootCa, key: rootKey }, rootCsr, rootFile, 'ext_ca', new Date('2020-01-01T00:00:00Z'), new Date('2045-01-01T00:00:00Z'));

  const interCa = newCaDir(base, 'intermediate');
  const interKey = newKey(base, 'intermediate', 'ec');
  const interCsr = csr(base, 'intermediate', interKey, '/C=PL/O=Testowe Centrum Certyfikacji/CN=Test CA Kwalifikowane Łódź');
  const interFile = join(base, 'intermediate.crt');
  issue({ ...rootCa, cert: rootFile, key: rootKey }, interCsr, interFile, 'ext_ca', new Date('2020-01-01T00:00:00Z'), new Date('2044-01-01T00:00:00Z'));
  const intermediate = { ...interCa, cert: interFile, key: interKey };

  const chainFile = join(base, 'chain.pem');
  writeFileSync(chainFile, readFileSync(interFile, 'utf8') + readFileSync(rootFile, 'utf8'));

  function signer(
    id: string,
    kind: 'rsa' | 'ec',
    given: string,
    surname: string,
    serialNumber: string,
    opts: { extensions?: string; from?: Date; to?: Date; ca?: Ca; chain?: string } = {},
  ): TestSigner {
    const key = newKey(base, id, kind);
    const commonName = `${given} ${surname}`;
    const request = csr(base, id, key, `/C=PL/serialNumber=${serialNumber}/GN=${given}/SN=${surname}/CN=${commonName}`);
    const certFile = join(base, `${id}.crt`);
    issue(opts.ca ?? intermediate, request, certFile, opts.extensions ?? 'ext_signer', opts.from ?? new Date(t - 30 * DAY), opts.to ?? new Date(t + 730 * DAY));
    const p12File = join(base, `${id}.p12`);
    // OpenSSL 3 defaults spelt out: PBES2 with PBKDF2 and AES-256-CBC for key and certificates,
    // HMAC-SHA-256 for the MAC — what current PKCS#12 files from Polish providers look like.
    openssl(
      ['pkcs12', '-export', '-inkey', key, '-in', certFile, '-certfile', opts.chain ?? chainFile, '-name', commonName,
        '-keypbe', 'AES-256-CBC', '-certpbe', 'AES-256-CBC', '-macalg', 'sha256', '-passout', `pass:${PASSWORD}`, '-out', p12File],
      base,
    );
    return {
      id,
      commonName,
      serialNumber,
      p12: new Uint8Array(readFileSync(p12File)),
      password: PASSWORD,
      certDer: derOf(certFile, base),
      certPem: readFileSync(certFile, 'utf8'),
      certFile,
    };
  }

  // Someone's home-made CA: a valid-looking chain that no configured root anchors.
  const strayCa = newCaDir(base, 'stray');
  const strayKey = newKey(base, 'stray', 'rsa');
  const strayCsr = csr(base, 'stray', strayKey, '/C=PL/CN=Nieznane Centrum Certyfikacji');
  const strayFile = join(base, 'stray.crt');
  issue({ ...strayCa, key: strayKey }, strayCsr, strayFile, 'ext_ca', new Date('2020-01-01T00:00:00Z'), new Date('2045-01-01T00:00:00Z'));

  const pki: TestPki = {
    dir: base,
    root: { der: derOf(rootFile, base), pem: readFileSync(rootFile, 'utf8'), file: rootFile },
    intermediate: { der: derOf(interFile, base), pem: readFileSync(interFile, 'utf8'), file: interFile, key: interKey, caDir: interCa.dir, config: interCa.config },
    rsa: signer('rsa', 'rsa', 'Katarzyna', 'Zielińska', 'PNOPL-44051401359'),
    ecdsa: signer('ecdsa', 'ec', 'Jan', 'Żółkiewski', 'PNOPL-83011203218'),
    expired: signer('expired', 'rsa', 'Grzegorz', 'Brzęczyszczykiewicz', 'PNOPL-70010112345', {
      from: new Date(t - 730 * DAY),
      to: new Date(t - 365 * DAY),
    }),
    // RSA: poppler (used to make a signature with it) sizes its placeholder from a trial
    // signature, and a longer ECDSA value then fails to fit about half the time.
    notYetValid: signer('not-yet-valid', 'rsa', 'Łucja', 'Ślęzak', 'PNOPL-95022801234', {
      from: new Date(t + 365 * DAY),
      to: new Date(t + 730 * DAY),
    }),
    keyEncipherment: signer('key-encipherment', 'rsa', 'Anna', 'Wiśniewska', 'PNOPL-88121204567', { extensions: 'ext_encryption' }),
    untrusted: signer('untrusted', 'rsa', 'Mieczysław', 'Obcy', 'PNOPL-60070709876', {
      ca: { ...strayCa, cert: strayFile, key: strayKey },
      chain: strayFile,
    }),
    nssDir: '',
    tsa: makeTsa(base, intermediate, chainFile),
  };
  pki.nssDir = makeNssDb(base, rootFile);
  return pki;
}

/**
 * A further RSA signer under the intermediate CA, valid from 30 days ago for two years: with
 * `ocspUrl` its certificate names that OCSP responder (revocation tests); with `qualified` it
 * carries the QcStatements of a qualified certificate (QcCompliance, QcSSCD — EN 319 412-5).
 */
export function issueSigner(pki: TestPki, id: string, commonName: string, opts: { ocspUrl?: string; qualified?: boolean } = {}): TestSigner {
  const base = pki.dir;
  const key = newKey(base, id, 'rsa');
  const [given = '', surname = ''] = commonName.split(' ');
  const serialNumber = `PNOPL-${String(Math.floor(Math.random() * 1e11)).padStart(11, '0')}`;
  const request = csr(base, id, key, `/C=PL/serialNumber=${serialNumber}/GN=${given}/SN=${surname}/CN=${commonName}`);
  const certFile = join(base, `${id}.crt`);
  const extFile = join(base, `${id}.ext`);
  writeFileSync(
    extFile,
    `[ ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
${opts.ocspUrl === undefined ? '' : `authorityInfoAccess = OCSP;URI:${opts.ocspUrl}\n`}${opts.qualified === true ? `1.3.6.1.5.5.7.1.3 = DER:${QC_STATEMENTS}\n` : ''}`,
  );
  const now = Date.now();
  openssl(
    ['ca', '-batch', '-config', pki.intermediate.config, '-utf8', '-preserveDN', '-notext', '-cert', pki.intermediate.file, '-keyfile', pki.intermediate.key,
      '-in', request, '-out', certFile, '-extfile', extFile, '-extensions', 'ext', '-startdate', asn1Time(new Date(now - 30 * DAY)), '-enddate', asn1Time(new Date(now + 730 * DAY))],
    pki.intermediate.caDir,
  );
  const p12File = join(base, `${id}.p12`);
  const chainFile = join(base, 'chain.pem');
  openssl(['pkcs12', '-export', '-inkey', key, '-in', certFile, '-certfile', chainFile, '-name', commonName, '-passout', `pass:${PASSWORD}`, '-out', p12File], base);
  return { id, commonName, serialNumber, p12: new Uint8Array(readFileSync(p12File)), password: PASSWORD, certDer: derOf(certFile, base), certPem: readFileSync(certFile, 'utf8'), certFile };
}

/** QCStatements { QcCompliance (0.4.0.1862.1.1), QcSSCD (0.4.0.1862.1.4) }, DER in hex. */
const QC_STATEMENTS = '30143008060604008E4601013008060604008E460104';

/** Revokes a certificate of the intermediate CA now (its OCSP responder reads the CA's index). */
export function revoke(pki: TestPki, who: TestSigner): void {
  openssl(['ca', '-config', pki.intermediate.config, '-cert', pki.intermediate.file, '-keyfile', pki.intermediate.key, '-revoke', who.certFile, '-crl_reason', 'keyCompromise'], pki.intermediate.caDir);
}

/** The TSA's key and certificate (valid 2020–2043, so any test time lies inside) and its `openssl ts` config. */
function makeTsa(base: string, ca: Ca, chainFile: string): TestPki['tsa'] {
  const commonName = 'Test TSA Kancelaria';
  const keyFile = newKey(base, 'tsa', 'rsa');
  const request = csr(base, 'tsa', keyFile, `/C=PL/O=Testowe Centrum Certyfikacji/CN=${commonName}`);
  const certFile = join(base, 'tsa.crt');
  issue(ca, request, certFile, 'ext_tsa', new Date('2020-01-01T00:00:00Z'), new Date('2043-01-01T00:00:00Z'));
  const dir = join(base, 'tsa');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'serial'), '01\n');
  const config = join(dir, 'tsa.cnf');
  writeFileSync(
    config,
    `[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = ${dir}
serial = ${dir}/serial
crypto_device = builtin
signer_cert = ${certFile}
certs = ${chainFile}
signer_key = ${keyFile}
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`,
  );
  return { commonName, certFile, keyFile, chainFile, config };
}

/** An NSS database (for poppler's `pdfsig -nssdir`) that trusts `rootFile` as a CA. */
export function makeNssDb(base: string, rootFile: string): string {
  const dir = join(base, 'nssdb');
  mkdirSync(dir, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password'], { stdio: 'ignore' });
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'test-root', '-t', 'CT,C,C', '-i', rootFile], { stdio: 'ignore' });
  return `sql:${dir}`;
}
