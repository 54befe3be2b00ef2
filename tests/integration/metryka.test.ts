import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, IncomingDetail } from '#core/contract';
import { call, callError, createSender, letterInput, openDemoProfile, signIn, unitId, type TestProfile } from '#tests/support/profile';

// The metryka sprawy printed from a real profile: a letter registered, assigned by the head,
// made into a case and started by the clerk — three people, each named with their position —
// then a second letter assigned by a substitute head in the absent head's name and added to the
// file, which the metryka must attribute to both ("w zastępstwie").
// The PDF is read back with poppler's tools and kept under artifacts/ for a person to look at.
const PDF_DIR = join(process.cwd(), 'artifacts', 'pdf');
const PNG_DIR = join(process.cwd(), 'artifacts', 'png');

function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** pdftotext's layout spaces and line breaks collapsed, so phrases can be looked for as written. */
function flat(value: string): string {
  return value.replace(/\s+/g, ' ');
}

describe('metryka sprawy as a PDF', () => {
  let now = new Date('2026-03-02T08:00:00Z');
  let p: TestProfile;
  let letter: IncomingDetail;
  let started: CaseDetail;
  let supplement: IncomingDetail;

  beforeAll(async () => {
    p = openDemoProfile({ clock: () => now });
    await signIn(p.ctx, 'akowalska');
    const sender = await createSender(p.ctx, 'Źródlańska');
    const gk = await unitId(p.ctx, 'GK');
    letter = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { subject: 'Wniosek o ustalenie warunków zabudowy, działka 45/7 w Żółtkach', receivedAt: '2026-03-02T07:30:00Z' }));

    await signIn(p.ctx, 'kzielinska');
    const clerk = (await call(p.ctx, 'session.demoUsers', {})).find((u) => u.login === 'tlukasik');
    const assigned = await call(p.ctx, 'dekretacja.assign', { itemIds: [letter.id], userIds: [clerk?.id ?? ''], instruction: 'do_zalatwienia' });
    expect(assigned.map((r) => r.ok)).toEqual([true]);

    now = new Date('2026-03-03T09:15:00Z');
    await signIn(p.ctx, 'tlukasik');
    const opened = await call(p.ctx, 'cases.open', { itemId: letter.id, jrwaSymbol: '6730', title: 'Warunki zabudowy — budynek gospodarczy, dz. 45/7, Żółtki', deadlineKind: 'kpa35-standard' });
    started = await call(p.ctx, 'cases.act', { id: opened.id, action: 'start', expectedRevision: opened.revision });

    const people = await call(p.ctx, 'session.demoUsers', {});
    const idOf = (login: string) => people.find((u) => u.login === login)?.id ?? '';
    await signIn(p.ctx, 'mkaminski');
    await call(p.ctx, 'substitutions.create', { substituteId: idOf('jnowak'), forUserId: idOf('kzielinska'), from: '2026-03-03', to: '2026-03-06' });
    await signIn(p.ctx, 'akowalska');
    supplement = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { subject: 'Uzupełnienie wniosku — mapa zasadnicza', receivedAt: '2026-03-03T08:45:00Z' }));
    await signIn(p.ctx, 'jnowak');
    const forHer = await call(p.ctx, 'dekretacja.assign', { itemIds: [supplement.id], userIds: [idOf('tlukasik')], instruction: 'do_zalatwienia', actingForId: idOf('kzielinska') });
    expect(forHer.map((r) => r.ok)).toEqual([true]);
    await signIn(p.ctx, 'tlukasik');
    started = await call(p.ctx, 'cases.linkItem', { caseId: started.id, itemId: supplement.id });
  });
  afterAll(() => p.close());

  it('lists every action with date, person and position, action and document, under the sign and title', async () => {
    const file = await call(p.ctx, 'cases.metrykaPdf', { id: started.id });
    expect(file.mime).toBe('application/pdf');
    expect(file.fileName).toBe(`metryka-${started.label}.pdf`);
    expect(started.label).toBe('GK.6730.1.2026');

    mkdirSync(PDF_DIR, { recursive: true });
    mkdirSync(PNG_DIR, { recursive: true });
    const path = join(PDF_DIR, 'metryka.pdf');
    writeFileSync(path, file.bytes);

    const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [path]))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    run('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '2', path, join(PNG_DIR, 'metryka')]);

    const text = flat(run('pdftotext', ['-layout', path, '-']));
    expect(text).toContain('Metryka sprawy');
    expect(text).toContain('GK.6730.1.2026');
    // At the top of the first page the title has the full width, so it is on one line.
    expect(text).toContain('Warunki zabudowy — budynek gospodarczy, dz. 45/7, Żółtki');
    expect(letter.label).toBe('RPW/1/2026');
    expect(text).toContain(letter.label);
    expect(text).toContain(supplement.label);
    // A position wraps in its narrow column, and -layout interleaves it with the cells beside
    // it; -raw keeps a cell's lines together, so "name, then position" is checked there.
    const cells = flat(run('pdftotext', ['-raw', path, '-']));
    for (const person of [
      'Anna Kowalska Podinspektor ds. kancelaryjnych',
      'Katarzyna Zielińska Kierownik Referatu Gospodarki Komunalnej i Przestrzennej',
      'Tomasz Łukasik Inspektor ds. planowania przestrzennego',
      'Jan Nowak Skarbnik Gminy, Kierownik Referatu Finansowego w zastępstwie: Katarzyna Zielińska',
    ]) {
      expect(text).toContain(person.split(' ').slice(0, 2).join(' '));
      expect(cells).toContain(person);
    }
    // Diacritics come through as text, not as boxes or lookalikes.
    for (const word of ['Zielińska', 'Łukasik', 'Żółtki', 'Rozpoczęto', 'Strona 1 z']) expect(text).toContain(word);
    expect(text).toContain('02.03.2026');
    expect(text).toContain('03.03.2026');
  });

  it('keeps the entries in the order of the log, one row each', async () => {
    const detail = await call(p.ctx, 'cases.get', { id: started.id });
    expect(detail.metryka.map((e) => e.action)).toEqual([
      'correspondence.registered',
      'correspondence.assigned',
      'case.opened',
      'correspondence.linked',
      'case.start',
      'correspondence.registered',
      'correspondence.assigned',
      'correspondence.linked',
      'case.itemLinked',
    ]);
    const file = await call(p.ctx, 'cases.metrykaPdf', { id: started.id });
    const path = join(PDF_DIR, 'metryka.pdf');
    writeFileSync(path, file.bytes);
    const text = flat(run('pdftotext', ['-raw', path, '-']));
    expect(text).toContain(`wpisów: ${String(detail.metryka.length)}`);
    // Each summary whole (-raw keeps a wrapped cell together), in the order of the log.
    const positions = detail.metryka.map((e) => text.indexOf(e.summary));
    expect(positions.every((x) => x >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('a clerk of another unit cannot print it', async () => {
    await signIn(p.ctx, 'edabrowska');
    expect((await callError(p.ctx, 'cases.metrykaPdf', { id: started.id })).code).toBe('CASE_NOT_FOUND');
  });
});
