import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openBackend } from '#backend/context';
import { dataKeysOf } from '#backend/dataKey';
import { openBlobStore } from '#db/blobStore';
import { plainSnapshot } from '#db/store';
import { DATA_KEY_FILE, KEYCHAIN_DATA_KEY_FILE } from '#core/security/dataKeyFiles';
import { DomainError } from '#core/errors';
import { onePagePdf } from '#tests/support/pdfs';
import { call, createSender, DATABASE_FILE, filesUnder, letterInput, openDemoProfile, profileDatabase, removeDir, signIn, stageScan, tempDir, unitId } from '#tests/support/profile';
import { runKancelaria } from '#tests/support/processes';

// What someone who copies the profile folder's database and scans (a disk image, a database
// file mailed around, a backup of the disk) can read: nothing of the office's. Checked on the
// bytes on disk, as such a person would read them.

const SUBJECT = 'Wniosek o wycinkę topoli — Zażółć gęślą jaźń';
const SCAN_TEXT = 'Skan poufny 7C1F';
const root = tempDir('szyfrowanie');
afterAll(() => removeDir(root));

/** The profile's files that hold office data: the database (with its WAL) and every stored file. */
function dataFiles(dir: string): string[] {
  const db = readdirSync(dir)
    .filter((f) => f.startsWith(DATABASE_FILE))
    .map((f) => join(dir, f));
  return [...db, ...filesUnder(join(dir, 'blobs')).filter((f) => !f.includes(join('blobs', 'tmp')))];
}

function rawContains(file: string, text: string): boolean {
  const bytes = readFileSync(file);
  return bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'latin1'));
}

