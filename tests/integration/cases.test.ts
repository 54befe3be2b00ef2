import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseDetail, IncomingDetail, Party } from '#core/contract';
import { verifyEventChain } from '#db/eventLog';
import { call, callError, createSender, letterInput, openDemoProfile, signIn, unitId, type TestProfile } from '#tests/support/profile';

const ARTIFACTS = join(process.cwd(), 'artifacts', 'pdf');

describe('a department works its mail as cases', () => {
  // The office clock is set by the test: the register and sign years follow it.
  let now = new Date('2026-03-02T08:00:00Z');
  let p: TestProfile;
  let sender: Party;
  let first: IncomingDetail;
  let second: IncomingDetail;
  let opened: CaseDetail;
  const year = 2026;

  beforeAll(async () => {
    p = openDemoProfile({ clock: () => now });
    await signIn(p.ctx, 'akowalska');
    sender = await createSender(p.ctx, 'Żurawska');
    const gk = await unitId(p.ctx, 'GK');
    first = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { subject: 'Wniosek o warunki zabudowy, dz. 12/3', receivedAt: '2026-03-02T07:30:00Z' }));
    second = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { subject: 'Uzupełnienie wniosku o warunki zabudowy', receivedAt: '2026-03-02T07:45:00Z' }));
  });
  afterAll(() => p.close());

  it('the head of GK sees both letters to assign and assigns them in one go', async () => {
    await signIn(p.ctx, 'kzielinska');
    const inbox = await call(p.ctx, 'inbox.summary', {});
    expect(inbox.toAssign.map((i) => i.label)).toEqual([first.label, second.label]);
    const clerk = (await call(p.ctx, 'session.demoUsers', {})).find((u) => u.login === 'tlukasik');
    const results = await call(p.ctx, 'dekretacja.assign', { itemIds: [first.id, second.id], userIds: [clerk?.id ?? ''], instruction: 'do_zalatwienia', deadline: '2026-03-20', note: 'Proszę o pilne rozpatrzenie' });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect((await call(p.ctx, 'inbox.summary', {})).toAssign).toEqual([]);
    const history = (await call(p.ctx, 'intake.get', { id: first.id })).events.at(-1);
    expect(history?.summary).toBe(`Dekretacja ${first.label}: Tomasz Łukasik — do załatwienia, termin 20.03.2026 (Proszę o pilne rozpatrzenie)`);
    expect(history?.actorName).toBe('Katarzyna Zielińska');
  });

  it('a clerk cannot assign; the clerk finds the letters in "Moje"', async () => {
    await signIn(p.ctx, 'tlukasik');
    const refused = await call(p.ctx, 'dekretacja.assign', { itemIds: [first.id], userIds: [p.ctx.session.user?.id ?? ''], instruction: 'do_wiadomosci' });
    expect(refused[0]?.ok).toBe(false);
    const inbox = await call(p.ctx, 'inbox.summary', {});
    expect(inbox.mine.map((i) => [i.label, i.instruction, i.deadline, i.assignedByName])).toEqual([
      [first.label, 'do_zalatwienia', '2026-03-20', 'Katarzyna Zielińska'],
      [second.label, 'do_zalatwienia', '2026-03-20', 'Katarzyna Zielińska'],
    ]);
  });

  it('opens a case from the first letter with a sign from the spis spraw and a KPA deadline', async () => {
    const nonLeaf = await callError(p.ctx, 'cases.open', { itemId: first.id, jrwaSymbol: '673', title: 'Warunki zabudowy', deadlineKind: 'kpa35-standard' });
    expect(nonLeaf.code).toBe('CASE_JRWA_NOT_LEAF');
    opened = await call(p.ctx, 'cases.open', { itemId: first.id, jrwaSymbol: '6730', title: 'Warunki zabudowy dla działki 12/3', deadlineKind: 'kpa35-standard' });
    expect(opened.label).toBe(`GK.6730.1.${String(year)}`);
    expect(opened.startedOn).toBe('2026-03-02');
    // KPA art. 35 §3 with art. 57 §3: one month from 2 March 2026 is 2 April 2026 (a Thursday).
    expect(opened.dueOn).toBe('2026-04-02');
    expect(opened.deadlineBasis).toContain('art. 35');
    expect(opened.parties.map((x) => [x.name, x.role])).toEqual([[sender.name, 'wnioskodawca']]);
    expect(opened.items.map((i) => [i.label, i.initiating])).toEqual([[first.label, true]]);
    expect((await call(p.ctx, 'inbox.summary', {})).mine.map((i) => i.label)).toEqual([second.label]);
  });

  it('links the second letter to the case; it cannot start another case', async () => {
    const linked = await call(p.ctx, 'cases.linkItem', { caseId: opened.id, itemId: second.id });
    expect(linked.items.map((i) => i.label)).toEqual([first.label, second.label]);
    const again = await callError(p.ctx, 'cases.open', { itemId: second.id, jrwaSymbol: '6730', title: 'Druga sprawa', deadlineKind: 'kpa35-standard' });
    expect(again).toMatchObject({ code: 'CASE_ITEM_IN_CASE', message: `To pismo jest już w aktach sprawy GK.6730.1.${String(year)}. Otwórz tę sprawę zamiast zakładać nową.` });
    opened = linked;
  });

  it('signs are gap-free: a refused opening leaves no hole; a sub-unit numbers its own spis', async () => {
    const bad = await callError(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Sprawa z nieznaną stroną', deadlineKind: 'kpa35-standard', partyIds: [crypto.randomUUID()] });
    expect(bad.code).toBe('PARTY_NOT_FOUND');
    const next = await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Sprawa z urzędu', deadlineKind: 'kpa35-complicated' });
    expect(next.label).toBe(`GK.6730.2.${String(year)}`);
    await signIn(p.ctx, 'mwojcik');
    const sub = await call(p.ctx, 'cases.open', { jrwaSymbol: '6733', title: 'Lokalizacja inwestycji celu publicznego — oświetlenie', deadlineKind: 'kpa35-standard' });
    expect(sub.label).toBe(`GK-I.6733.1.${String(year)}`);
  });

  it('a new year starts every spis spraw at 1 again (office calendar, Europe/Warsaw)', async () => {
    await signIn(p.ctx, 'tlukasik');
    now = new Date('2026-12-31T22:30:00Z'); // 23:30 in Warsaw: still 2026
    expect((await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Ostatnia sprawa roku', deadlineKind: 'certificate' })).label).toBe('GK.6730.3.2026');
    now = new Date('2026-12-31T23:30:00Z'); // 00:30 on 1 January in Warsaw
    expect((await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Pierwsza sprawa roku', deadlineKind: 'certificate' })).label).toBe('GK.6730.1.2027');
    now = new Date('2026-03-03T08:00:00Z');
  });

  it('status rules: start, suspend (deadline stops), resume (deadline moves), close; refusals in Polish', async () => {
    let c = await call(p.ctx, 'cases.act', { id: opened.id, action: 'start', expectedRevision: opened.revision });
    expect(c.status).toBe('in_progress');
    const noReason = await callError(p.ctx, 'cases.act', { id: c.id, action: 'suspend', expectedRevision: c.revision });
    expect(noReason.code).toBe('CASE_REASON_REQUIRED');
    c = await call(p.ctx, 'cases.act', { id: c.id, action: 'suspend', expectedRevision: c.revision, reason: 'Oczekiwanie na uzgodnienie z zarządcą drogi' });
    expect([c.status, c.deadline, c.dueOn]).toEqual(['suspended', 'suspended', null]);
    now = new Date('2026-03-13T08:00:00Z'); // resumed ten days later
    c = await call(p.ctx, 'cases.act', { id: c.id, action: 'resume', expectedRevision: c.revision });
    expect(c.status).toBe('in_progress');
    // Suspended 3–12 March (10 days, art. 35 §5): 2 April + 10 days = 12 April, a Sunday → 13 April.
    expect([c.suspendedDays, c.dueOn]).toEqual([10, '2026-04-13']);
    const closeTwice = await call(p.ctx, 'cases.act', { id: c.id, action: 'close', expectedRevision: c.revision });
    expect(closeTwice.status).toBe('closed');
    const cancel = await callError(p.ctx, 'cases.act', { id: c.id, action: 'cancel', expectedRevision: closeTwice.revision, reason: 'Pomyłka' });
    expect(cancel.code).toBe('CASE_CANCEL_HEAD_ONLY');
    const stale = await callError(p.ctx, 'cases.act', { id: c.id, action: 'reopen', expectedRevision: c.revision, reason: 'Nowe fakty' });
    expect(stale.code).toBe('CASE_STALE_REVISION');
    opened = closeTwice;
  });

  it('the metryka records every action on the case and its letters, in order, with who did it', async () => {
    const c = await call(p.ctx, 'cases.get', { id: opened.id });
    expect(c.metryka.map((e) => e.action)).toEqual([
      'correspondence.registered',
      'correspondence.registered',
      'correspondence.assigned',
      'correspondence.assigned',
      'case.opened',
      'correspondence.linked',
      'correspondence.linked',
      'case.itemLinked',
      'case.start',
      'case.suspend',
      'case.resume',
      'case.close',
    ]);
    expect(c.metryka.find((e) => e.action === 'case.suspend')).toMatchObject({ actorName: 'Tomasz Łukasik', actorPosition: 'Inspektor ds. planowania przestrzennego' });
    expect(verifyEventChain(p.ctx.store).firstBroken).toBeNull();
  });

  it('the spis spraw lists the cases in sign order, with the legal columns, as a PDF', async () => {
    const gk = await unitId(p.ctx, 'GK');
    const rows = await call(p.ctx, 'cases.register', { unitId: gk, jrwaSymbol: '6730', year });
    expect(rows.map((r) => [r.seq, r.label, r.fromWhom])).toEqual([
      [1, 'GK.6730.1.2026', sender.name],
      [2, 'GK.6730.2.2026', null],
      [3, 'GK.6730.3.2026', null],
    ]);
    const file = (await call(p.ctx, 'cases.registerPdf', { unitId: gk, jrwaSymbol: '6730', year })) as { bytes: Uint8Array };
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'spis-spraw-GK-6730-2026.pdf');
    writeFileSync(path, file.bytes);
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
    expect(text).toContain('Spis spraw GK.6730 — 2026');
    expect(text).toContain('GK.6730.1.2026');
    expect(text).toContain('Żurawska');
    expect(text).toContain('Ustalanie warunków zabudowy');
  });

  it('another unit cannot see the case', async () => {
    await signIn(p.ctx, 'edabrowska');
    expect((await callError(p.ctx, 'cases.get', { id: opened.id })).code).toBe('CASE_NOT_FOUND');
  });

  it('the head hands the case to another clerk with a reason; notes and opinions go into the metryka', async () => {
    await signIn(p.ctx, 'kzielinska');
    let c = await call(p.ctx, 'cases.get', { id: opened.id });
    // Closed in the test above: the head opens it again to go on.
    if (c.status === 'closed') c = await call(p.ctx, 'cases.act', { id: c.id, action: 'reopen', reason: 'dalsze postępowanie', expectedRevision: c.revision });
    const people = await call(p.ctx, 'office.people', {});
    const other = people.find((u) => u.login === 'mwojcik') ?? people.find((u) => u.role === 'clerk' && u.unitSymbol.startsWith('GK') && u.login !== 'tlukasik');
    const noReason = await callError(p.ctx, 'cases.changeOwner', { id: c.id, ownerId: other?.id ?? '', reason: '  ', expectedRevision: c.revision });
    expect(noReason.message).toContain('Podaj powód zmiany prowadzącego.');
    c = await call(p.ctx, 'cases.changeOwner', { id: c.id, ownerId: other?.id ?? '', reason: 'urlop prowadzącego', expectedRevision: c.revision });
    expect(c.ownerName).toBe(other?.fullName);
    c = await call(p.ctx, 'cases.addNote', { caseId: c.id, kind: 'opinion', text: 'Proszę uzupełnić analizę urbanistyczną.' });
    const tail = c.metryka.slice(-2).map((e) => e.summary);
    expect(tail).toEqual([`Zmiana prowadzącego: Tomasz Łukasik → ${other?.fullName ?? ''}. Powód: urlop prowadzącego`, 'Opinia: Proszę uzupełnić analizę urbanistyczną.']);
    // A clerk asks the head; the former owner no longer writes the case's notes.
    await signIn(p.ctx, 'tlukasik');
    expect((await callError(p.ctx, 'cases.addNote', { caseId: c.id, kind: 'note', text: 'Telefon od strony.' })).code).toMatch(/^CASE_NOT_(YOURS|FOUND)$/);
    expect(verifyEventChain(p.ctx.store).firstBroken).toBeNull();
  });
});
