/**
 * Checkpoints of the audit log: its head (last entry's number and hash), signed with the
 * server's own key and kept outside the database.
 *
 * The hash chain (audit.ts) shows that no entry was changed or removed in the middle — unless
 * whoever changed it could also recompute every later hash, or simply cut the tail: a role
 * that owns the schema can do both. A checkpoint is what they cannot redo: the head as it was,
 * signed with a key that lives on the server's disk (KANCELARIA_SERVER_AUDIT_KEY), not in the
 * database. The server appends one at start, every hour the log grew, and at stop, to a file
 * beside the key; `kancelaria-server audit export` hands IT a copy to keep elsewhere, and
 * `audit verify` checks the database against them: an entry a checkpoint knows that is gone is
 * a cut log, one with another hash a rewritten one.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { formatDateTime } from '#core/time';
import type { ServerDb } from './open.ts';
import { auditLog } from './schema/auditLog.ts';
import { sealAudit } from './audit.ts';
import { serverIdentity } from './schema/serverIdentity.ts';

export type AuditKeyFiles = { keyFile: string; checkpointsFile: string };

/**
 * One signed head of the log, of one history of the office (the epoch: a restored copy starts
 * another, whose log legitimately ends earlier).
 */
export type Checkpoint = { epoch: string; seq: number; hash: string; at: string; keyId: string; signature: string };

const checkpointSchema = z.object({
  epoch: z.uuid(),
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.base64(),
});

/** What `audit export` writes: the key that verifies, and every checkpoint. */
const exportSchema = z.object({ klucz: z.string().startsWith('-----BEGIN PUBLIC KEY-----'), punkty: z.array(checkpointSchema) });

type AuditKey = { privateKey: KeyObject; publicKey: KeyObject; keyId: string };

