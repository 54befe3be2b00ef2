/**
 * A workstation rebuilt after damage (`kancelaria outbox export|import`): what people typed
 * there and the server never received is carried to a new profile, not lost.
 *
 * The export reads a copy of the damaged profile's database (the profile itself is left as found): the workstation's client id,
 * its whole command history (the outbox: waiting, refused and accepted commands) and the
 * stored files the commands name. The import puts them into a new, empty profile, which
 * takes over the old workstation's identity: each person's commands go on under the same
 * client and numbers, so a command the server did receive (its answer lost in the crash) is
 * answered "duplicate", never applied twice, and the metryka entries get the same ids. The
 * person signs in on the new profile; the first sync brings everything the server holds and
 * sends what waited.
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, strFromU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { z } from 'zod';
import type { Store } from '#db/store';
import { dataKeysOf, openProfileStore } from '#backend/dataKey';
import { openBlobStore } from '#db/blobStore';
import { getBlob, upsertBlob } from '#db/correspondenceRepo';
import { getUser } from '#db/directory';
import { adoptOutbox, outboxHistory, outboxSize } from '#db/outboxRepo';
import { clearSyncState, readSyncState, writeSyncState } from '#db/syncApply';
import { registerIncomingBlobs } from '#sync/protocol/commands';
import { BackupProblem } from '#core/backup/copies';

const DATABASE_FILE = 'kancelaria.sqlite';
const BLOB_DIR = 'blobs';
const MANIFEST = 'czynnosci.json';
const FILES = 'pliki/';
/** An export is a person's waiting work, not an archive: larger is not ours. */
const MAX_UNPACKED_BYTES = 4 * 1024 * 1024 * 1024;

const rowSchema = z.object({
  mutationId: z.number().int().positive(),
  name: z.string().min(1).max(60),
  args: z.string(),
  createdAt: z.string(),
  status: z.enum(['pending', 'applied', 'rejected', 'discarded']),
  result: z.string().nullable(),
  label: z.string().nullable(),
  eventIds: z.string().nullable(),
  userId: z.string().nullable(),
  userSeq: z.number().int().positive().nullable(),
  confirmed: z.number().int().min(0).max(1),
});

const exportSchema = z.object({
  format: z.literal(1),
  exportedAt: z.string(),
  clientId: z.uuid(),
  people: z.array(z.object({ id: z.string(), login: z.string(), fullName: z.string() })),
  commands: z.array(rowSchema),
  files: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0), mime: z.string(), pageCount: z.number().int().min(0) })),
});
type OutboxExport = z.infer<typeof exportSchema>;

export type ExportReport = {
  file: string;
  /** Waiting commands per person (what the new profile will send). */
  waiting: { login: string; fullName: string; count: number }[];
  refused: number;
  files: number;
  /** Files a waiting command names that the damaged profile no longer holds (the scan must be attached again). */
  missingFiles: { sha256: string; label: string }[];
};

/** Reads a damaged profile (never writing to it) and writes its command history to `file`. */
export function exportOutbox(profileDir: string, file: string, now = new Date()): ExportReport {
  const path = join(profileDir, DATABASE_FILE);
  if (!existsSync(path)) throw new BackupProblem(`W katalogu ${profileDir} nie ma bazy profilu (${DATABASE_FILE}).`);
  // Even a read-only open of a WAL database writes its index files: the export reads a copy,
  // so the salvaged profile stays exactly as it was found (evidence, and a second try).
  const copy = mkdtempSync(join(tmpdir(), 'kancelaria-eksport-'));
  chmodSync(copy, 0o700);
  let store: Store;
  const keys = dataKeysOf(profileDir);
  try {
    for (const f of readdirSync(profileDir).filter((n) => n === DATABASE_FILE || n === `${DATABASE_FILE}-wal`)) copyFileSync(join(profileDir, f), join(copy, f));
    store = openProfileStore(join(copy, DATABASE_FILE), keys, { readOnly: true });
  } catch (e) {
    rmSync(copy, { recursive: true, force: true });
    throw new BackupProblem(`Bazy profilu ${path} nie da się otworzyć (${e instanceof Error ? e.message : String(e)}). Odtwórz profil z kopii zapasowej.`);
  }
  try {
    const clientId = readSyncState(store, 'clientId');
    if (!clientId) throw new BackupProblem(`Profil ${profileDir} nie pracował z serwerem urzędu: nie ma czynności do przeniesienia. Jego dane odtwarza się z kopii zapasowej (kancelaria backup restore).`);
    const rows = outboxHistory(store);
    const blobs = openBlobStore(join(profileDir, BLOB_DIR), keys.files);
    const files: OutboxExport['files'] = [];
    const zipped: Record<string, Uint8Array> = {};
    const missingFiles: ExportReport['missingFiles'] = [];
    // The files of commands still to be sent or reopened: accepted ones' files are on the server.
    for (const r of rows.filter((x) => x.status === 'pending' || x.status === 'rejected')) {
      for (const sha256 of registerIncomingBlobs({ name: r.name, args: JSON.parse(r.args) as unknown })) {
        if (zipped[`${FILES}${sha256}`]) continue;
        const blob = getBlob(store, sha256);
        const bytes = blob && blobs.has(sha256) ? blobs.read(sha256) : null;
        if (!blob || !bytes || createHash('sha256').update(bytes).digest('hex') !== sha256) {
          missingFiles.push({ sha256, label: r.label ?? r.name });
          continue;
        }
        zipped[`${FILES}${sha256}`] = bytes;
        files.push({ sha256, size: blob.size, mime: blob.mime, pageCount: blob.pageCount });
      }
    }
    const people = [...new Set(rows.map((r) => r.userId).filter((u): u is string => u !== null))].map((id) => {
      const u = getUser(store, id);
      return { id, login: u?.login ?? id, fullName: u?.fullName ?? '' };
    });
    const manifest: OutboxExport = {
      format: 1,
      exportedAt: now.toISOString(),
      clientId,
      people,
      commands: rows.map(({ speculative: _s, ...r }) => r),
      files,
    };
    zipped[MANIFEST] = strToU8(JSON.stringify(manifest));
    // Scans are compressed already; the file holds personal data: this account only.
    writeFileSync(file, zipSync(zipped, { level: 0, mtime: now }), { mode: 0o600 });
    const waiting = people
      .map((p) => ({ login: p.login, fullName: p.fullName, count: rows.filter((r) => r.userId === p.id && r.status === 'pending').length }))
      .filter((p) => p.count > 0);
    return { file, waiting, refused: rows.filter((r) => r.status === 'rejected').length, files: files.length, missingFiles };
  } finally {
    store.close();
    rmSync(copy, { recursive: true, force: true });
  }
}

