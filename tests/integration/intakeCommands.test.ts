import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { IncomingDetail, Party } from '#core/contract';
import { verifyEventChain } from '#db/eventLog';
import { call, callError, createSender, letterInput, openDemoProfile, signIn, stageScan, tempDir, unitId, type TestProfile, profileDatabase } from '#tests/support/profile';
import { onePagePdf } from '#tests/support/pdfs';

describe('corrections, cancellation and late scans keep the register honest', () => {
  let p: TestProfile;
  let sender: Party;
  let gk: string;
  let fn: string;
  let letter: IncomingDetail;

  beforeAll(async () => {
    p = openDemoProfile();
    await signIn(p.ctx, 'akowalska');
    sender = await createSender(p.ctx, 'Wąsowska');
    gk = await unitId(p.ctx, 'GK');
    fn = await unitId(p.ctx, 'FN');
    letter = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { subject: 'Wniosek o wycinkę drzewa' }));
  });
  afterAll(() => p.close());

  it('attaches a later scan to a registered letter and records it', async () => {
    const scan = await stageScan(p.ctx, 'druga-strona.pdf', await onePagePdf('Druga strona wniosku'));
    const after = await call(p.ctx, 'intake.attachScans', { id: letter.id, scans: [{ sha256: scan.sha256, fileName: scan.fileName }] });
    expect(after.scans.map((s) => s.fileName)).toEqual(['druga-strona.pdf']);
    expect(after.revision).toBe(letter.revision + 1);
    expect(after.events.at(-1)?.summary).toBe(`Dołączono skan do ${letter.label}: druga-strona.pdf`);
    const again = await callError(p.ctx, 'intake.attachScans', { id: letter.id, scans: [{ sha256: scan.sha256, fileName: 'kopia.pdf' }] });
    expect(again.code).toBe('SCAN_ALREADY_ATTACHED');
    expect(again.message).toBe(`Skan „kopia.pdf” jest już dołączony do przesyłki ${letter.label}.`);
    letter = after;
  });

  it('corrects with a reason, names the changed fields, keeps the number', async () => {
    const fixed = await call(p.ctx, 'intake.correct', { id: letter.id, expectedRevision: letter.revision, changes: { subject: 'Wniosek o usunięcie drzewa (klon)', unitId: fn }, reason: 'Błędnie przepisany temat i komórka' });
    expect(fixed.label).toBe(letter.label);
    expect(fixed.subject).toBe('Wniosek o usunięcie drzewa (klon)');
    expect(fixed.unitSymbol).toBe('FN');
    expect(fixed.events.at(-1)?.summary).toBe(`Korekta ${letter.label} (subject, unitId): Błędnie przepisany temat i komórka`);
    // A second clerk still holding the old revision is told to refresh, not silently overwritten.
    const stale = await callError(p.ctx, 'intake.correct', { id: letter.id, expectedRevision: letter.revision, changes: { subject: 'Inny temat' }, reason: 'Poprawka' });
    expect(stale.code).toBe('STALE_REVISION');
    const same = await callError(p.ctx, 'intake.correct', { id: letter.id, expectedRevision: fixed.revision, changes: { subject: fixed.subject }, reason: 'Nic' });
    expect(same.code).toBe('NOTHING_CHANGED');
    const noReason = await callError(p.ctx, 'intake.correct', { id: letter.id, expectedRevision: fixed.revision, changes: { subject: 'X' }, reason: '' });
    expect(noReason.code).toBe('INVALID_INPUT');
    expect(noReason.message).toContain('Powód: Podaj powód korekty.');
    letter = fixed;
  });

  it('cancels: the number stays, the row stays, nothing more can change', async () => {
    const cancelled = await call(p.ctx, 'intake.cancel', { id: letter.id, reason: 'Pismo zarejestrowane dwukrotnie' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.label).toBe(letter.label);
    expect(cancelled.cancelReason).toBe('Pismo zarejestrowane dwukrotnie');
    expect((await callError(p.ctx, 'intake.cancel', { id: letter.id, reason: 'Jeszcze raz' })).code).toBe('ALREADY_CANCELLED');
    expect((await callError(p.ctx, 'intake.correct', { id: letter.id, expectedRevision: cancelled.revision, changes: { subject: 'Y' }, reason: 'Próba' })).code).toBe('ALREADY_CANCELLED');
    const list = await call(p.ctx, 'register.list', { filter: { text: 'klon' }, sort: { by: 'number', dir: 'desc' }, offset: 0, limit: 10 });
    expect(list.rows.map((r) => [r.label, r.status])).toEqual([[letter.label, 'cancelled']]);
    const hidden = await call(p.ctx, 'register.list', { filter: { text: 'klon', includeCancelled: false }, sort: { by: 'number', dir: 'desc' }, offset: 0, limit: 10 });
    expect(hidden.total).toBe(0);
    // The next letter gets the next number: a cancelled one is never reused.
    const next = await call(p.ctx, 'intake.register', letterInput(sender.id, gk));
    expect(next.seq).toBe((letter.seq ?? 0) + 1);
    expect(verifyEventChain(p.ctx.store).firstBroken).toBeNull();
  });

  it('the printed register is in register-number order, whatever the screen is sorted by', async () => {
    const subjects = ['Zażalenie na hałas', 'Analiza wody', 'Mapa zasadnicza'];
    for (const subject of subjects) await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { subject }));
    // The screen may be sorted by subject; the printout does not ask it.
    const file = (await call(p.ctx, 'register.pdf', { filter: { text: 'Wąsowska' } })) as { bytes: Uint8Array };
    const path = join(tempDir('rejestr'), 'rejestr.pdf');
    writeFileSync(path, file.bytes);
    const numbers = [...execFileSync('pdftotext', ['-layout', path, '-']).toString().matchAll(/RPW\/(\d+)\/\d{4}/g)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThanOrEqual(subjects.length);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('the database itself refuses to delete a letter or rewrite history', () => {
    const raw = profileDatabase(p.dir, { write: true });
    try {
      expect(() => raw.prepare('DELETE FROM correspondence WHERE id = ?').run(letter.id)).toThrow(/never deleted/);
      expect(() => raw.prepare("UPDATE events SET summary = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
      expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    } finally {
      raw.close();
    }
  });
});

describe('who sees what in the register', () => {
  let p: TestProfile;
  beforeAll(async () => {
    p = openDemoProfile();
    await signIn(p.ctx, 'akowalska');
    const sender = await createSender(p.ctx);
    for (const symbol of ['GK', 'GK-I', 'FN', 'USC']) {
      await call(p.ctx, 'intake.register', letterInput(sender.id, await unitId(p.ctx, symbol), { subject: `Pismo do ${symbol}` }));
    }
  });
  afterAll(() => p.close());

  const visible = async () =>
    (await call(p.ctx, 'register.list', { filter: {}, sort: { by: 'number', dir: 'asc' }, offset: 0, limit: 50 })).rows.map((r) => r.unitSymbol);

  it('the registry office sees the whole register', async () => {
    await signIn(p.ctx, 'akowalska');
    expect(await visible()).toEqual(['GK', 'GK-I', 'FN', 'USC']);
  });

  it('a head of GK sees GK and its sub-unit GK-I, a clerk of FN only FN', async () => {
    await signIn(p.ctx, 'kzielinska');
    expect(await visible()).toEqual(['GK', 'GK-I']);
    await signIn(p.ctx, 'edabrowska');
    expect(await visible()).toEqual(['FN']);
  });

  it('a clerk cannot open another unit’s letter, register, correct or cancel', async () => {
    await signIn(p.ctx, 'akowalska');
    const usc = (await call(p.ctx, 'register.list', { filter: { text: 'USC' }, sort: { by: 'number', dir: 'asc' }, offset: 0, limit: 5 })).rows[0];
    expect(usc?.unitSymbol).toBe('USC');
    await signIn(p.ctx, 'edabrowska');
    const denied = await callError(p.ctx, 'intake.get', { id: usc?.id ?? '' });
    expect(denied).toMatchObject({ code: 'NOT_IN_YOUR_UNIT', message: 'Ta przesyłka nie jest przydzielona do Twojej komórki.' });
    expect((await callError(p.ctx, 'intake.cancel', { id: usc?.id ?? '', reason: 'Nie moja' })).code).toBe('FORBIDDEN');
    expect((await callError(p.ctx, 'documents.receipt', { id: usc?.id ?? '' })).code).toBe('NOT_IN_YOUR_UNIT');
    expect((await call(p.ctx, 'intake.findByLabel', { label: usc?.label ?? '' })).id).toBeNull();
  });
});
