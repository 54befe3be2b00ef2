/**
 * What encryption at rest costs (not a test: it prints figures and writes bench/RESULTS.md).
 *
 *   npm run bench:encryption
 *
 * The same work on the workstation's store opened with its key and without one (the key null
 * is what a backup's check copy uses): 100,000 rows written in one transaction with their FTS
 * entries, then point reads, full-text queries and a cold reopen; and stored files written and
 * read back sealed (db/fileCipher.ts) against the same bytes plain. The ratios are the headline.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openStore, type DatabaseKey } from '#db/store';
import { seal, unseal } from '#db/fileCipher';
import { writeResultsSection } from './results.ts';

const ROWS = 100_000;
const WORDS = ['wniosek', 'decyzja', 'zażółć', 'gęślą', 'jaźń', 'podatek', 'nieruchomość', 'wycinka', 'drzewa', 'droga', 'gminna', 'zajęcie', 'pasa', 'warunki', 'zabudowy'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function sqliteRun(dir: string, key: DatabaseKey) {
  const path = join(dir, `baza-${key === null ? 'jawna' : 'szyfrowana'}.sqlite`);
  let store = openStore(path, { key });
  const db = store.sqlite;
  db.exec('CREATE TABLE bench_letters (id INTEGER PRIMARY KEY, number TEXT NOT NULL, subject TEXT NOT NULL, sender TEXT NOT NULL); CREATE VIRTUAL TABLE bench_fts USING fts5(subject);');
  const insert = db.prepare('INSERT INTO bench_letters (id, number, subject, sender) VALUES (?, ?, ?, ?)');
  const fts = db.prepare('INSERT INTO bench_fts (rowid, subject) VALUES (?, ?)');
  let seed = 7;
  const word = () => WORDS[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % WORDS.length] ?? '';
  const started = performance.now();
  db.transaction(() => {
    for (let i = 1; i <= ROWS; i++) {
      const subject = Array.from({ length: 12 }, word).join(' ');
      insert.run(i, `RPW/${String(i)}/2026`, subject, `Nadawca ${String(i % 5000)}`);
      fts.run(i, subject);
    }
  })();
  const writeMs = performance.now() - started;
  const byId = db.prepare('SELECT * FROM bench_letters WHERE id = ?');
  const pointTimes: number[] = [];
  for (let r = 0; r < 2000; r++) {
    const t = performance.now();
    byId.get(1 + ((r * 7919) % ROWS));
    pointTimes.push(performance.now() - t);
  }
  const search = db.prepare("SELECT rowid FROM bench_fts WHERE bench_fts MATCH ? ORDER BY rank LIMIT 100");
  const ftsTimes: number[] = [];
  for (let r = 0; r < 60; r++) {
    const t = performance.now();
    search.all(`${WORDS[r % WORDS.length] ?? ''} ${WORDS[(r + 3) % WORDS.length] ?? ''}`);
    ftsTimes.push(performance.now() - t);
  }
  store.close();
  const reopened = performance.now();
  store = openStore(path, { key });
  store.sqlite.prepare('SELECT count(*) FROM bench_letters').get();
  const reopenMs = performance.now() - reopened;
  store.close();
  return { writeMs, pointMs: median(pointTimes), ftsMs: median(ftsTimes), reopenMs };
}

function filesRun(dir: string, sealed: boolean, files: Buffer[], key: Buffer) {
  const started = performance.now();
  files.forEach((bytes, i) => {
    const fd = openSync(join(dir, `${sealed ? 's' : 'p'}${String(i)}`), 'w', 0o600);
    writeSync(fd, sealed ? seal(bytes, key) : bytes);
    fsyncSync(fd);
    closeSync(fd);
  });
  const written = performance.now();
  let total = 0;
  files.forEach((_, i) => {
    const stored = readFileSync(join(dir, `${sealed ? 's' : 'p'}${String(i)}`));
    total += (sealed ? unseal(stored, key) : stored).length;
  });
  const read = performance.now();
  const mb = total / 2 ** 20;
  return { writeMbS: mb / ((written - started) / 1000), readMbS: mb / ((read - written) / 1000) };
}

const load = loadavg()[0] ?? 0;
const dir = mkdtempSync(join(tmpdir(), 'kancelaria-bench-szyfr-'));
try {
  const key = randomBytes(32).toString('hex');
  // Plain first, then encrypted, then each again: the better of two runs each, so a noisy moment does not decide the ratio.
  const runs = [sqliteRun(join(dir), null), sqliteRun(mkdtempSync(join(dir, 'a')), key), sqliteRun(mkdtempSync(join(dir, 'b')), null), sqliteRun(mkdtempSync(join(dir, 'c')), key)];
  const best = (xs: { writeMs: number; pointMs: number; ftsMs: number; reopenMs: number }[]) => ({
    writeMs: Math.min(...xs.map((x) => x.writeMs)),
    pointMs: Math.min(...xs.map((x) => x.pointMs)),
    ftsMs: Math.min(...xs.map((x) => x.ftsMs)),
    reopenMs: Math.min(...xs.map((x) => x.reopenMs)),
  });
  const plain = best([runs[0], runs[2]].filter((x) => x !== undefined));
  const enc = best([runs[1], runs[3]].filter((x) => x !== undefined));
  // 40 scans of 1.5 MB (a one-page 300 dpi greyscale scan is about that).
  const files = Array.from({ length: 40 }, () => randomBytes(1.5 * 2 ** 20));
  const fileKey = randomBytes(32);
  const plainFiles = filesRun(dir, false, files, fileKey);
  const sealedFiles = filesRun(dir, true, files, fileKey);
  const r = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const date = new Date().toISOString().slice(0, 10);
  const rows = [
    `| ${ROWS.toLocaleString('en')} rows + FTS entries written, one transaction | ${(plain.writeMs / 1000).toFixed(2)} s | ${(enc.writeMs / 1000).toFixed(2)} s | ${r(enc.writeMs, plain.writeMs)} |`,
    `| a row by its id (median of 2,000) | ${(plain.pointMs * 1000).toFixed(1)} µs | ${(enc.pointMs * 1000).toFixed(1)} µs | ${r(enc.pointMs, plain.pointMs)} |`,
    `| full-text query, two words, 100 hits ranked (median of 60) | ${plain.ftsMs.toFixed(2)} ms | ${enc.ftsMs.toFixed(2)} ms | ${r(enc.ftsMs, plain.ftsMs)} |`,
    `| reopen the store and count the 100,000 rows (every page read and, encrypted, decrypted) | ${plain.reopenMs.toFixed(1)} ms | ${enc.reopenMs.toFixed(1)} ms | ${r(enc.reopenMs, plain.reopenMs)} |`,
    `| 40 scans of 1.5 MB written (fsync each) | ${plainFiles.writeMbS.toFixed(0)} MB/s | ${sealedFiles.writeMbS.toFixed(0)} MB/s | ${r(plainFiles.writeMbS, sealedFiles.writeMbS)} slower |`,
    `| the same read back whole | ${plainFiles.readMbS.toFixed(0)} MB/s | ${sealedFiles.readMbS.toFixed(0)} MB/s | ${r(plainFiles.readMbS, sealedFiles.readMbS)} slower |`,
  ];
  const section = [
    `## Encryption at rest — ${date}`,
    '',
    `Machine: ${String(cpus().length)} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average (1 min) ${load.toFixed(1)} at the start. \`npm run bench:encryption\` (bench/encryption.ts): the store as the workstation opens it (WAL, synchronous=NORMAL) with its key (SQLite3 Multiple Ciphers, ChaCha20-Poly1305) and without; stored files sealed in 64 KiB AES-256-GCM segments against the same bytes plain. Better of two runs each.`,
    '',
    '| what | plain | encrypted | encrypted ÷ plain |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
  process.stdout.write(`${section}\n`);
  writeResultsSection('## Encryption at rest', section);
  process.stdout.write(
    `${JSON.stringify({ bench: 'encryption', date, rowsWriteRatio: +(enc.writeMs / plain.writeMs).toFixed(2), pointReadRatio: +(enc.pointMs / plain.pointMs).toFixed(2), ftsRatio: +(enc.ftsMs / plain.ftsMs).toFixed(2), fileWriteMbS: +sealedFiles.writeMbS.toFixed(0), fileReadMbS: +sealedFiles.readMbS.toFixed(0), load: +load.toFixed(1) })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