async function officeWithLetter(dir: string): Promise<{ letterId: string; scanSha: string; scan: Uint8Array }> {
  const p = openDemoProfile({ dir });
  await signIn(p.ctx, 'akowalska');
  const sender = await createSender(p.ctx, 'Szyfrowska');
  const gk = await unitId(p.ctx, 'GK');
  const scan = await onePagePdf(SCAN_TEXT);
  const staged = await stageScan(p.ctx, 'wniosek.pdf', scan);
  const letter = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { subject: SUBJECT, scans: [{ sha256: staged.sha256, fileName: staged.fileName }] }));
  p.close();
  return { letterId: letter.id, scanSha: staged.sha256, scan };
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the workstation’s data encrypted at rest', () => {
  const dir = join(root, 'profil');
  let office: Awaited<ReturnType<typeof officeWithLetter>>;

  it('the database and the scans on disk show no subject, no name, no PDF — and the program reads them back', async () => {
    office = await officeWithLetter(dir);
    const files = dataFiles(dir);
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      expect(rawContains(f, SUBJECT), f).toBe(false);
      expect(rawContains(f, 'Szyfrowska'), f).toBe(false);
      expect(rawContains(f, 'Gmina Przykładowa'), f).toBe(false);
      expect(rawContains(f, SCAN_TEXT), f).toBe(false);
      expect(rawContains(f, '%PDF-'), f).toBe(false);
    }
    // Not even SQLite's own header: the file is noise to any SQLite tool without the key.
    expect(readFileSync(join(dir, DATABASE_FILE)).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    // The key is this account's only.
    expect(statSync(join(dir, DATA_KEY_FILE)).mode & 0o077).toBe(0);

    const p = openDemoProfile({ dir });
    try {
      await signIn(p.ctx, 'akowalska');
      expect((await call(p.ctx, 'intake.get', { id: office.letterId })).subject).toBe(SUBJECT);
      expect(Buffer.from(p.ctx.blobs.read(office.scanSha)).equals(Buffer.from(office.scan))).toBe(true);
    } finally {
      p.close();
    }
  });

  it('another key (a profile copied without its key, or from another computer) is refused in Polish, the files left as they were', () => {
    const keep = join(root, 'klucz.bak');
    copyFileSync(join(dir, DATA_KEY_FILE), keep);
    writeFileSync(join(dir, DATA_KEY_FILE), randomBytes(32), { mode: 0o600 });
    const before = readFileSync(join(dir, DATABASE_FILE));
    try {
      let thrown: unknown;
      try {
        openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe('DATA_KEY_WRONG');
      expect((thrown as DomainError).message).toMatch(/^Bazy stanowiska .* nie da się odczytać kluczem danych tego profilu/);
      expect(readFileSync(join(dir, DATABASE_FILE)).equals(before)).toBe(true);
    } finally {
      copyFileSync(keep, join(dir, DATA_KEY_FILE));
    }
  });

  it('a profile whose key the OS keychain keeps (the desktop shell’s) is not opened by browser mode or the command line', () => {
    const shell = join(root, 'powloka');
    const p = openDemoProfile({ dir: shell });
    p.close();
    rmSync(join(shell, DATA_KEY_FILE));
    writeFileSync(join(shell, KEYCHAIN_DATA_KEY_FILE), randomBytes(64), { mode: 0o600 });
    expect(() => openBackend({ profileDir: shell, mode: 'browser', demo: false, quiet: true })).toThrow(/zaszyfrowane kluczem, który dla programu Kancelaria przechowuje system/);
    // No new plain key beside the keychain's: that would make a second, different key.
    expect(existsSync(join(shell, DATA_KEY_FILE))).toBe(false);
    const cli = runKancelaria(['db', 'check', '--profile', shell]);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/^Dane stanowiska w .* są zaszyfrowane kluczem, który dla programu Kancelaria przechowuje system/);
    expect(cli.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('a profile from before encryption is encrypted at its first open — database at once, scans in the background', async () => {
    const old = join(root, 'stary');
    const keys = dataKeysOf(dir);
    mkdirSync(old, { mode: 0o700 });
    // The profile as an older version kept it: a plain database and plain scans.
    plainSnapshot(join(dir, DATABASE_FILE), keys.database, join(old, DATABASE_FILE));
    const plainBlobs = openBlobStore(join(old, 'blobs'), null);
    plainBlobs.putBytes(openBlobStore(join(dir, 'blobs'), keys.files).read(office.scanSha));
    expect(rawContains(join(old, DATABASE_FILE), SUBJECT)).toBe(true);
    expect(rawContains(plainBlobs.pathOf(office.scanSha), '%PDF-')).toBe(true);

    const p = openDemoProfile({ dir: old });
    try {
      await signIn(p.ctx, 'akowalska');
      expect((await call(p.ctx, 'intake.get', { id: office.letterId })).subject).toBe(SUBJECT);
      for (const f of readdirSync(old).filter((n) => n.startsWith(DATABASE_FILE))) expect(rawContains(join(old, f), SUBJECT), f).toBe(false);
      await until(() => !rawContains(plainBlobs.pathOf(office.scanSha), '%PDF-'));
      expect(Buffer.from(p.ctx.blobs.read(office.scanSha)).equals(Buffer.from(office.scan))).toBe(true);
    } finally {
      p.close();
    }
    const db = profileDatabase(old);
    try {
      expect((db.prepare('SELECT subject FROM correspondence WHERE id = ?').get(office.letterId) as { subject: string }).subject).toBe(SUBJECT);
    } finally {
      db.close();
    }
  });

  it('a scan changed on disk is caught, never shown as the scan', async () => {
    const blobs = openBlobStore(join(dir, 'blobs'), dataKeysOf(dir).files);
    const file = blobs.pathOf(office.scanSha);
    const bytes = readFileSync(file);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    writeFileSync(file, bytes);
    expect(() => blobs.read(office.scanSha)).toThrow();
    expect(await blobs.verify(office.scanSha)).toBe(false);
    const check = runKancelaria(['db', 'check', '--profile', dir]);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain(`zawartość niezgodna ze skrótem SHA-256: ${office.scanSha}`);
  });
});
