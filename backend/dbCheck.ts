import { counted } from '#core/i18n/plural.pl';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '#db/store';
import type { BlobStore } from '#db/blobStore';
import { allCounters, numberedRows } from '#db/counters';
import { allBlobHashes, lettersWithFiles } from '#db/correspondenceRepo';
import { verifyEventChain } from '#db/eventLog';
import { checkScope, numbersByScope, type ScopeCheck } from '#core/register/numberingCheck';


/** A blob named in the report, with the letters that carry it (to find the paper original). */
export type BlobRef = { sha256: string; letters: string[] };

export type DbCheckReport = {
  profileDir: string;
  databasePath: string;
  ok: boolean;
  /** Result of SQLite's own `PRAGMA quick_check`: 'ok' or its first complaints. */
  sqliteCheck: string[];
  numbering: ScopeCheck[];
  blobs: { rows: number; verified: number; missing: BlobRef[]; corrupt: BlobRef[] };
  scans: { rows: number; unknownBlob: { letter: string; fileName: string; sha256: string }[] };
  /** Files under blobs/ that no blob row names: harmless, listed for the administrator. */
  unreferencedFiles: string[];
  /** Temp files left by an interrupted write. */
  leftoverTempFiles: string[];
  /** Blob rows no letter refers to (a scan read in but never registered). */
  unattachedBlobs: string[];
  events: { count: number; firstBroken: { seq: number; reason: string } | null };
  /** Every problem as one Polish sentence, in report order. */
  problems: string[];
  /** Observations that are not failures. */
  notices: string[];
};

const SHA256_NAME = /^[0-9a-f]{64}$/;

// Queries of the whole store that only this check needs.
// TODO(lead): move into db/correspondenceRepo.ts (scansWithoutBlob, unattachedBlobHashes) and
// db/store.ts (quickCheck); kept here while db/ is being edited by others.
function scansWithoutBlob(store: Store) {
  return store.sqlite
    .prepare(
      `SELECT s.sha256 AS sha256, s.file_name AS fileName, coalesce(c.number, c.provisional_label, c.id) AS letter
         FROM correspondence_scans s
         JOIN correspondence c ON c.id = s.correspondence_id
         LEFT JOIN blobs b ON b.sha256 = s.sha256
        WHERE b.sha256 IS NULL
        ORDER BY c.pk, s.position`,
    )
    .all() as { sha256: string; fileName: string; letter: string }[];
}

function scanRowCount(store: Store): number {
  return store.sqlite.prepare('SELECT count(*) FROM correspondence_scans').pluck().get() as number;
}

function unattachedBlobHashes(store: Store): string[] {
  return store.sqlite
    .prepare('SELECT sha256 FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM correspondence_scans) ORDER BY sha256')
    .pluck()
    .all() as string[];
}

function quickCheck(store: Store): string[] {
  return store.sqlite.prepare('PRAGMA quick_check(20)').pluck().all() as string[];
}

/** Files under the blob directory, split into content files (by name) and leftover temp files. */
function filesOnDisk(dir: string): { blobs: Map<string, string>; temp: string[]; other: string[] } {
  const blobs = new Map<string, string>();
  const temp: string[] = [];
  const other: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return { blobs, temp, other };
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) {
      other.push(path);
      continue;
    }
    for (const file of readdirSync(path)) {
      const filePath = join(path, file);
      if (name === 'tmp') temp.push(filePath);
      else if (SHA256_NAME.test(file) && file.startsWith(name)) blobs.set(file, filePath);
      else other.push(filePath);
    }
  }
  return { blobs, temp, other };
}

function blobRef(store: Store, sha256: string): BlobRef {
  const letters = lettersWithFiles(store, [sha256]).map((l) => l.number ?? l.provisionalLabel ?? l.id);
  return { sha256, letters };
}

function describeBlob(b: BlobRef): string {
  return b.letters.length > 0 ? `${b.sha256} (skan przesyłki ${b.letters.join(', ')})` : `${b.sha256} (niedołączony do przesyłki)`;
}

