import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { warsawYear } from '#core/time';
import { sha256Of } from '#db/blobStore';
import { onePagePdf, pngImage } from '#tests/support/pdfs';
import { call, createSender, letterInput, openDemoProfile, removeDir, signIn, stageScan, tempDir, unitId, profileDatabase } from '#tests/support/profile';
import { runKancelaria } from '#tests/support/processes';

// The admin CLI run as IT staff run it: `node bin/kancelaria.mjs …` as a child process, against
// a real profile on disk, tampered with directly in SQLite and on the file system.

const YEAR = warsawYear(new Date());
let base: string;
let work: string;
const blobsOfLetters: { sha256: string; number: string; fileName: string; bytes: Uint8Array }[] = [];

/** A fresh copy of the base profile for one tampering scenario. */
function copyProfile(name: string): string {
  const dir = join(work, name);
  cpSync(base, dir, { recursive: true });
  return dir;
}

function withDb<T>(dir: string, fn: (db: Database.Database) => T): T {
  const db = profileDatabase(dir, { write: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const blobPath = (dir: string, sha256: string) => join(dir, 'blobs', sha256.slice(0, 2), sha256);

beforeAll(async () => {
  work = tempDir('cli');
  // The demo office with its 5 demo letters, then 3 letters with scans: 8 numbers, 3 blobs.
  const p = openDemoProfile({ dir: join(work, 'base'), demoLetters: true });
  base = p.dir;
  await signIn(p.ctx, 'akowalska');
  const sender = await createSender(p.ctx, 'Wróblewska');
  const unit = await unitId(p.ctx, 'GK');
  const files = [
    { name: 'wniosek-1.pdf', bytes: await onePagePdf('Skan CLI 1') },
    { name: 'wniosek-2.pdf', bytes: await onePagePdf('Skan CLI 2') },
    { name: 'mapa.png', bytes: pngImage(7) },
  ];
  for (const [i, f] of files.entries()) {
    const staged = await stageScan(p.ctx, f.name, f.bytes);
    const letter = await call(p.ctx, 'intake.register', letterInput(sender.id, unit, { subject: `Pismo ze skanem ${i + 1}`, scans: [{ sha256: staged.sha256, fileName: f.name }] }));
    blobsOfLetters.push({ sha256: staged.sha256, number: letter.label, fileName: f.name, bytes: f.bytes });
  }
  p.close();
});

afterAll(() => removeDir(work));

describe('kancelaria --help and usage errors', () => {
  it('prints the Polish help with exit 0', () => {
    const r = runKancelaria(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('kancelaria jrwa import PLIK [--dry-run] [--profile KATALOG]');
    expect(r.stdout).toContain('kancelaria db check [--profile KATALOG] [--json]');
    expect(r.stdout).toContain('KANCELARIA_PROFILE');
    expect(r.stdout).toContain('Kody wyjścia');
  });

  it('refuses an unknown command, an unknown option and a missing profile with exit 2', () => {
    const unknown = runKancelaria(['db', 'napraw']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Nieznane polecenie: db napraw.');
    const option = runKancelaria(['db', 'check', '--force', '--profile', base]);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('Nieznana opcja: --force.');
    const wrongOption = runKancelaria(['db', 'check', '--dry-run', '--profile', base]);
    expect(wrongOption.status).toBe(2);
    expect(wrongOption.stderr).toContain('nie ma opcji --dry-run');
    const missing = runKancelaria(['db', 'check', '--profile', join(work, 'nie-ma')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Nie znaleziono profilu Kancelarii');
    expect(existsSync(join(work, 'nie-ma'))).toBe(false); // a check never creates a profile
  });

  it('takes the profile from KANCELARIA_PROFILE when --profile is not given', () => {
    const r = runKancelaria(['db', 'check'], { KANCELARIA_PROFILE: base });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Kontrola profilu: ${base}`);
  });
});

describe('kancelaria db check', () => {
  it('passes on a fresh demo profile with scans', () => {
    const r = runKancelaria(['db', 'check', '--profile', base]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`[OK]    RPW/${YEAR}: numery 1–8 bez luk i powtórzeń, licznik 8`);
    expect(r.stdout).toContain('[OK]    3 pliki, każdy zgodny ze swoim skrótem SHA-256');
    expect(r.stdout).toContain('[OK]    3 skany wskazują na znane pliki');
    expect(r.stdout).toMatch(/\[OK\] {4}\d+ zdarze(ń|nia), łańcuch skrótów nienaruszony/);
    expect(r.stdout).toContain('Wynik: wszystko w porządku.');
    expect(r.stdout).not.toContain('[BŁĄD]');
  });

  it('reports as JSON for scripts', () => {
    const r = runKancelaria(['db', 'check', '--json', '--profile', base]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; numbering: { scope: string; count: number; counterLast: number; gaps: unknown[] }[]; blobs: { rows: number; verified: number }; problems: string[] };
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.numbering).toEqual([expect.objectContaining({ scope: `RPW/${YEAR}`, count: 8, counterLast: 8, gaps: [] })]);
    expect(report.blobs).toMatchObject({ rows: 3, verified: 3 });
  });

  it('names the first changed event after the append-only trigger is dropped and a summary edited', () => {
    const dir = copyProfile('event');
    const seq = withDb(dir, (db) => {
      db.exec('DROP TRIGGER events_no_update');
      const target = db.prepare("SELECT seq FROM events WHERE action = 'correspondence.registered' ORDER BY seq LIMIT 1 OFFSET 2").pluck().get() as number;
      db.prepare('UPDATE events SET summary = ? WHERE seq = ?').run('Zarejestrowano przesyłkę (zmienione)', target);
      return target;
    });
    const r = runKancelaria(['db', 'check', '--profile', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`[BŁĄD]  zdarzenie nr ${seq}: treść zdarzenia zmieniona po zapisie`);
    expect(r.stdout).toContain('Wynik: znaleziono 1 problem.');
    const json = JSON.parse(runKancelaria(['db', 'check', '--json', '--profile', dir]).stdout) as { events: { firstBroken: { seq: number } } };
    expect(json.events.firstBroken.seq).toBe(seq);
  });

  it('names a deleted blob file and the letter it belongs to', () => {
    const dir = copyProfile('deleted-blob');
    const victim = blobsOfLetters[1];
    if (!victim) throw new Error('no blob');
    rmSync(blobPath(dir, victim.sha256));
    const r = runKancelaria(['db', 'check', '--profile', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`[BŁĄD]  brak pliku ${victim.sha256} (skan przesyłki ${victim.number})`);
    expect(r.stdout).toContain('[OK]    2 pliki zgodne ze skrótem SHA-256 (z 3)');
    expect(r.stdout).toContain('Wynik: znaleziono 1 problem.');
  });

  it('names a blob file whose bytes were overwritten', () => {
    const dir = copyProfile('changed-blob');
    const victim = blobsOfLetters[2];
    if (!victim) throw new Error('no blob');
    const replacement = pngImage(99);
    writeFileSync(blobPath(dir, victim.sha256), replacement);
    expect(sha256Of(replacement)).not.toBe(victim.sha256);
    const r = runKancelaria(['db', 'check', '--profile', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`[BŁĄD]  zawartość niezgodna ze skrótem SHA-256: ${victim.sha256} (skan przesyłki ${victim.number})`);
    expect(r.stdout).not.toContain(blobsOfLetters[0]?.sha256 ?? '-');
  });

  it('names the gap when a counter was bumped without a record', () => {
    const dir = copyProfile('gap');
    withDb(dir, (db) => db.prepare('UPDATE counters SET last = last + 2 WHERE scope = ?').run(`RPW/${YEAR}`));
    const r = runKancelaria(['db', 'check', '--profile', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`[BŁĄD]  RPW/${YEAR}: luka w numeracji — brak 2 numerów: 9–10.`);
    const json = JSON.parse(runKancelaria(['db', 'check', '--json', '--profile', dir]).stdout) as { numbering: { gaps: unknown[]; counterLast: number }[] };
    expect(json.numbering[0]).toMatchObject({ counterLast: 10, gaps: [{ from: 9, to: 10 }] });
  });

  it('names a gap in the middle of the register and a counter left behind', () => {
    const dir = copyProfile('middle-gap');
    withDb(dir, (db) => {
      // Renumber letter 4 to 12 (as a bad restore or a hand edit would): numbers 1–3, 5–8, 12.
      db.prepare('UPDATE correspondence SET seq = 12 WHERE register = ? AND year = ? AND seq = 4').run('RPW', YEAR);
    });
    const r = runKancelaria(['db', 'check', '--profile', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`RPW/${YEAR}: luka w numeracji — brak 4 numerów: 4, 9–11.`);
    expect(r.stdout).toContain(`RPW/${YEAR}: licznik wskazuje 8, a największy zapisany numer to 12`);
  });

  it('names a scan row whose blob row is gone', () => {
    const dir = copyProfile('unknown-blob');
    const victim = blobsOfLetters[0];
    if (!victim) throw new Error('no blob');
    withDb(dir, (db) => db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(victim.sha256));
    const r = runKancelaria(['db', 'check', '--profile', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`[BŁĄD]  skan „wniosek-1.pdf” przesyłki ${victim.number} wskazuje na nieznany plik ${victim.sha256}`);
    // The file is still on disk and now no row names it: a notice, not a second failure.
    expect(r.stdout).toContain('[UWAGA] 1 plik(ów) w katalogu skanów nie ma wpisu w bazie');
    expect(r.stdout).toContain('Wynik: znaleziono 1 problem.');
  });

  it('only notes blob files no row refers to, and passes', () => {
    const dir = copyProfile('orphan');
    const stray = pngImage(1234);
    const sha = sha256Of(stray);
    writeFileSync(join(dir, 'blobs', 'tmp', 'przerwany-zapis'), 'x');
    const strayDir = join(dir, 'blobs', sha.slice(0, 2));
    mkdirSync(strayDir, { recursive: true });
    writeFileSync(join(strayDir, sha), stray);
    const r = runKancelaria(['db', 'check', '--profile', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`[UWAGA] 1 plik(ów) w katalogu skanów nie ma wpisu w bazie`);
    expect(r.stdout).toContain(sha);
    expect(r.stdout).toContain('[UWAGA] 1 plik(ów) tymczasowych po przerwanym zapisie');
    expect(r.stdout).toContain('Wynik: wszystko w porządku.');
  });

  it('reports every kind of damage at once', () => {
    const dir = copyProfile('all');
    const [a, b] = blobsOfLetters;
    if (!a || !b) throw new Error('no blobs');
    withDb(dir, (db) => {
      db.exec('DROP TRIGGER events_no_update');
      db.prepare('UPDATE events SET summary = summary || ? WHERE seq = 3').run(' ');
      db.prepare('UPDATE counters SET last = last + 1').run();
    });
    rmSync(blobPath(dir, a.sha256));
    writeFileSync(blobPath(dir, b.sha256), 'nie ten plik');
    const r = runKancelaria(['db', 'check', '--profile', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('zdarzenie nr 3: treść zdarzenia zmieniona po zapisie');
    expect(r.stdout).toContain(`brak pliku ${a.sha256}`);
    expect(r.stdout).toContain(`zawartość niezgodna ze skrótem SHA-256: ${b.sha256}`);
    expect(r.stdout).toContain(`RPW/${YEAR}: luka w numeracji — brak numeru 9.`);
    expect(r.stdout).toContain('Wynik: znaleziono 4 problemy.');
  });
});

// Uploading the very same scan after its file was lost restores it (the blob row alone is not
// proof the bytes are there).
describe('kancelaria db check after a lost scan is uploaded again', () => {
  let dir: string;
  let victim: (typeof blobsOfLetters)[number];
  beforeAll(async () => {
    dir = copyProfile('restored-blob');
    const first = blobsOfLetters[0];
    if (!first) throw new Error('no blob');
    victim = first;
    rmSync(blobPath(dir, victim.sha256));
    expect(runKancelaria(['db', 'check', '--profile', dir]).status).toBe(1);
    const p = openDemoProfile({ dir });
    try {
      await signIn(p.ctx, 'akowalska');
      const staged = await stageScan(p.ctx, victim.fileName, victim.bytes);
      expect(staged.registeredAs.map((l) => l.label)).toEqual([victim.number]);
    } finally {
      p.close();
    }
  });

  it('finds the file restored and passes again', () => {
    expect(existsSync(blobPath(dir, victim.sha256))).toBe(true);
    expect(runKancelaria(['db', 'check', '--profile', dir]).status).toBe(0);
  });
});

describe('kancelaria jrwa import', () => {
  // Line numbers matter: the report must point at the line a person opens in the editor.
  const dirtyCsv = [
    'SYMBOL;NAZWA;KATARCHMACIERZYSTA;KATARCHINNA;KATARCHINNAOPIS', // 1
    '5;KADRY;;;', // 2
    '51;Ewidencja osobowa;;;', // 3
    '510;Akta osobowe;;;', // 4
    '5100;Akta osobowe pracowników;BE50;Bc;', // 5 good
    '5101;Akta osobowe stażystów;X10;;', // 6 bad category
    '5102;;A;;', // 7 no name
    '51A3;Błędny symbol;A;;', // 8 bad symbol
    '5100;Powtórzony symbol;A;;', // 9 duplicate of line 5
    '52;Szkolenia pracowników;;;', // 10 leaf without category
    '5104;Akta; osobowe;A;Bc;uwagi', // 11 separator inside an unquoted name
    '9912;Klasa bez przodków;A;Bc;', // 12 no ancestor in the file
    '5103;"Akta osobowe', // 13 quoted name over two lines, good
    'praktykantów";B10;;', // 14
    '5105;;A;;', // 15 no name
  ].join('\r\n');

  function jrwaRows(dir: string) {
    return withDb(dir, (db) => ({
      classes: db.prepare('SELECT symbol, name, category_owner AS owner, category_other AS other, is_leaf AS leaf FROM jrwa_classes ORDER BY symbol').all() as { symbol: string; name: string; owner: string | null; other: string | null; leaf: number }[],
      events: db.prepare("SELECT count(*) FROM events WHERE action = 'jrwa.imported'").pluck().get() as number,
      allEvents: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
      outbox: db.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
    }));
  }

  it('--dry-run prints every bad row with its line and symbol and changes nothing', () => {
    const dir = copyProfile('jrwa-dry');
    const file = join(work, 'jrwa-brudny.csv');
    writeFileSync(file, dirtyCsv);
    const before = jrwaRows(dir);
    const r = runKancelaria(['jrwa', 'import', file, '--dry-run', '--profile', dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const out = r.stdout;
    expect(out).toContain('próba, bez zapisu');
    expect(out).toContain('W imieniu: Grzegorz Szymański (gszymanski, administrator)');
    expect(out).toMatch(/wiersz 6 \(5101\): Kategoria archiwalna „X10” w polu KATARCHMACIERZYSTA klasy 5101 jest nieprawidłowa/);
    expect(out).toMatch(/wiersz 7 \(5102\): Brak nazwy klasy 5102/);
    expect(out).toMatch(/wiersz 8 \(51A3\): Symbol „51A3” jest nieprawidłowy/);
    expect(out).toMatch(/wiersz 9 \(5100\): Symbol 5100 powtarza się \(pierwsze wystąpienie: wiersz 5\)/);
    expect(out).toMatch(/wiersz 10 \(52\): Klasa 52 jest klasą końcową/);
    expect(out).toMatch(/wiersz 11 \(5104\): Wiersz ma 6 pól, a nagłówek 5/);
    expect(out).toMatch(/wiersz 12 \(9912\): Klasa 9912 nie ma w pliku klasy nadrzędnej 991/);
    expect(out).toMatch(/wiersz 15 \(5105\): Brak nazwy klasy 5105/);
    for (const good of [2, 3, 4, 5, 13, 14]) expect(out).not.toMatch(new RegExp(`wiersz ${good} \\(`));
    expect(out).toContain('Próba (nic nie zapisano): import przyjąłby 5 klas (nowe: 5, zmienione: 0); odrzucono 8 wierszy.');
    expect(jrwaRows(dir)).toEqual(before);
  });

  it('a real import stores the good rows, reports the bad ones and records the event', () => {
    const dir = copyProfile('jrwa-real');
    const file = join(work, 'jrwa-brudny-2.csv');
    writeFileSync(file, dirtyCsv);
    const before = jrwaRows(dir);
    const r = runKancelaria(['jrwa', 'import', file, '--profile', dir, '--user', 'mkaminski']);
    expect(r.status).toBe(1); // problems were found, though the good rows went in
    expect(r.stdout).toContain('W imieniu: Marek Kamiński (mkaminski, administrator)');
    expect(r.stdout).toContain('Zaimportowano 5 klas (nowe: 5, zmienione: 0); odrzucono 8 wierszy.');
    const after = jrwaRows(dir);
    expect(after.classes.length).toBe(before.classes.length + 5);
    const bySymbol = new Map(after.classes.map((c) => [c.symbol, c]));
    expect(bySymbol.get('5100')).toEqual({ symbol: '5100', name: 'Akta osobowe pracowników', owner: 'BE50', other: 'Bc', leaf: 1 });
    expect(bySymbol.get('5103')).toMatchObject({ name: 'Akta osobowe praktykantów', owner: 'B10', other: 'Bc', leaf: 1 });
    expect(bySymbol.get('510')).toMatchObject({ leaf: 0 });
    for (const bad of ['5101', '5102', '52', '5104', '9912', '5105']) expect(bySymbol.has(bad)).toBe(false);
    expect(after.events).toBe(before.events + 1);
    expect(after.outbox).toBe(before.outbox + 1);
    const actor = withDb(dir, (db) => db.prepare("SELECT actor_name FROM events WHERE action = 'jrwa.imported' ORDER BY seq DESC LIMIT 1").pluck().get());
    expect(actor).toBe('Marek Kamiński');

    // The import is visible to the app and the profile still checks out.
    const check = runKancelaria(['db', 'check', '--profile', dir]);
    expect(check.status).toBe(0);
  });

  it('a clean JSON file imports with exit 0; a second run updates instead of adding', () => {
    const dir = copyProfile('jrwa-clean');
    const file = join(work, 'jrwa.json');
    writeFileSync(
      file,
      JSON.stringify([
        { SYMBOL: '8', NAZWA: 'OŚWIATA', KATARCHMACIERZYSTA: '', KATARCHINNA: '' },
        { SYMBOL: '80', NAZWA: 'Sprawy szkół', KATARCHMACIERZYSTA: 'a', KATARCHINNA: 'bc' },
      ]),
    );
    const first = runKancelaria(['jrwa', 'import', file, '--profile', dir]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Zaimportowano 2 klasy (nowe: 2, zmienione: 0); odrzucono 0 wierszy.');
    expect(first.stdout).toContain('Ujednolicono zapis kategorii archiwalnych');
    const second = runKancelaria(['jrwa', 'import', file, '--profile', dir]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Zaimportowano 2 klasy (nowe: 0, zmienione: 2)');
    expect(jrwaRows(dir).classes.find((c) => c.symbol === '80')).toMatchObject({ owner: 'A', other: 'Bc' });
  });

  it('reads a CSV saved by Polish Excel in Windows-1250', () => {
    const dir = copyProfile('jrwa-cp1250');
    const file = join(work, 'jrwa-1250.csv');
    const text = 'SYMBOL;NAZWA;KATARCHMACIERZYSTA;KATARCHINNA;KATARCHINNAOPIS\r\n9;POMOC SPOŁECZNA;;;\r\n90;Świadczenia różne;BE5;;\r\n';
    // Windows-1250 bytes for the Polish letters used above.
    const cp1250: Record<string, number> = { Ł: 0xa3, Ś: 0x8c, ó: 0xf3, ż: 0xbf };
    writeFileSync(file, Buffer.from(Array.from(text).map((ch) => cp1250[ch] ?? ch.charCodeAt(0))));
    const r = runKancelaria(['jrwa', 'import', file, '--profile', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('odczytano go jako Windows-1250');
    expect(jrwaRows(dir).classes.find((c) => c.symbol === '90')?.name).toBe('Świadczenia różne');
    expect(jrwaRows(dir).classes.find((c) => c.symbol === '9')?.name).toBe('POMOC SPOŁECZNA');
  });

  it('says so when the profile has no administrator, and changes nothing', () => {
    const dir = copyProfile('jrwa-no-admin');
    withDb(dir, (db) => db.prepare("UPDATE users SET role = 'clerk' WHERE role = 'admin'").run());
    const file = join(work, 'jrwa-maly.json');
    writeFileSync(file, JSON.stringify([{ SYMBOL: '8', NAZWA: 'OŚWIATA' }, { SYMBOL: '80', NAZWA: 'Szkoły', KATARCHMACIERZYSTA: 'A' }]));
    const before = jrwaRows(dir);
    const r = runKancelaria(['jrwa', 'import', file, '--profile', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('W profilu nie ma żadnego użytkownika z rolą administratora');
    expect(jrwaRows(dir)).toEqual(before);
    const clerk = runKancelaria(['jrwa', 'import', file, '--profile', dir, '--user', 'tlukasik']);
    expect(clerk.status).toBe(1);
    expect(clerk.stderr).toContain('Tomasz Łukasik (tlukasik) ma rolę „referent”; import JRWA wykonuje administrator.');
  });

  it('a file that is not a JRWA list is refused as a whole with its Polish reason', () => {
    const dir = copyProfile('jrwa-garbage');
    const file = join(work, 'nie-jrwa.csv');
    writeFileSync(file, 'Imię;Nazwisko\r\nJan;Kowalski\r\n');
    const r = runKancelaria(['jrwa', 'import', file, '--profile', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Nie rozpoznano pliku jako wykazu akt.');
    const missing = runKancelaria(['jrwa', 'import', join(work, 'brak.csv'), '--profile', dir]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Nie ma pliku');
  });
});
