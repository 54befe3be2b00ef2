/**
 * Copies of the central server's database (`kancelaria-server backup …` and the server's own
 * daily copy), one code path for PGlite and PostgreSQL.
 *
 * A copy is logical, not a file copy: in one REPEATABLE READ transaction every table is read
 * as PostgreSQL's own JSON of its rows (`row_to_json`, so no value passes through JavaScript
 * types), in the order foreign keys need; the stored files are read afterwards, piece by
 * piece, because a complete file never changes (content-addressed) — so the snapshot holds
 * the server for as short as the tables take, not for the gigabytes of scans. Everything is
 * sealed into the same `.kbak` format as a workstation's copy (core/backup/archive.ts).
 *
 * Left out on purpose: sessions (a restored server must not revive a session ended since the
 * copy: everyone signs in again), login attempts (transient), unfinished uploads (the
 * workstation sends them again).
 *
 * A restore goes into a new, empty database only (a new PGlite directory, or an empty
 * PostgreSQL database): the schema at the copy's migration, the rows, the later migrations,
 * a new epoch (workstations learn they talk to a restored history), then the audit chain
 * and the register numbering are checked and the first break reported.
 */
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { ArchiveError, fileSource, keyIdOf, readArchive, readHeader, writeArchiveFile, type BackupHeader, type EntrySource, type Manifest } from '#core/backup/archive';
import { BackupProblem, explainArchiveError, newCopyPath, requireKind } from '#core/backup/copies';
import { checkScope, numbersByScope, type ScopeCheck } from '#core/register/numberingCheck';
import { knownMigrations, openServerDb, type OpenedServerDb, type ServerDb, type ServerTx } from '#server/db/open';
import { snapshotTx, writeTx } from '#server/db/tx';
import { appendAudit, sealAudit, verifyAuditChain, type AuditChainReport } from '#server/db/audit';
import { keepVersionsAhead } from '#server/db/versionBase';
import { blobChunks } from '#server/db/schema/records';
import { serverIdentity } from '#server/db/schema/serverIdentity';
import { readOfficeSettings } from '#server/office/settings';

const TABLES = 'tabele/';
const FILES = 'pliki/';
/** Tables a copy leaves out (see the module comment for why). */
const LEFT_OUT = new Set(['sessions', 'login_attempts', 'blob_chunks', 'blob_uploads', 'upload_chunks']);
/** Rows of these tables are made by the migrations themselves; a restore replaces them by the copy's. */
const MADE_BY_MIGRATIONS = ['server_version', 'server_identity'];
const ROWS_PER_FETCH = 1000;
/** A batch of rows sent in one INSERT: large enough to be quick, small enough for any server. */
const BATCH_BYTES = 4 * 1024 * 1024;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export type ServerCounts = { letters: number; cases: number; events: number; files: number; audit: number };