export type ImportReport = { waiting: number; people: string[]; files: number };

function readExport(file: string): { manifest: OutboxExport; unzipped: Unzipped } {
  let unzipped: Unzipped;
  let total = 0;
  try {
    unzipped = unzipSync(readFileSync(file), {
      filter: (f) => {
        total += f.originalSize;
        // A crafted file that claims gigabytes is refused before it is unpacked.
        if (total > MAX_UNPACKED_BYTES) throw new BackupProblem(`Plik ${file} jest za duży jak na wyeksportowane czynności (ponad 4 GB po rozpakowaniu).`);
        return f.name === MANIFEST || f.name.startsWith(FILES);
      },
    });
  } catch (e) {
    if (e instanceof BackupProblem) throw e;
    throw new BackupProblem(`Plik ${file} nie jest eksportem czynności Kancelarii (nie da się go rozpakować).`);
  }
  const text = unzipped[MANIFEST];
  const parsed = text ? exportSchema.safeParse(JSON.parse(strFromU8(text))) : null;
  if (!parsed?.success) throw new BackupProblem(`Plik ${file} nie jest eksportem czynności Kancelarii (brak albo uszkodzony spis czynności).`);
  return { manifest: parsed.data, unzipped };
}

/**
 * Puts an export into `profileDir`, which must hold no command of its own yet (a new profile,
 * or one only signed in): it takes over the old workstation's identity and history.
 */
export function importOutbox(file: string, profileDir: string): ImportReport {
  const { manifest, unzipped } = readExport(file);
  const keys = dataKeysOf(profileDir);
  const blobs = openBlobStore(join(profileDir, BLOB_DIR), keys.files);
  const store = openProfileStore(join(profileDir, DATABASE_FILE), keys);
  try {
    if (outboxSize(store) > 0) {
      throw new BackupProblem(`Profil ${profileDir} ma już własne czynności. Czynności z uszkodzonego stanowiska przenosi się do nowego profilu (np. --profile NOWY_KATALOG), zanim ktoś na nim pracował.`);
    }
    for (const f of manifest.files) {
      const bytes = unzipped[`${FILES}${f.sha256}`];
      if (!bytes || createHash('sha256').update(bytes).digest('hex') !== f.sha256) throw new BackupProblem(`W pliku ${file} plik ${f.sha256.slice(0, 12)}… jest uszkodzony albo go brak. Wyeksportuj czynności jeszcze raz.`);
    }
    store.tx(() => {
      for (const f of manifest.files) {
        blobs.putBytes(unzipped[`${FILES}${f.sha256}`] ?? new Uint8Array());
        upsertBlob(store, { sha256: f.sha256, size: f.size, mime: f.mime, pageCount: f.pageCount, createdAt: manifest.exportedAt });
      }
      writeSyncState(store, 'clientId', manifest.clientId);
      // What the server said of this profile's own (empty) queues no longer applies.
      for (const p of manifest.people) clearSyncState(store, `lmid:${p.id}`);
      adoptOutbox(store, manifest.commands.map((c) => ({ ...c, speculative: 0 })));
    });
    const waitingIds = new Set(manifest.commands.filter((c) => c.status === 'pending').map((c) => c.userId));
    return { waiting: manifest.commands.filter((c) => c.status === 'pending').length, people: manifest.people.filter((p) => waitingIds.has(p.id)).map((p) => p.login), files: manifest.files.length };
  } finally {
    store.close();
  }
}
