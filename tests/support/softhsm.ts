import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Pkcs11Types from 'pkcs11js';
import { asn1, child, children, fromDer, isTag, toDer } from '#signing/asn1';
import type { TestSigner } from '#tests/support/certificates';

/** The certificate's subject Name, DER (SoftHSM requires CKA_SUBJECT on a certificate object). */
function subjectOf(der: Buffer): Buffer {
  const tbs = child(fromDer(der), 0, 'Certificate');
  const shift = isTag(children(tbs, 'TBSCertificate')[0], asn1.Class.CONTEXT_SPECIFIC, 0) ? 1 : 0;
  return toDer(child(tbs, 4 + shift, 'TBSCertificate'));
}

const require = createRequire(import.meta.url);

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export type SoftToken = { module: string; label: string; serial: string; pin: string; dir: string; remove: () => void };

/**
 * A SoftHSM2 token (Debian's software PKCS#11 token) in a temp directory, holding each signer's
 * private key (imported by `softhsm2-util`) and certificate, and the issuing CA's certificate —
 * what a qualified signature card holds. SOFTHSM2_CONF is set for this process: the module
 * reads it when initialised.
 */
export function makeSoftToken(keys: { id: string; signer: TestSigner; keyFile: string }[], caCertDer: Buffer): SoftToken {
  const dir = mkdtempSync(join(tmpdir(), 'kancelaria-softhsm-'));
  mkdirSync(join(dir, 'tokens'));
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const label = 'Karta testowa';
  const pin = '1234';
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '87654321'], { env, stdio: 'pipe' });
  for (const key of keys) {
    execFileSync('softhsm2-util', ['--import', key.keyFile, '--token', label, '--label', key.signer.commonName, '--id', key.id, '--pin', pin], { env, stdio: 'pipe' });
  }
  // Certificates are written through PKCS#11 itself (softhsm2-util imports keys only).
  const lib = require('pkcs11js') as typeof Pkcs11Types;
  const api = new lib.PKCS11();
  api.load(SOFTHSM_MODULE);
  api.C_Initialize();
  let serial: string;
  try {
    const slot = api.C_GetSlotList(true).find((s) => api.C_GetTokenInfo(s).label.trim() === label);
    if (slot === undefined) throw new Error('SoftHSM token not found');
    serial = api.C_GetTokenInfo(slot).serialNumber.trim();
    const session = api.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | lib.CKF_RW_SESSION);
    api.C_Login(session, lib.CKU_USER, pin);
    const certificate = (der: Buffer, id: string, name: string) =>
      api.C_CreateObject(session, [
        { type: lib.CKA_CLASS, value: lib.CKO_CERTIFICATE },
        { type: lib.CKA_CERTIFICATE_TYPE, value: lib.CKC_X_509 },
        { type: lib.CKA_TOKEN, value: true },
        { type: lib.CKA_VALUE, value: der },
        { type: lib.CKA_ID, value: Buffer.from(id, 'hex') },
        { type: lib.CKA_LABEL, value: name },
        { type: lib.CKA_SUBJECT, value: subjectOf(der) },
      ]);
    for (const key of keys) certificate(key.signer.certDer, key.id, key.signer.commonName);
    certificate(caCertDer, 'ca', 'Wystawca');
    api.C_Logout(session);
    api.C_CloseSession(session);
  } finally {
    api.C_Finalize();
    api.close();
  }
  return { module: SOFTHSM_MODULE, label, serial, pin, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