/**
 * Checks a profile's data the way an auditor would: register numbers are continuous, every
 * stored file still has the bytes its name promises, every scan points at a stored file, and
 * the event log's hash chain is unbroken.
 *
 * Reads only; the caller opens and closes the store.
 */
export async function checkProfile(profileDir: string, store: Store, blobStore: BlobStore): Promise<DbCheckReport> {
  const problems: string[] = [];
  const notices: string[] = [];

  const sqliteCheck = quickCheck(store);
  if (!(sqliteCheck.length === 1 && sqliteCheck[0] === 'ok')) {
    problems.push(`Plik bazy jest uszkodzony (PRAGMA quick_check): ${sqliteCheck.slice(0, 5).join('; ')}.`);
  }

  // Letters, case registers and decisions: every kind of record a counter numbers.
  const numbers = numbersByScope(numberedRows(store));
  const counters = new Map(allCounters(store).map((c) => [c.scope, c.last]));
  const scopes = [...new Set([...numbers.keys(), ...counters.keys()])].sort();
  const numbering = scopes.map((scope) => checkScope(scope, numbers.get(scope) ?? [], counters.get(scope) ?? null));
  for (const s of numbering) problems.push(...s.problems);

  const hashes = allBlobHashes(store);
  const missing: BlobRef[] = [];
  const corrupt: BlobRef[] = [];
  let verified = 0;
  for (const sha256 of hashes) {
    if (!blobStore.has(sha256)) missing.push(blobRef(store, sha256));
    else if (await blobStore.verify(sha256)) verified++;
    else corrupt.push(blobRef(store, sha256));
  }
  for (const b of missing) problems.push(`Brak pliku ${describeBlob(b)}: ${blobStore.pathOf(b.sha256)}.`);
  for (const b of corrupt) problems.push(`Plik ${describeBlob(b)} ma inną zawartość, niż wskazuje jego skrót SHA-256 (plik zmieniony lub uszkodzony): ${blobStore.pathOf(b.sha256)}.`);

  const unknownBlob = scansWithoutBlob(store);
  for (const s of unknownBlob) problems.push(`Skan „${s.fileName}” przesyłki ${s.letter} wskazuje na plik ${s.sha256}, którego nie ma w bazie plików.`);

  const known = new Set(hashes);
  const disk = filesOnDisk(blobStore.dir);
  const unreferencedFiles = [...disk.blobs.entries()].filter(([sha]) => !known.has(sha)).map(([, path]) => path).concat(disk.other).sort();
  if (unreferencedFiles.length > 0) {
    notices.push(`${unreferencedFiles.length} plik(ów) w katalogu skanów nie ma wpisu w bazie (nie przeszkadzają; można je zarchiwizować i usunąć): ${unreferencedFiles.slice(0, 10).join(', ')}${unreferencedFiles.length > 10 ? ' …' : ''}.`);
  }
  if (disk.temp.length > 0) {
    notices.push(`${disk.temp.length} plik(ów) tymczasowych po przerwanym zapisie (można je usunąć, gdy Kancelaria jest zamknięta): ${disk.temp.slice(0, 5).join(', ')}${disk.temp.length > 5 ? ' …' : ''}.`);
  }
  const unattachedBlobs = unattachedBlobHashes(store);
  if (unattachedBlobs.length > 0) {
    notices.push(`${unattachedBlobs.length} wczytany(ch) plik(ów) nie dołączono do żadnej przesyłki (skan wczytany, ale pismo niezarejestrowane).`);
  }

  const chain = verifyEventChain(store);
  if (chain.firstBroken) {
    problems.push(`Metryka (dziennik zdarzeń) naruszona: zdarzenie nr ${chain.firstBroken.seq} — ${chain.firstBroken.reason}. Zdarzenia od nr ${chain.firstBroken.seq} nie są potwierdzone łańcuchem skrótów.`);
  }

  return {
    profileDir,
    databasePath: store.path,
    ok: problems.length === 0,
    sqliteCheck,
    numbering,
    blobs: { rows: hashes.length, verified, missing, corrupt },
    scans: { rows: scanRowCount(store), unknownBlob },
    unreferencedFiles,
    leftoverTempFiles: disk.temp,
    unattachedBlobs,
    events: { count: chain.count, firstBroken: chain.firstBroken },
    problems,
    notices,
  };
}

