/**
 * Keys on smart cards and HSMs over PKCS#11 (pkcs11js, a native binding): heads in Polish
 * offices sign with qualified certificates on cards, not with .p12 files.
 *
 * The card's module (the vendor's .dll/.so, e.g. a Certum or Sigillum driver, or SoftHSM2 in
 * tests) is loaded, its certificates listed without a PIN (they are public objects), and a key
 * used after one login for a whole batch: the PIN is entered once, the key never leaves the
 * card. Signing runs on libuv's pool (pkcs11js's callback calls): a card takes up to a second a
 * signature, which must not stop the backend's thread.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Pkcs11Types from 'pkcs11js';
import { fail, isDomainError } from '#core/errors';
import { integerOctets, seq, toDer } from '#signing/asn1';
import { assertCanSign, parseCertificate, type Certificate } from '#signing/certificate';
import type { CmsSigner } from '#signing/cms';

// A native addon: loaded with require (CommonJS), when first needed — a workstation without a
// card never loads it.
const require = createRequire(import.meta.url);
const pkcs11js = (): typeof Pkcs11Types => require('pkcs11js') as typeof Pkcs11Types;

/** A certificate on a token, with what identifies its key there. */
export type TokenCertificate = {
  tokenLabel: string;
  tokenSerial: string;
  /** CKA_ID in hex: the key with the same id signs for this certificate. */
  id: string;
  label: string;
  certificate: Certificate;
};

type Module = { api: Pkcs11Types.PKCS11; close: () => void };

// A module is initialised once per process: C_Initialize and C_Finalize act on the library as a
// whole, so listing the cards while a signing session is open must not finalise that session.
const loaded = new Map<string, { api: Pkcs11Types.PKCS11; users: number }>();

function open(modulePath: string): Module {
  let entry = loaded.get(modulePath);
  if (entry === undefined) {
    const lib = pkcs11js();
    const api = new lib.PKCS11();
    try {
      api.load(modulePath);
      api.C_Initialize();
    } catch {
      throw fail('SIGN_TOKEN_MODULE', { module: modulePath });
    }
    entry = { api, users: 0 };
    loaded.set(modulePath, entry);
  }
  const held = entry;
  held.users += 1;
  let closed = false;
  return {
    api: held.api,
    close: () => {
      if (closed) return;
      closed = true;
      held.users -= 1;
      if (held.users > 0) return;
      loaded.delete(modulePath);
      try {
        held.api.C_Finalize();
        held.api.close();
      } catch {
        // already finalized: nothing left to release
      }
    },
  };
}

const text = (value: string) => value.replace(/\0/g, '').trim();

function findAll(api: Pkcs11Types.PKCS11, session: Buffer, template: Pkcs11Types.Template): Buffer[] {
  api.C_FindObjectsInit(session, template);
  try {
    // A card holds a handful of objects; a bound keeps a strange one from looping us.
    return api.C_FindObjects(session, 256);
  } finally {
    api.C_FindObjectsFinal(session);
  }
}

function certificatesIn(api: Pkcs11Types.PKCS11, session: Buffer): { id: string; label: string; certificate: Certificate }[] {
  const lib = pkcs11js();
  return findAll(api, session, [{ type: lib.CKA_CLASS, value: lib.CKO_CERTIFICATE }]).flatMap((handle) => {
    const [value, id, label] = api.C_GetAttributeValue(session, handle, [{ type: lib.CKA_VALUE }, { type: lib.CKA_ID }, { type: lib.CKA_LABEL }]);
    const der = value?.value;
    const certificate = Buffer.isBuffer(der) ? parseCertificate(der) : null;
    if (certificate === null) return [];
    return [{ id: Buffer.isBuffer(id?.value) ? id.value.toString('hex') : '', label: Buffer.isBuffer(label?.value) ? label.value.toString('utf8') : '', certificate }];
  });
}

/** Every certificate on every token the module sees (no PIN needed). */
export function listTokenCertificates(modulePath: string): TokenCertificate[] {
  const lib = pkcs11js();
  const module = open(modulePath);
  try {
    const { api } = module;
    return api.C_GetSlotList(true).flatMap((slot) => {
      // One reader with a blank or unreadable card must not hide the others.
      try {
        const token = api.C_GetTokenInfo(slot);
        if ((token.flags & lib.CKF_TOKEN_INITIALIZED) === 0) return [];
        const session = api.C_OpenSession(slot, lib.CKF_SERIAL_SESSION);
        try {
          return certificatesIn(api, session).map((c) => ({ tokenLabel: text(token.label), tokenSerial: text(token.serialNumber), ...c }));
        } finally {
          api.C_CloseSession(session);
        }
      } catch {
        return [];
      }
    });
  } finally {
    module.close();
  }
}