/** The key's id: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** The server's Ed25519 key, made on first need (0600, its folder 0700 when made here). */
export function loadOrCreateAuditKey(files: AuditKeyFiles): AuditKey & { created: boolean } {
  let created = false;
  if (!existsSync(files.keyFile)) {
    mkdirSync(dirname(files.keyFile), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    // Two server processes starting together on one folder may both find no key: each writes
    // its own whole file aside and links it into place, which only one can do; the other uses
    // the key that won (a reader never sees a key file half written).
    const aside = `${files.keyFile}.${String(process.pid)}.${randomBytes(4).toString('hex')}`;
    writeFileSync(aside, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(aside, files.keyFile);
      created = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(aside);
    }
  }
  chmodSync(files.keyFile, 0o600);
  const privateKey = createPrivateKey(readFileSync(files.keyFile));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${files.keyFile}: klucz audytu musi być kluczem Ed25519 (PEM, PKCS#8).`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), created };
}

/** The text signed: a label, then the history, the head's number, hash and time. */
function signedText(c: Pick<Checkpoint, 'epoch' | 'seq' | 'hash' | 'at'>): Buffer {
  return Buffer.from(`kancelaria-dziennik-audytu/1\n${c.epoch}\n${String(c.seq)}\n${c.hash}\n${c.at}`, 'utf8');
}

async function epochOf(db: ServerDb): Promise<{ epoch: string; restoredAt: string | null }> {
  const [row] = await db.select({ epoch: serverIdentity.epoch, restoredAt: serverIdentity.restoredAt }).from(serverIdentity).where(eq(serverIdentity.id, 1));
  if (!row) throw new Error('server_identity has no row: the migrations did not run');
  return row;
}

/** Whether a checkpoint's signature verifies with this public key. */
export function checkpointSigned(c: Checkpoint, publicKey: KeyObject): boolean {
  if (c.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(null, signedText(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The checkpoints kept beside the key (none when the file does not exist yet); a line that is not one is reported. */
export function readCheckpoints(file: string): { checkpoints: Checkpoint[]; unreadable: number[] } {
  if (!existsSync(file)) return { checkpoints: [], unreadable: [] };
  const checkpoints: Checkpoint[] = [];
  const unreadable: number[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = null;
      }
      const parsed = checkpointSchema.safeParse(value);
      if (parsed.success) checkpoints.push(parsed.data);
      else unreadable.push(i + 1);
    });
  return { checkpoints, unreadable };
}

/**
 * Signs the log's head and appends it to the checkpoints file, unless the last checkpoint
 * already names that head (or the log is empty): returns what was added, or null.
 */
export async function makeCheckpoint(db: ServerDb, files: AuditKeyFiles, now: Date = new Date()): Promise<Checkpoint | null> {
  await sealAudit(db);
  const [head] = await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  if (!head) return null;
  const { epoch } = await epochOf(db);
  const last = readCheckpoints(files.checkpointsFile).checkpoints.at(-1);
  if (last?.epoch === epoch && last.seq === head.seq && last.hash === head.hash) return null;
  const key = loadOrCreateAuditKey(files);
  const at = now.toISOString();
  const signed = { epoch, seq: head.seq, hash: head.hash, at };
  const checkpoint: Checkpoint = { ...signed, keyId: key.keyId, signature: sign(null, signedText(signed), key.privateKey).toString('base64') };
  // One line per checkpoint, appended (O_APPEND): two server processes on one machine do not interleave.
  appendFileSync(files.checkpointsFile, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}

/** The file `audit export` writes: the public key, and the checkpoints. */
export function exportCheckpoints(files: AuditKeyFiles): { text: string; count: number; keyId: string } {
  const key = loadOrCreateAuditKey(files);
  const { checkpoints } = readCheckpoints(files.checkpointsFile);
  const text = `${JSON.stringify({ klucz: key.publicKey.export({ type: 'spki', format: 'pem' }).toString(), punkty: checkpoints }, null, 1)}\n`;
  return { text, count: checkpoints.length, keyId: key.keyId };
}

/** Reads an exported file: its key and checkpoints, or a Polish reason it is not one. */
export function readExported(text: string): { publicKey: KeyObject; checkpoints: Checkpoint[] } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'plik nie jest plikiem punktów kontrolnych (to nie JSON).' };
  }
  const parsed = exportSchema.safeParse(value);
  if (!parsed.success) return { problem: 'plik nie jest plikiem punktów kontrolnych wyeksportowanym przez „audit export”.' };
  try {
    return { publicKey: createPublicKey(parsed.data.klucz), checkpoints: parsed.data.punkty };
  } catch {
    return { problem: 'klucz w pliku punktów kontrolnych jest nieczytelny.' };
  }
}

const when = (iso: string) => formatDateTime(iso);

/**
 * The database's log against signed checkpoints: every problem in Polish (an empty list when
 * the log holds every head signed in its history), and notes that are not failures (the
 * checkpoints of a history before a restore, which the restored log need not hold).
 */
export async function checkAgainstCheckpoints(db: ServerDb, checkpoints: readonly Checkpoint[], publicKey: KeyObject): Promise<{ problems: string[]; notes: string[] }> {
  const problems: string[] = [];
  const { epoch, restoredAt } = await epochOf(db);
  const [head] = await db.select({ seq: sql<number | string>`coalesce(max(${auditLog.seq}), 0)` }).from(auditLog);
  const last = Number(head?.seq ?? 0);
  let earlier = 0;
  for (const c of checkpoints) {
    if (!checkpointSigned(c, publicKey)) {
      problems.push(`Punkt kontrolny z ${when(c.at)} (wpis nr ${String(c.seq)}) ma nieprawidłowy podpis: plik punktów zmieniono albo podpisał go inny klucz.`);
      continue;
    }
    if (c.epoch !== epoch) {
      earlier++;
      continue;
    }
    if (c.seq > last) {
      problems.push(`Dziennik UCIĘTO: punkt kontrolny z ${when(c.at)} zna wpis nr ${String(c.seq)}, a w bazie ostatni jest nr ${String(last)}.`);
      continue;
    }
    const [row] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, c.seq));
    if (!row) problems.push(`Dziennik UCIĘTO: brak wpisu nr ${String(c.seq)}, który zna punkt kontrolny z ${when(c.at)}.`);
    else if (row.hash !== c.hash) problems.push(`Dziennik PRZEPISANO: wpis nr ${String(c.seq)} ma inny skrót niż w punkcie kontrolnym z ${when(c.at)}.`);
  }
  // Said every time: whoever could rewrite the database could also make it claim a restore.
  const notes =
    earlier === 0
      ? []
      : [`${String(earlier)} punktów kontrolnych dotyczy historii sprzed odtworzenia bazy z kopii${restoredAt ? ` (odtworzono ${when(restoredAt)})` : ''}: nie sprawdzano ich. Jeśli nikt nie odtwarzał kopii, zgłoś to — tak wygląda też ukrycie zmian.`];
  return { problems, notes };
}

/** At start (awaited), every hour the log grew, and at stop: a checkpoint. */
export async function startAuditCheckpoints(db: ServerDb, files: AuditKeyFiles, log: (line: string) => void): Promise<{ stop: () => Promise<void> }> {
  const run = async () => {
    try {
      await makeCheckpoint(db, files);
    } catch (e) {
      log(`nie udało się zapisać punktu kontrolnego dziennika audytu: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const key = loadOrCreateAuditKey(files);
  log(`${key.created ? 'Utworzono klucz' : 'Klucz'} punktów kontrolnych dziennika audytu: ${files.keyFile} (identyfikator ${key.keyId}); punkty: ${files.checkpointsFile}.`);
  await run();
  const timer = setInterval(() => void run(), 3600_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await run();
    },
  };
}
