/**
 * Backups of a workstation without a server, as IT staff run them (`node bin/kancelaria.mjs
 * backup …` as a child process): made while another process registers letters, restored into a
 * new folder with every letter committed before the snapshot, numbers without a gap, the
 * metryka's chain whole and every scan intact; a flipped byte, a wrong key and a restore over a
 * live profile refused in Polish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { warsawYear } from '#core/time';
import { recoveryPhrase } from '#core/backup/archive';
import { onePagePdf } from '#tests/support/pdfs';
import { openBlobStore } from '#db/blobStore';
import { dataKeysOf } from '#backend/dataKey';
import { call, createSender, letterInput, openDemoProfile, removeDir, signIn, stageScan, tempDir, unitId, DATABASE_FILE, profileDatabase } from '#tests/support/profile';
import { REPO_ROOT, runKancelaria } from '#tests/support/processes';
import { startBackupSchedule } from '#backend/backupSchedule';

const WORKER = join(REPO_ROOT, 'tests', 'integration', 'workers', 'registerLetters.ts');
const YEAR = warsawYear(new Date());

describe('backups that restore', () => {
  let dir: string;
  let profile: string;
  let dest: string;
  let copy: string;
  let phrase: string;
  let before = 0;
  let registeredInAll = 0;
  let made: ReturnType<typeof runKancelaria>;
  const scanned: string[] = [];

  const lettersIn = (profileDir: string): number[] => {
    const db = profileDatabase(profileDir);
    try {
      return (db.prepare("SELECT seq FROM correspondence WHERE number LIKE 'RPW/%' ORDER BY seq").all() as { seq: number }[]).map((r) => r.seq);
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    dir = tempDir('kopia');
    profile = join(dir, 'profil');
    dest = join(dir, 'kopie');
    const p = openDemoProfile({ dir: profile });
    await signIn(p.ctx, 'akowalska');
    const sender = await createSender(p.ctx, 'Kopiowska');
    const gk = await unitId(p.ctx, 'GK');
    // Three letters with scans: the files must come back byte for byte.
    for (let i = 0; i < 3; i++) {
      const staged = await stageScan(p.ctx, `skan-${String(i)}.pdf`, await onePagePdf(`Skan numer ${String(i)}`));
      const l = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { subject: `Pismo ze skanem ${String(i)}`, scans: [{ sha256: staged.sha256, fileName: staged.fileName }] }));
      scanned.push(l.label);
    }
    p.close();

    // Another process registers letters the whole time the copy is made.
    const worker = fork(WORKER, [profile, '0', '1500', sender.id, gk], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const done = new Promise<{ given: unknown[]; errors: string[] }>((resolve, reject) => {
      worker.on('message', (m: { type: string; given?: unknown[]; errors?: string[]; error?: string }) => {
        if (m.type === 'done') resolve({ given: m.given ?? [], errors: m.errors ?? [] });
        if (m.type === 'failed') reject(new Error(m.error));
      });
    });
    await new Promise<void>((resolve) => worker.on('message', (m: { type: string }) => m.type === 'ready' && resolve()));
    worker.send('go');
    await new Promise((r) => setTimeout(r, 500));
    before = lettersIn(profile).length;
    made = runKancelaria(['backup', 'now', '--profile', profile, '--to', dest]);
    const finished = await done;
    expect(finished.errors).toEqual([]);
    registeredInAll = lettersIn(profile).length;
    copy = /Zapisano kopię: (\S+)/.exec(made.stdout)?.[1] ?? '';
    phrase = /^ {4}(\S+)$/m.exec(made.stdout)?.[1] ?? '';
  }, 180_000);
  afterAll(() => removeDir(dir));

  it('made while another process registers: verified at once; the recovery phrase shown once, the key kept only in the profile', () => {
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('KLUCZ ODZYSKIWANIA KOPII — pokazywany tylko ten jeden raz');
    expect(phrase).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    expect(made.stdout).toContain('Sprawdzenie (jak „kancelaria db check”): bez problemów.');
    expect(statSync(join(profile, 'klucz-kopii.bin')).mode & 0o077).toBe(0);
    // The copy's contents are not readable without the key: no letter's subject in clear.
    expect(readFileSync(copy).includes(Buffer.from('Pismo ze skanem'))).toBe(false);
    // A second copy (to a USB disk, say) does not show the phrase again.
    const usb = join(dir, 'usb');
    const second = runKancelaria(['backup', 'now', '--profile', profile, '--to', usb]);
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain('KLUCZ ODZYSKIWANIA');
    const listed = runKancelaria(['backup', 'list', '--profile', profile, '--to', usb]);
    expect(listed.stdout.match(/\.kbak/g)).toHaveLength(1);
    // Another office's old copy in the same folder (its own key): not ours to prune.
    const header = Buffer.from(JSON.stringify({ format: 1, createdAt: '2020-01-01T10:00:00.000Z', keyId: '0000000000000000', office: 'Inny urząd' }));
    const foreign = join(usb, 'kancelaria-20200101-110000.kbak');
    writeFileSync(foreign, Buffer.concat([Buffer.from('KANCBAK1'), Buffer.from([0, 0, 0, header.length]), header]));
    // A third the same day replaces the second there: one copy a day is kept.
    expect(runKancelaria(['backup', 'now', '--profile', profile, '--to', usb]).stdout).toContain('Usunięto starsze kopie (zostają dzienne i miesięczne wg ustawień): 1.');
    expect(readdirSync(usb).filter((f) => f.endsWith('.kbak'))).toHaveLength(2);
    expect(existsSync(foreign)).toBe(true);
  });

  it('restored on another computer with the phrase: every letter committed before the snapshot, numbers without a gap, chain whole, scans intact', () => {
    const target = join(dir, 'odtworzony');
    const r = runKancelaria(['backup', 'restore', copy, '--target', target, '--phrase-stdin'], {}, `${phrase}\n`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Metryka: łańcuch skrótów nienaruszony.');
    const restored = lettersIn(target);
    // Made while people worked: it holds what was there before it started, and not what came after.
    expect(restored.length).toBeGreaterThanOrEqual(before);
    expect(restored.length).toBeLessThan(registeredInAll);
    expect(restored).toEqual(Array.from({ length: restored.length }, (_, k) => k + 1));
    const db = profileDatabase(target);
    const numbers = (db.prepare('SELECT number FROM correspondence WHERE id IN (SELECT correspondence_id FROM correspondence_scans) ORDER BY seq').all() as { number: string }[]).map((x) => x.number);
    db.close();
    expect(numbers).toEqual(scanned);
    // The same scans, each encrypted under its own profile's key (the restored one has a key of its own).
    const plainIn = (p: string) => openBlobStore(join(p, 'blobs'), dataKeysOf(p).files);
    for (const f of readdirSync(join(profile, 'blobs')).filter((d) => d.length === 2)) {
      for (const sha of readdirSync(join(profile, 'blobs', f))) {
        expect(Buffer.from(plainIn(target).read(sha)).equals(Buffer.from(plainIn(profile).read(sha)))).toBe(true);
        expect(readFileSync(join(target, 'blobs', f, sha)).equals(readFileSync(join(profile, 'blobs', f, sha)))).toBe(false);
      }
    }
    expect(readFileSync(join(target, 'klucz-danych.key')).equals(readFileSync(join(profile, 'klucz-danych.key')))).toBe(false);
    // The restored profile passes the same check as a live one.
    expect(runKancelaria(['db', 'check', '--profile', target]).status).toBe(0);
  });

  it('a flipped byte in the database or in a scan fails verify, naming what is damaged', () => {
    const bytes = readFileSync(copy);
    const inDatabase = Buffer.from(bytes);
    const at = Math.floor(bytes.length / 3);
    inDatabase[at] = (inDatabase[at] ?? 0) ^ 0x01;
    const damagedDb = join(dir, 'baza.kbak');
    writeFileSync(damagedDb, inDatabase);
    const a = runKancelaria(['backup', 'verify', damagedDb, '--profile', profile]);
    expect(a.status).toBe(1);
    expect(a.stderr).toBe(`Kopia ${damagedDb} jest uszkodzona: baza danych (kancelaria.sqlite) nie zgadza się z tym, co zapisano (zmieniony bajt albo podmieniony fragment). Użyj innej kopii.\n`);
    // The last file in the copy is a scan: a byte just before its seal's tag.
    const inScan = Buffer.from(bytes);
    inScan[bytes.length - 20] = (inScan[bytes.length - 20] ?? 0) ^ 0x80;
    const damagedScan = join(dir, 'skan.kbak');
    writeFileSync(damagedScan, inScan);
    const b = runKancelaria(['backup', 'verify', damagedScan, '--profile', profile]);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(new RegExp(`^Kopia .*skan\\.kbak jest uszkodzona: plik [0-9a-f]{12}… \\(skan przesyłki RPW/[1-3]/${String(YEAR)}\\) nie zgadza się`));
    // A copy cut short is not taken for whole.
    const cut = join(dir, 'urwana.kbak');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 1000));
    expect(runKancelaria(['backup', 'verify', cut, '--profile', profile]).stderr).toContain('jest niepełna');
  });

  it('a wrong key and a mistyped phrase are refused; a restore never goes over a live profile', () => {
    const other = runKancelaria(['backup', 'verify', copy, '--phrase-stdin'], {}, recoveryPhrase(randomBytes(32)));
    expect(other.status).toBe(1);
    expect(other.stderr).toContain('Ta kopia była zaszyfrowana innym kluczem.');
    const typo = phrase.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const mistyped = runKancelaria(['backup', 'verify', copy, '--phrase-stdin'], {}, typo);
    expect(mistyped.status).toBe(2);
    expect(mistyped.stderr).toContain('suma kontrolna się nie zgadza');
    const sizeBefore = statSync(join(profile, DATABASE_FILE)).size;
    const over = runKancelaria(['backup', 'restore', copy, '--target', profile, '--profile', profile]);
    expect(over.status).toBe(1);
    expect(over.stderr).toContain('Kopię odtwarza się tylko do nowego, pustego katalogu — nigdy na działający profil.');
    expect(statSync(join(profile, DATABASE_FILE)).size).toBe(sizeBefore);
    expect(existsSync(join(profile, 'klucz-kopii.bin'))).toBe(true);
  });
});

describe('the daily copy and what the header says of it', () => {
  let dir: string;
  let now = new Date('2026-03-10T10:00:00Z');
  let p: ReturnType<typeof openDemoProfile>;

  beforeAll(() => {
    dir = tempDir('kopia-dzienna');
    p = openDemoProfile({ dir: join(dir, 'profil'), clock: () => now });
  });
  afterAll(() => {
    p.close();
    removeDir(dir);
  });

  it('before the first copy nobody is worried; the schedule makes it at the set hour, beside the profile', async () => {
    await signIn(p.ctx, 'gszymanski');
    expect(await call(p.ctx, 'backup.status', {})).toEqual({ kind: 'workstation', lastGoodAt: null, daysSinceGood: null, overdue: false, problem: null, folder: `${join(dir, 'profil')}-kopie`, phraseShown: true });
    // 12:00 Warsaw time in March is 11:00 UTC: the schedule's first look after it makes the copy.
    now = new Date('2026-03-10T11:30:00Z');
    const schedule = startBackupSchedule(join(dir, 'profil'), () => undefined, { firstAfterMs: 10, everyMs: 60_000, clock: () => now });
    await expect.poll(() => existsSync(join(dir, 'profil', 'ostatnia-kopia.json')), { timeout: 20_000 }).toBe(true);
    schedule.stop();
    expect(readdirSync(`${join(dir, 'profil')}-kopie`).filter((f) => f.endsWith('.kbak'))).toHaveLength(1);
    const s = await call(p.ctx, 'backup.status', {});
    expect(s).toMatchObject({ lastGoodAt: now.toISOString(), daysSinceGood: 0, overdue: false, problem: null });
    // The key was made by the schedule: nobody has seen its phrase yet, and the administrator is told.
    expect(s?.phraseShown).toBe(false);
  });

  it('IT prints the phrase once the schedule made the key; a clerk is told only when copies stop', async () => {
    const printed = runKancelaria(['backup', 'phrase', '--profile', join(dir, 'profil')]);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toMatch(/^ {4}([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/m);
    expect((await call(p.ctx, 'backup.status', {}))?.phraseShown).toBe(true);
    await signIn(p.ctx, 'tlukasik');
    expect(await call(p.ctx, 'backup.status', {})).toMatchObject({ overdue: false, folder: null });
    // Three office days later without a copy: everyone sees it.
    now = new Date('2026-03-13T08:00:00Z');
    expect(await call(p.ctx, 'backup.status', {})).toMatchObject({ daysSinceGood: 3, overdue: true, folder: null, problem: null });
  });
});
