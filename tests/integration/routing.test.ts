import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingDetail, Party, User } from '#core/contract';
import { call, callError, createSender, letterInput, openDemoProfile, signIn, unitId, type TestProfile } from '#tests/support/profile';

describe('przekazanie, return to the registry, substitutions, deadlines per clerk', () => {
  let now = new Date('2026-05-04T08:00:00Z');
  let p: TestProfile;
  let sender: Party;
  let users: User[];
  const user = (login: string) => users.find((u) => u.login === login) ?? users[0];
  const letter = async (subject: string, unit = 'GK'): Promise<IncomingDetail> => {
    await signIn(p.ctx, 'akowalska');
    return call(p.ctx, 'intake.register', letterInput(sender.id, await unitId(p.ctx, unit), { subject, receivedAt: new Date(now.getTime() - 60_000).toISOString() }));
  };

  beforeAll(async () => {
    p = openDemoProfile({ clock: () => now });
    await signIn(p.ctx, 'akowalska');
    sender = await createSender(p.ctx, 'Łazowska');
    users = await call(p.ctx, 'session.demoUsers', {});
  });
  afterAll(() => p.close());

  it('a head forwards a letter to another unit with a reason; it leaves GK and reaches FN', async () => {
    const l = await letter('Deklaracja na podatek od nieruchomości');
    await signIn(p.ctx, 'kzielinska');
    const noReason = await callError(p.ctx, 'dekretacja.forward', { itemId: l.id, toUnitId: await unitId(p.ctx, 'FN'), reason: '' });
    expect(noReason.code).toBe('INVALID_INPUT');
    const moved = await call(p.ctx, 'dekretacja.forward', { itemId: l.id, toUnitId: await unitId(p.ctx, 'FN'), reason: 'Sprawa podatkowa — właściwy Referat Finansowy' });
    expect(moved.unitSymbol).toBe('FN');
    expect(moved.events.at(-1)?.summary).toBe(`Przekazano ${l.label} do komórki FN: Sprawa podatkowa — właściwy Referat Finansowy`);
    expect((await call(p.ctx, 'inbox.summary', {})).toAssign.map((i) => i.id)).not.toContain(l.id);
    await signIn(p.ctx, 'jnowak');
    expect((await call(p.ctx, 'inbox.summary', {})).toAssign.map((i) => i.id)).toContain(l.id);
    // A clerk may not hand letters between units.
    await signIn(p.ctx, 'edabrowska');
    expect((await callError(p.ctx, 'dekretacja.forward', { itemId: l.id, toUnitId: await unitId(p.ctx, 'GK'), reason: 'Nie nasza sprawa' })).code).toBe('FORBIDDEN');
  });

  it('a head returns a misrouted letter to the registry; once a case exists it cannot be returned', async () => {
    const l = await letter('Wniosek o odpis aktu urodzenia');
    await signIn(p.ctx, 'kzielinska');
    const back = await call(p.ctx, 'dekretacja.returnToRegistry', { itemId: l.id, reason: 'Akta stanu cywilnego prowadzi USC' });
    expect(back.unitSymbol).toBe('OR');
    expect(back.events.at(-1)?.summary).toBe(`Zwrócono ${l.label} do kancelarii (OR) jako błędnie skierowane: Akta stanu cywilnego prowadzi USC`);
    const other = await letter('Wniosek o warunki zabudowy');
    await signIn(p.ctx, 'kzielinska');
    await call(p.ctx, 'dekretacja.assign', { itemIds: [other.id], userIds: [user('tlukasik')?.id ?? ''], instruction: 'do_zalatwienia' });
    await signIn(p.ctx, 'tlukasik');
    await call(p.ctx, 'cases.open', { itemId: other.id, jrwaSymbol: '6730', title: 'Warunki zabudowy', deadlineKind: 'kpa35-standard' });
    await signIn(p.ctx, 'kzielinska');
    expect((await callError(p.ctx, 'dekretacja.returnToRegistry', { itemId: other.id, reason: 'Jednak nie nasza' })).code).toBe('RETURN_CASE_OPENED');
  });

  it('a substitute head sees the absent head’s tray and assigns in her name; the history says so', async () => {
    await signIn(p.ctx, 'mkaminski'); // admin sets the substitution
    const sub = await call(p.ctx, 'substitutions.create', { substituteId: user('jnowak')?.id ?? '', forUserId: user('kzielinska')?.id ?? '', from: '2026-05-04', to: '2026-05-08' });
    expect([sub.substituteName, sub.forUserName, sub.active]).toEqual(['Jan Nowak', 'Katarzyna Zielińska', true]);
    const overlap = await callError(p.ctx, 'substitutions.create', { substituteId: user('jnowak')?.id ?? '', forUserId: user('kzielinska')?.id ?? '', from: '2026-05-06', to: '2026-05-10' });
    expect(overlap.code).toBe('SUBSTITUTION_OVERLAP');
    const l = await letter('Zgłoszenie awarii oświetlenia ulicznego');
    await signIn(p.ctx, 'jnowak');
    const tray = (await call(p.ctx, 'inbox.summary', {})).toAssign.find((i) => i.id === l.id);
    expect(tray?.forUserName).toBe('Katarzyna Zielińska');
    const ownName = await call(p.ctx, 'dekretacja.assign', { itemIds: [l.id], userIds: [user('tlukasik')?.id ?? ''], instruction: 'do_zalatwienia' });
    expect(ownName[0]?.ok).toBe(false); // Jan Nowak heads FN, not GK
    const asHer = await call(p.ctx, 'dekretacja.assign', { itemIds: [l.id], userIds: [user('tlukasik')?.id ?? ''], instruction: 'do_zalatwienia', actingForId: user('kzielinska')?.id ?? null });
    expect(asHer[0]?.ok).toBe(true);
    const assigned = await call(p.ctx, 'intake.get', { id: l.id });
    const last = assigned.events.at(-1);
    expect([last?.actorName, last?.onBehalfOfName]).toEqual(['Jan Nowak', 'Katarzyna Zielińska']);
    // The letter says where it is now: with whom, not only "zarejestrowana".
    expect(assigned.whereabouts).toEqual({ assignees: ['Tomasz Łukasik'], caseLabel: null });
    expect(l.whereabouts).toEqual({ assignees: [], caseLabel: null });
    // After the range the substitution gives nothing.
    now = new Date('2026-05-11T08:00:00Z');
    const later = await letter('Kolejne zgłoszenie');
    await signIn(p.ctx, 'jnowak');
    expect((await call(p.ctx, 'inbox.summary', {})).toAssign.map((i) => i.id)).not.toContain(later.id);
    now = new Date('2026-05-04T08:00:00Z');
  });

  it('a substitute clerk works the absent clerk’s case in his name', async () => {
    await signIn(p.ctx, 'tlukasik');
    const c = await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Sprawa prowadzona w zastępstwie', deadlineKind: 'kpa35-standard' });
    await signIn(p.ctx, 'mwojcik');
    expect((await callError(p.ctx, 'cases.get', { id: c.id })).code).toBe('CASE_NOT_FOUND'); // GK-I does not see GK
    await signIn(p.ctx, 'kzielinska');
    await call(p.ctx, 'substitutions.create', { substituteId: user('mwojcik')?.id ?? '', forUserId: user('tlukasik')?.id ?? '', from: '2026-05-04', to: '2026-05-05' });
    await signIn(p.ctx, 'mwojcik');
    expect((await call(p.ctx, 'inbox.summary', {})).myCases.map((x) => x.label)).toContain(c.label);
    const started = await call(p.ctx, 'cases.act', { id: c.id, action: 'start', expectedRevision: c.revision });
    expect(started.status).toBe('in_progress');
    expect(started.metryka.at(-1)).toMatchObject({ action: 'case.start', actorName: 'Magdalena Wójcik', onBehalfOfName: 'Tomasz Łukasik' });
  });

  it('a head sees per clerk how many cases are open, close to the term and overdue', async () => {
    await signIn(p.ctx, 'tlukasik');
    await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Zaświadczenie o przeznaczeniu działki', deadlineKind: 'certificate' });
    now = new Date('2026-05-13T08:00:00Z'); // 7 days from 4 May end on 11 May: overdue now
    await signIn(p.ctx, 'kzielinska');
    const view = await call(p.ctx, 'cases.overdueByClerk', {});
    const tomasz = view.find((v) => v.ownerName === 'Tomasz Łukasik');
    expect(tomasz).toMatchObject({ open: 3, overdue: 1 });
    expect(tomasz?.cases.map((c) => [c.title, c.deadline])).toContainEqual(['Zaświadczenie o przeznaczeniu działki', 'overdue']);
    await signIn(p.ctx, 'tlukasik');
    expect((await callError(p.ctx, 'cases.overdueByClerk', {})).code).toBe('FORBIDDEN');
  });

  it('"Do dekretacji" follows every change of a letter — registered, assigned, cancelled, corrected to another unit — and equals the rule read from scratch', async () => {
    const tray = async () => {
      await signIn(p.ctx, 'kzielinska');
      return (await call(p.ctx, 'inbox.summary', {})).toAssign.map((i) => i.id);
    };
    const waiting = await letter('Wniosek czekający na dekretację');
    const cancelled = await letter('Pismo zarejestrowane omyłkowo');
    const moved = await letter('Pismo do innej komórki', 'FN');
    expect(await tray()).toEqual(expect.arrayContaining([waiting.id, cancelled.id]));
    expect(await tray()).not.toContain(moved.id);
    await call(p.ctx, 'dekretacja.assign', { itemIds: [waiting.id], userIds: [user('tlukasik')?.id ?? ''], instruction: 'do_zalatwienia' });
    expect(await tray()).not.toContain(waiting.id);
    await signIn(p.ctx, 'akowalska');
    await call(p.ctx, 'intake.cancel', { id: cancelled.id, reason: 'Zarejestrowano dwa razy' });
    await call(p.ctx, 'intake.correct', { id: moved.id, expectedRevision: moved.revision, changes: { unitId: await unitId(p.ctx, 'GK') }, reason: 'Omyłka w komórce' });
    const after = await tray();
    expect(after).not.toContain(cancelled.id);
    expect(after).toContain(moved.id);
    // The table the triggers keep holds exactly what the rule says, over everything this file did.
    const db = p.ctx.store.sqlite;
    const kept = db.prepare('SELECT correspondence_id FROM awaiting_assignment ORDER BY 1').pluck().all();
    const rule = db
      .prepare(
        `SELECT c.id FROM correspondence c WHERE c.direction = 'in' AND c.status = 'registered'
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.correspondence_id = c.id AND a.state = 'active')
           AND NOT EXISTS (SELECT 1 FROM case_items ci WHERE ci.correspondence_id = c.id) ORDER BY 1`,
      )
      .pluck()
      .all();
    expect(kept).toEqual(rule);
    expect(kept.length).toBeGreaterThan(0);
  });
});