/** ECDSA on a card gives r‖s; CMS wants DER Ecdsa-Sig-Value (RFC 5753 §7.2). */
function ecdsaDer(raw: Buffer): Buffer {
  const half = raw.byteLength / 2;
  const integer = (bytes: Buffer) => {
    let trimmed = bytes;
    while (trimmed.byteLength > 1 && trimmed[0] === 0 && ((trimmed[1] ?? 0) & 0x80) === 0) trimmed = trimmed.subarray(1);
    return integerOctets((trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
  };
  return toDer(seq(integer(raw.subarray(0, half)), integer(raw.subarray(half))));
}

/** A key on a card, logged in once: its signer, and `close` to log out and let the card go. */
export type TokenSigner = { signer: CmsSigner; close: () => void };

/**
 * Logs in to the token holding the chosen certificate, once, and answers a CmsSigner whose
 * every signature is made on the card, kept logged in until `close` (a batch of decisions takes
 * one PIN entry). Refuses in Polish: a wrong PIN (SIGN_PIN_WRONG), a locked card
 * (SIGN_PIN_LOCKED), a card or certificate not found, a certificate without its key, one that
 * cannot sign now. Whatever fails, nothing stays open.
 */
export function openTokenSigner(modulePath: string, choice: { tokenSerial: string; id: string }, pin: string, opts: { now?: Date } = {}): TokenSigner {
  const lib = pkcs11js();
  const module = open(modulePath);
  const { api } = module;
  const undo: (() => void)[] = [() => module.close()];
  const close = () => {
    for (const step of undo.splice(0).reverse()) {
      try {
        step();
      } catch {
        // the card was removed: the session is gone with it
      }
    }
  };
  try {
    const slot = api.C_GetSlotList(true).find((s) => {
      const token = api.C_GetTokenInfo(s);
      return (token.flags & lib.CKF_TOKEN_INITIALIZED) !== 0 && text(token.serialNumber) === choice.tokenSerial;
    });
    if (slot === undefined) throw fail('SIGN_TOKEN_NOT_FOUND');
    const session = api.C_OpenSession(slot, lib.CKF_SERIAL_SESSION);
    undo.push(() => api.C_CloseSession(session));
    const all = certificatesIn(api, session);
    const mine = all.find((c) => c.id === choice.id);
    if (mine === undefined) throw fail('SIGN_TOKEN_NOT_FOUND');
    assertCanSign(mine.certificate, opts.now ?? new Date());
    const login = (userType: number) => {
      try {
        api.C_Login(session, userType, pin);
      } catch (error) {
        const code = (error as { code?: number }).code;
        if (code === lib.CKR_PIN_LOCKED) throw fail('SIGN_PIN_LOCKED');
        if (code === lib.CKR_PIN_INCORRECT || code === lib.CKR_PIN_LEN_RANGE) throw fail('SIGN_PIN_WRONG');
        throw fail('SIGN_TOKEN_MODULE', { module: modulePath });
      }
    };
    login(lib.CKU_USER);
    undo.push(() => api.C_Logout(session));
    const [key] = findAll(api, session, [
      { type: lib.CKA_CLASS, value: lib.CKO_PRIVATE_KEY },
      { type: lib.CKA_ID, value: Buffer.from(choice.id, 'hex') },
    ]);
    if (key === undefined) throw fail('SIGN_TOKEN_NO_KEY', { name: mine.certificate.label });
    // Keys of qualified signatures often ask for the PIN before every signature
    // (CKA_ALWAYS_AUTHENTICATE): the PIN given once is then repeated by us, not by the head.
    const [always] = api.C_GetAttributeValue(session, key, [{ type: lib.CKA_ALWAYS_AUTHENTICATE }]);
    const perSignature = Buffer.isBuffer(always?.value) && always.value[0] === 1;
    const keyType = mine.certificate.keyType === 'ec' ? 'ec' : 'rsa';
    const signOnCard = (data: Buffer): Promise<Buffer> =>
      new Promise((resolve, reject) => {
        // RSA: the card hashes (SHA-256 + PKCS#1 v1.5). ECDSA: we hash; many cards lack ECDSA_SHA256.
        const input = keyType === 'ec' ? createHash('sha256').update(data).digest() : data;
        try {
          api.C_SignInit(session, { mechanism: keyType === 'ec' ? lib.CKM_ECDSA : lib.CKM_SHA256_RSA_PKCS }, key);
          if (perSignature) login(lib.CKU_CONTEXT_SPECIFIC);
        } catch (e) {
          reject(isDomainError(e) ? e : fail('SIGN_TOKEN_MODULE', { module: modulePath }));
          return;
        }
        api.C_Sign(session, input, Buffer.alloc(1024), (error: Error | null, signature) => {
          if (error !== null) reject(fail('SIGN_TOKEN_MODULE', { module: modulePath }));
          else resolve(keyType === 'ec' ? ecdsaDer(signature) : signature);
        });
      });
    // The issuers the card carries (cards often hold their CA's certificate) go into the CMS.
    const chain = all.filter((c) => c !== mine && mine.certificate.x509.checkIssued(c.certificate.x509)).map((c) => c.certificate.der);
    return { signer: { sign: signOnCard, keyType, certificate: mine.certificate, chain }, close };
  } catch (e) {
    close();
    throw e;
  }
}

/** `openTokenSigner` for the length of `use`: logs out whatever happens. */
export async function withTokenSigner<T>(
  modulePath: string,
  choice: { tokenSerial: string; id: string },
  pin: string,
  use: (signer: CmsSigner) => Promise<T>,
  opts: { now?: Date } = {},
): Promise<T> {
  const opened = openTokenSigner(modulePath, choice, pin, opts);
  try {
    return await use(opened.signer);
  } finally {
    opened.close();
  }
}