async function rowsOf<T>(db: ServerDb | ServerTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

function quoted(name: string): SQL {
  if (!IDENTIFIER.test(name)) throw new BackupProblem(`Nazwa tabeli „${name}” w kopii jest niedozwolona: kopia jest uszkodzona albo podrobiona.`);
  return sql.raw(`"${name}"`);
}

/** The office's tables, parents before children (foreign keys), by name where the order is free. */
async function tablesInLoadOrder(tx: ServerTx): Promise<string[]> {
  const names = (await rowsOf<{ name: string }>(tx, sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`)).map((r) => r.name);
  const edges = await rowsOf<{ child: string; parent: string }>(
    tx,
    sql`SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint k JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid JOIN pg_namespace n ON n.oid = ch.relnamespace WHERE k.contype = 'f' AND n.nspname = 'public' AND ch.relname <> pa.relname`,
  );
  const order: string[] = [];
  const left = new Set(names);
  while (left.size > 0) {
    const ready = [...left].filter((t) => !edges.some((e) => e.child === t && left.has(e.parent)));
    if (ready.length === 0) throw new Error(`circular foreign keys among ${[...left].join(', ')}`);
    for (const t of ready.sort()) {
      order.push(t);
      left.delete(t);
    }
  }
  return order;
}

/** How many of this program's migrations the database has (drizzle records each with its time). */
async function migrationsApplied(db: ServerDb | ServerTx): Promise<number> {
  const [row] = await rowsOf<{ last: string | number | null }>(db, sql`SELECT max(created_at) AS last FROM drizzle.__drizzle_migrations`);
  const last = Number(row?.last ?? 0);
  return knownMigrations().filter((m) => m.when <= last).length;
}

type Snapshot = { tables: { name: string; path: string; rows: number }[]; files: { sha256: string; size: number }[]; counts: ServerCounts; migrations: number; office: string };

/** Writes every table of one snapshot into `workDir` as JSON lines (plain text: the work folder is 0700 and removed after). */
async function snapshotTables(db: ServerDb, workDir: string): Promise<Snapshot> {
  return snapshotTx(db, async (tx) => {
    const migrations = await migrationsApplied(tx);
    const tables: Snapshot['tables'] = [];
    for (const name of (await tablesInLoadOrder(tx)).filter((t) => !LEFT_OUT.has(t))) {
      const path = join(workDir, `${name}.jsonl`);
      const fd = openSync(path, 'w', 0o600);
      let rows = 0;
      try {
        // Only whole files are blobs: an upload in progress (left out) is sent again by its workstation.
        await tx.execute(sql`DECLARE kopia_tabeli NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS r FROM ${quoted(name)} t`);
        for (;;) {
          const batch = await rowsOf<{ r: string }>(tx, sql.raw(`FETCH ${String(ROWS_PER_FETCH)} FROM kopia_tabeli`));
          if (batch.length === 0) break;
          writeSync(fd, `${batch.map((b) => b.r).join('\n')}\n`);
          rows += batch.length;
        }
        await tx.execute(sql`CLOSE kopia_tabeli`);
      } finally {
        closeSync(fd);
      }
      tables.push({ name, path, rows });
    }
    const files = (await rowsOf<{ sha256: string; size: string | number }>(tx, sql`SELECT sha256, size FROM blobs ORDER BY sha256`)).map((f) => ({ sha256: f.sha256, size: Number(f.size) }));
    const count = (name: string) => tables.find((t) => t.name === name)?.rows ?? 0;
    const office = (await readOfficeSettings(tx))?.office.name ?? '';
    return { tables, files, counts: { letters: count('correspondence'), cases: count('cases'), events: count('record_events'), files: files.length, audit: count('audit_log') }, migrations, office };
  });
}

/** A stored file read from its pieces in the database as the archive asks for it. */
function storedFileSource(db: ServerDb, sha256: string, size: number): EntrySource {
  let pieces: { offset: number; length: number }[] | null = null;
  let cached: { offset: number; data: Buffer } | null = null;
  const piece = async (position: number): Promise<{ offset: number; data: Buffer }> => {
    pieces ??= (await rowsOf<{ offset: string | number; length: number }>(db, sql`SELECT "offset", octet_length(data) AS length FROM blob_chunks WHERE sha256 = ${sha256} ORDER BY "offset"`)).map((p) => ({ offset: Number(p.offset), length: p.length }));
    if (cached && position >= cached.offset && position < cached.offset + cached.data.length) return cached;
    const p = pieces.find((x) => position >= x.offset && position < x.offset + x.length);
    if (!p) throw new BackupProblem(`Plik ${sha256.slice(0, 12)}… w bazie serwera nie ma fragmentu od bajtu ${String(position)}: baza jest uszkodzona. Sprawdź ją przed dalszą pracą.`);
    const [row] = await rowsOf<{ data: Uint8Array | string }>(db, sql`SELECT data FROM blob_chunks WHERE sha256 = ${sha256} AND "offset" = ${p.offset}`);
    const data = row ? asBuffer(row.data) : Buffer.alloc(0);
    cached = { offset: p.offset, data };
    return cached;
  };
  return {
    size,
    async read(position, into) {
      let done = 0;
      while (done < into.length) {
        const p = await piece(position + done);
        done += p.data.copy(into, done, position + done - p.offset);
      }
      return done;
    },
  };
}

/** bytea as the driver gives it: a Buffer (node-postgres), a Uint8Array (PGlite). */
function asBuffer(data: Uint8Array | string): Buffer {
  return typeof data === 'string' ? Buffer.from(data.replace(/^\\x/, ''), 'hex') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export type ServerCopyMade = { file: string; size: number; counts: ServerCounts; snapshotMs: number; totalMs: number };

/**
 * Makes one copy of the server's database in `destDir` while the server works. The tables
 * are read in one snapshot; writers wait only while PGlite (one connection) reads them.
 */
export async function makeServerCopy(db: ServerDb, destDir: string, key: Buffer, now = new Date()): Promise<ServerCopyMade> {
  const started = performance.now();
  mkdirSync(destDir, { recursive: true });
  const work = mkdtempSync(join(destDir, '.robocze-'));
  chmodSync(work, 0o700);
  try {
    // Entries still queued are chained first, so the copy's log is as long as it can be.
    await sealAudit(db);
    const snap = await snapshotTables(db, work);
    const snapshotMs = performance.now() - started;
    const fds: number[] = [];
    try {
      const sources: EntrySource[] = [];
      for (const t of snap.tables) {
        const fd = openSync(t.path, 'r');
        fds.push(fd);
        sources.push(fileSource(fd));
      }
      for (const f of snap.files) sources.push(storedFileSource(db, f.sha256, f.size));
      const names = [...snap.tables.map((t) => `${TABLES}${t.name}.jsonl`), ...snap.files.map((f) => `${FILES}${f.sha256}`)];
      const manifest: Manifest = { entries: names.map((name, i) => ({ name, size: sources[i]?.size ?? 0 })), counts: snap.counts, schema: { migrations: snap.migrations, tables: snap.tables.map((t) => t.name) } };
      const file = newCopyPath(destDir, 'serwer', now);
      const part = `${file}.czesc`;
      const header: BackupHeader = { format: 1, kind: 'server', createdAt: now.toISOString(), keyId: keyIdOf(key), office: snap.office };
      const digests = await writeArchiveFile(part, key, header, manifest, sources, snap.tables.length + 1);
      // A stored file whose bytes no longer match its name is damaged in the database itself.
      for (const [i, f] of snap.files.entries()) {
        if (digests.get(snap.tables.length + 1 + i) !== f.sha256) {
          rmSync(part, { force: true });
          throw new BackupProblem(`Plik ${f.sha256.slice(0, 12)}… w bazie serwera ma inną zawartość niż jego skrót: baza jest uszkodzona. Kopii nie zapisano.`);
        }
      }
      renameSync(part, file);
      return { file, size: statSync(file).size, counts: snap.counts, snapshotMs, totalMs: performance.now() - started };
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Where a restore goes: a new PGlite directory, or an empty PostgreSQL database. */
export type RestoreTarget = { dataDir: string; databaseUrl?: undefined } | { databaseUrl: string; dataDir?: undefined };

export type ServerRestoreReport = {
  header: BackupHeader;
  counts: ServerCounts;
  audit: AuditChainReport;
  numbering: ScopeCheck[];
  /** Every problem as one Polish sentence; empty when the restored database is whole. */
  problems: string[];
};

async function refuseUnlessEmpty(target: RestoreTarget): Promise<void> {
  if (target.dataDir !== undefined) {
    if (existsSync(target.dataDir) && readdirSync(target.dataDir).length > 0) {
      throw new BackupProblem(`Katalog ${target.dataDir} nie jest pusty. Kopię serwera odtwarza się tylko do nowego, pustego katalogu — nigdy na działającą bazę.`);
    }
    return;
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
    if (Number(rows[0]?.n ?? 0) > 0) throw new BackupProblem('Baza danych wskazana w DATABASE_URL nie jest pusta. Kopię serwera odtwarza się tylko do nowej, pustej bazy (createdb …) — nigdy na działającą.');
  } finally {
    await client.end();
  }
}

/** Undoes a restore that did not finish: the new directory, or the tables made in the empty database. */
async function removeRestored(target: RestoreTarget, opened: OpenedServerDb | null): Promise<void> {
  await opened?.close().catch(() => undefined);
  if (target.dataDir !== undefined) {
    rmSync(target.dataDir, { recursive: true, force: true });
    return;
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    // The database was empty before (refuseUnlessEmpty): everything in it now is the restore's.
    const { rows } = await client.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'");
    for (const r of rows) await client.query(`DROP TABLE IF EXISTS "${r.t}" CASCADE`);
    await client.query('DROP SCHEMA IF EXISTS drizzle CASCADE');
    await client.query("DO $$ DECLARE f record; BEGIN FOR f IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' LOOP EXECUTE 'DROP FUNCTION ' || f.sig || ' CASCADE'; END LOOP; END $$");
  } finally {
    await client.end();
  }
}

/** A piece of a copy as a person reads it: a table by its name, a stored file by the start of its hash. */
function entryName(name: string): string {
  if (name.startsWith(TABLES)) return `tabela ${name.slice(TABLES.length, -'.jsonl'.length)}`;
  return `plik ${name.slice(FILES.length, FILES.length + 12)}…`;
}

/** Reads the copy's clear header and manifest (the archive proves them genuine first). */
async function manifestOf(file: string, key: Buffer): Promise<{ manifest: Manifest; header: BackupHeader }> {
  const fd = openSync(file, 'r');
  try {
    requireKind(readHeader(fd).header.kind, 'server', file);
  } catch (e) {
    if (e instanceof ArchiveError) throw new BackupProblem(explainArchiveError(e, file, null));
    throw e;
  } finally {
    closeSync(fd);
  }
  const got: { manifest: Manifest | null; header: BackupHeader | null } = { manifest: null, header: null };
  class Enough extends Error {}
  try {
    await readArchive(file, key, {
      manifest(m, h) {
        got.manifest = m;
        got.header = h;
        throw new Enough();
      },
      chunk: () => undefined,
      entryDone: () => undefined,
    });
  } catch (e) {
    if (!(e instanceof Enough)) throw e instanceof ArchiveError ? new BackupProblem(explainArchiveError(e, file, null)) : e;
  }
  if (!got.manifest?.schema || !got.header) throw new BackupProblem(`Kopia ${file} nie ma spisu tabel serwera: jest uszkodzona.`);
  return { manifest: got.manifest, header: got.header };
}

/** The columns a copy's rows fill (every stored column; generated ones are computed again). */
async function columnsOf(tx: ServerTx, table: string): Promise<string[]> {
  return (await rowsOf<{ c: string }>(tx, sql`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER' ORDER BY ordinal_position`)).map((r) => r.c);
}

/** Letters whose scans are a file, to name a damaged file by the paper it came from. */
async function lettersOf(db: ServerDb | ServerTx, sha256: string): Promise<string[]> {
  return (await rowsOf<{ n: string }>(db, sql`SELECT c.number AS n FROM correspondence_scans s JOIN correspondence c ON c.id = s.correspondence_id WHERE s.sha256 = ${sha256} ORDER BY 1`)).map((r) => r.n);
}

/**
 * Restores a server copy into `target` (which must be new and empty) and checks it. On any
 * failure what the restore made is removed and a BackupProblem says why in Polish.
 */
export async function restoreServerCopy(file: string, key: Buffer, target: RestoreTarget, o: { actor: string; now?: Date }): Promise<ServerRestoreReport> {
  const { manifest, header } = await manifestOf(file, key);
  const schema = manifest.schema;
  if (!schema) throw new BackupProblem(`Kopia ${file} nie ma spisu tabel serwera.`);
  if (schema.migrations > knownMigrations().length) {
    throw new BackupProblem(`Kopia ${file} pochodzi z nowszej wersji serwera Kancelarii (schemat ${String(schema.migrations)}, ten program zna ${String(knownMigrations().length)}). Zaktualizuj program i odtwórz ją ponownie.`);
  }
  await refuseUnlessEmpty(target);
  let opened: OpenedServerDb | null = null;
  try {
    opened = await openServerDb({ ...target, migrationsUpTo: schema.migrations });
    const db = opened.db;
    await db.transaction(async (tx) => {
      for (const t of MADE_BY_MIGRATIONS) if (schema.tables.includes(t)) await tx.execute(sql`DELETE FROM ${quoted(t)}`);
      // The entry being read: its table and columns, or the file and its hash so far.
      let current: { entry: number; table: string | null; columns: SQL | null; rest: Buffer; batch: string[]; batchBytes: number; offset: number; hash: ReturnType<typeof createHash> } | null = null;
      const flush = async () => {
        if (!current?.table || !current.columns || current.batch.length === 0) return;
        const json = `[${current.batch.join(',')}]`;
        current.batch = [];
        current.batchBytes = 0;
        await tx.execute(sql`INSERT INTO ${quoted(current.table)} (${current.columns}) OVERRIDING SYSTEM VALUE SELECT ${current.columns} FROM json_populate_recordset(NULL::${quoted(current.table)}, ${json}::json)`);
      };
      const start = async (entry: number) => {
        const name = manifest.entries[entry - 1]?.name ?? '';
        const table = name.startsWith(TABLES) ? name.slice(TABLES.length, -'.jsonl'.length) : null;
        const columns = table ? sql.join((await columnsOf(tx, table)).map((c) => quoted(c)), sql`, `) : null;
        if (table && !schema.tables.includes(table)) throw new BackupProblem(`Kopia ${file} wymienia tabelę „${table}” spoza swojego spisu: jest uszkodzona.`);
        current = { entry, table, columns, rest: Buffer.alloc(0), batch: [], batchBytes: 0, offset: 0, hash: createHash('sha256') };
        return current;
      };
      await readArchive(file, key, {
        manifest: () => undefined,
        async chunk(entry, plain) {
          const c = current?.entry === entry ? current : await start(entry);
          if (c.table) {
            const text = Buffer.concat([c.rest, plain]);
            let from = 0;
            for (let nl = text.indexOf(10, from); nl >= 0; nl = text.indexOf(10, from)) {
              const line = text.toString('utf8', from, nl);
              from = nl + 1;
              c.batch.push(line);
              c.batchBytes += line.length;
              if (c.batchBytes >= BATCH_BYTES) await flush();
            }
            c.rest = Buffer.from(text.subarray(from));
            return;
          }
          const sha256 = manifest.entries[entry - 1]?.name.slice(FILES.length) ?? '';
          await tx.insert(blobChunks).values({ sha256, offset: c.offset, data: Buffer.from(plain) });
          c.offset += plain.length;
          c.hash.update(plain);
        },
        async entryDone(entry) {
          const c = current?.entry === entry ? current : await start(entry);
          if (c.table) {
            if (c.rest.length > 0) throw new BackupProblem(`W kopii ${file} tabela „${c.table}” urywa się w pół wiersza: kopia jest uszkodzona.`);
            await flush();
            return;
          }
          const sha256 = manifest.entries[entry - 1]?.name.slice(FILES.length) ?? '';
          if (c.hash.digest('hex') !== sha256) {
            const letters = await lettersOf(tx, sha256);
            throw new BackupProblem(`W kopii ${file} plik ${sha256.slice(0, 12)}…${letters.length > 0 ? ` (skan przesyłki ${letters.join(', ')})` : ''} ma inną zawartość, niż wskazuje jego skrót SHA-256. Użyj innej kopii.`);
          }
        },
      });
      // Identity columns go on after the highest value the copy brought.
      const identities = await rowsOf<{ t: string; c: string }>(tx, sql`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'`);
      for (const { t, c } of identities) {
        await tx.execute(sql`SELECT setval(pg_get_serial_sequence(${`"${t}"`}, ${c}), coalesce((SELECT max(${quoted(c)}) FROM ${quoted(t)}), 0) + 1, false)`);
      }
    });
    await opened.close();
    opened = null;
    // The later migrations, as a server started on it would run them.
    opened = await openServerDb(target);
    // Versions go on above the copy's: this cluster's transaction ids may be lower than those of the one copied.
    await keepVersionsAhead(opened.db, true);
    const restoredAt = (o.now ?? new Date()).toISOString();
    await writeTx(opened.db, async (w) => {
      await w.tx.update(serverIdentity).set({ epoch: sql`gen_random_uuid()`, restoredFrom: header.createdAt, restoredAt });
      await appendAudit(w, { actor: o.actor, action: 'backup.restored', entityType: 'server', entityId: 'baza', summary: `Odtworzono bazę z kopii z ${header.createdAt}`, data: { copy: file, createdAt: header.createdAt } });
    });
    const report = await checkRestored(opened.db, header, manifest.counts as ServerCounts);
    await opened.close();
    return report;
  } catch (e) {
    await removeRestored(target, opened);
    if (e instanceof ArchiveError) throw new BackupProblem(explainArchiveError(e, file, e.entry > 0 ? entryName(manifest.entries[e.entry - 1]?.name ?? '') : null));
    throw e;
  }
}

/** The audit chain and the register numbering of a restored database, with the first break named. */
async function checkRestored(db: ServerDb, header: BackupHeader, counts: ServerCounts): Promise<ServerRestoreReport> {
  const problems: string[] = [];
  await sealAudit(db);
  const audit = await verifyAuditChain(db);
  if (audit.firstBroken) problems.push(`Dziennik audytu przerwany przy wpisie nr ${String(audit.firstBroken.seq)}: ${audit.firstBroken.reason}.`);
  const numbers = numbersByScope({
    letters: await rowsOf(db, sql`SELECT register, year, seq FROM correspondence`),
    cases: await rowsOf(db, sql`SELECT unit_symbol AS "unitSymbol", jrwa_symbol AS "jrwaSymbol", year, seq FROM cases`),
    decisions: await rowsOf(db, sql`SELECT year, seq FROM decisions WHERE seq IS NOT NULL`),
  });
  const counters = new Map((await rowsOf<{ scope: string; last: number }>(db, sql`SELECT scope, last FROM counters`)).map((c) => [c.scope, c.last]));
  const numbering = [...new Set([...numbers.keys(), ...counters.keys()])].sort().map((scope) => checkScope(scope, numbers.get(scope) ?? [], counters.get(scope) ?? null));
  for (const s of numbering) problems.push(...s.problems);
  return { header, counts, audit, numbering, problems };
}

/**
 * Proves a copy restores: a trial restore into a temporary PGlite directory (the same code as
 * a real one), its checks, then the directory removed.
 */
export async function verifyServerCopy(file: string, key: Buffer): Promise<ServerRestoreReport> {
  const dir = mkdtempSync(join(tmpdir(), 'kancelaria-proba-odtworzenia-'));
  try {
    return await restoreServerCopy(file, key, { dataDir: join(dir, 'baza') }, { actor: 'system:sprawdzenie-kopii' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
