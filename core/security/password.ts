import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// Password hashes — the central server's accounts and a standalone workstation's alike: scrypt
// (node:crypto) with a per-user random salt, the parameters written into the hash string so
// they can be raised without breaking stored hashes:
//   $scrypt$ln=16,r=8,p=2$<salt, base64>$<hash, base64>
// N = 2^16, r = 8, p = 2: OWASP's scrypt guidance (N = 2^17, r = 8, p = 1, or an equal cost with
// less memory) at 64 MiB a hash rather than 128, so that a morning when the whole office signs
// in at once stays within a small server's memory (≈0.4–0.7 s a hash on these machines). A
// hash made with weaker parameters is made again at the next good sign-in (needsRehash).

const LOG_N = 16;
const R = 8;
const P = 2;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scryptAsync(password: string, salt: Buffer, params: { logN: number; r: number; p: number }): Promise<Buffer> {
  const N = 2 ** params.logN;
  // Node refuses above maxmem (32 MiB by default); 128·N·r is what scrypt needs, plus headroom.
  const maxmem = 128 * N * params.r * 2;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: params.r, p: params.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Hashes a password with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scryptAsync(password, salt, { logN: LOG_N, r: R, p: P });
  return `$scrypt$ln=${LOG_N},r=${R},p=${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const HASH_SHAPE = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** True when `password` matches `stored`; false for a wrong password or a hash it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = HASH_SHAPE.exec(stored);
  if (!m) return false;
  const [, logN, r, p, saltB64, keyB64] = m as unknown as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64');
  const params = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (params.logN < 10 || params.logN > 20 || expected.length !== KEY_LENGTH) return false;
  const key = await scryptAsync(password, Buffer.from(saltB64, 'base64'), params);
  return timingSafeEqual(key, expected);
}

/** Whether a stored hash was made with other parameters than today's (it is replaced at the next good sign-in). */
export function needsRehash(stored: string): boolean {
  const m = HASH_SHAPE.exec(stored);
  return !m || Number(m[1]) !== LOG_N || Number(m[2]) !== R || Number(m[3]) !== P;
}

/**
 * A hash of no one's password, verified against when the login does not exist, so that an
 * unknown login takes as long to refuse as a wrong password (no timing oracle).
 */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