/** The report as a person reads it in a console: one section per check, then the verdict. */
export function formatDbCheck(r: DbCheckReport): string {
  const lines: string[] = [];
  const ok = (text: string) => lines.push(`  [OK]    ${text}`);
  const bad = (text: string) => lines.push(`  [BŁĄD]  ${text}`);
  lines.push(`Kontrola profilu: ${r.profileDir}`, `Baza danych: ${r.databasePath}`, '');

  lines.push('Plik bazy danych');
  if (r.sqliteCheck.length === 1 && r.sqliteCheck[0] === 'ok') ok('struktura pliku SQLite poprawna');
  else bad(`struktura pliku SQLite uszkodzona: ${r.sqliteCheck.slice(0, 5).join('; ')}`);

  lines.push('', 'Numeracja rejestrów');
  if (r.numbering.length === 0) ok('brak numerowanych wpisów');
  for (const s of r.numbering) {
    if (s.problems.length === 0) ok(`${s.scope}: ${s.count === 0 ? 'brak numerów' : `numery 1–${s.highest ?? 0} bez luk i powtórzeń`}, licznik ${s.counterLast ?? 0}`);
    else for (const p of s.problems) bad(p);
  }

  lines.push('', 'Pliki skanów');
  if (r.blobs.rows === 0) {
    ok('brak plików skanów');
  } else if (r.blobs.missing.length === 0 && r.blobs.corrupt.length === 0) {
    ok(`${counted(r.blobs.rows, 'plik', 'pliki', 'plików')}, każdy zgodny ze swoim skrótem SHA-256`);
  } else {
    ok(`${counted(r.blobs.verified, 'plik zgodny', 'pliki zgodne', 'plików zgodnych')} ze skrótem SHA-256 (z ${r.blobs.rows})`);
    for (const b of r.blobs.missing) bad(`brak pliku ${describeBlob(b)}`);
    for (const b of r.blobs.corrupt) bad(`zawartość niezgodna ze skrótem SHA-256: ${describeBlob(b)}`);
  }

  lines.push('', 'Skany przesyłek');
  if (r.scans.rows === 0) ok('brak skanów dołączonych do przesyłek');
  else if (r.scans.unknownBlob.length === 0) ok(`${counted(r.scans.rows, 'skan wskazuje', 'skany wskazują', 'skanów wskazuje')} na znane pliki`);
  for (const s of r.scans.unknownBlob) bad(`skan „${s.fileName}” przesyłki ${s.letter} wskazuje na nieznany plik ${s.sha256}`);

  lines.push('', 'Metryka (dziennik zdarzeń)');
  if (r.events.firstBroken === null) ok(`${counted(r.events.count, 'zdarzenie', 'zdarzenia', 'zdarzeń')}, łańcuch skrótów nienaruszony`);
  else bad(`zdarzenie nr ${r.events.firstBroken.seq}: ${r.events.firstBroken.reason}`);

  if (r.notices.length > 0) {
    lines.push('', 'Uwagi (nie są błędami)');
    for (const n of r.notices) lines.push(`  [UWAGA] ${n}`);
  }
  lines.push('');
  lines.push(
    r.ok
      ? 'Wynik: wszystko w porządku.'
      : `Wynik: znaleziono ${counted(r.problems.length, 'problem', 'problemy', 'problemów')}. Zachowaj ten raport i kopię profilu przed jakąkolwiek naprawą.`,
  );
  return `${lines.join('\n')}\n`;
}
