/**
 * The administrator keeps the office's directory on a workstation without a server: a new
 * unit and a new person, who can sign in at once; a move, a new role; leaving refused while
 * the person still holds cases or letters, then allowed, and the picker no longer offers them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Directory } from '#core/contract';
import { call, callError, createSender, letterInput, openDemoProfile, signIn, unitId, type TestProfile } from '#tests/support/profile';

describe('people and units', () => {
  let p: TestProfile;
  let d: Directory;
  const person = () => d.people.find((x) => x.login === 'dnowy');

  beforeAll(async () => {
    p = openDemoProfile();
    await signIn(p.ctx, 'gszymanski');
  });
  afterAll(() => p.close());

  it('is the administrator’s', async () => {
    await signIn(p.ctx, 'kzielinska');
    expect((await callError(p.ctx, 'directory.list', {})).code).toBe('FORBIDDEN');
    expect((await callError(p.ctx, 'directory.addUnit', { symbol: 'GK-II', name: 'Drogi' })).code).toBe('FORBIDDEN');
    await signIn(p.ctx, 'gszymanski');
  });

  it('a new unit under GK; a missing name and a bad symbol are each said under their field', async () => {
    const gk = await unitId(p.ctx, 'GK');
    const both = await callError(p.ctx, 'directory.addUnit', { symbol: 'GK II', name: ' ', parentId: gk });
    expect(Object.keys(both.fields ?? {})).toEqual(['name']);
    const symbol = await callError(p.ctx, 'directory.addUnit', { symbol: 'GK II', name: 'Drogi', parentId: gk });
    expect(symbol.fields?.symbol).toMatch(/GK II/);
    d = await call(p.ctx, 'directory.addUnit', { symbol: 'GK-II', name: 'Stanowisko ds. dróg', parentId: gk });
    expect(d.units.find((u) => u.symbol === 'GK-II')).toMatchObject({ name: 'Stanowisko ds. dróg', parentId: gk, active: true });
  });

  it('a new clerk signs in at once and sees the new unit’s letters', async () => {
    const unit = d.units.find((u) => u.symbol === 'GK-II')?.id ?? '';
    const taken = await callError(p.ctx, 'directory.addPerson', { login: 'tlukasik', fullName: 'Tomasz Łukasik II', position: '', role: 'clerk', unitId: unit });
    expect(taken.fields?.login).toBe('Login „tlukasik” jest już zajęty. Wybierz inny, np. z drugą literą imienia.');
    d = await call(p.ctx, 'directory.addPerson', { login: 'DNowy', fullName: 'Dariusz Nowy', position: 'Inspektor ds. dróg', role: 'clerk', unitId: unit });
    expect(person()).toMatchObject({ login: 'dnowy', active: true });
    expect((await call(p.ctx, 'session.demoUsers', {})).map((u) => u.login)).toContain('dnowy');
    const list = await call(p.ctx, 'admin.eventLog', { limit: 2 });
    expect(list.rows.map((r) => r.summary)).toEqual(['Dodano pracownika Dariusz Nowy (login dnowy), rola referent, komórka GK-II', 'Dodano komórkę GK-II — Stanowisko ds. dróg (podległa GK)']);
    // The registry sends him a letter; he has it in his tray.
    await signIn(p.ctx, 'akowalska');
    const sender = await createSender(p.ctx, 'Drogowa');
    const letter = await call(p.ctx, 'intake.register', letterInput(sender.id, unit, { subject: 'Dziura w drodze gminnej' }));
    await signIn(p.ctx, 'kzielinska');
    const r = await call(p.ctx, 'dekretacja.assign', { itemIds: [letter.id], userIds: [person()?.id ?? ''], instruction: 'do_zalatwienia' });
    expect(r[0]?.ok).toBe(true);
    await signIn(p.ctx, 'dnowy');
    expect((await call(p.ctx, 'inbox.summary', {})).mine.map((x) => x.subject)).toEqual(['Dziura w drodze gminnej']);
  });

  it('leaving is refused while he holds a letter; the administrator cannot demote himself nor leave', async () => {
    await signIn(p.ctx, 'gszymanski');
    const me = d.people.find((x) => x.login === 'gszymanski');
    const self = await callError(p.ctx, 'directory.changePerson', { id: me?.id ?? '', fullName: me?.fullName ?? '', position: me?.position ?? '', role: 'clerk', unitId: me?.unitId ?? '', active: true });
    expect(self.fields?.role).toBe('Nie możesz odebrać sobie roli administratora ani oznaczyć siebie jako osoby, która odeszła. Poproś o to innego administratora.');
    const p0 = person();
    if (!p0) throw new Error('no person');
    const leaving = await callError(p.ctx, 'directory.changePerson', { ...p0, active: false });
    expect(leaving.fields?.active).toBe('Dariusz Nowy ma jeszcze otwarte sprawy (0) i pisma w skrzynce (1). Przekaż je innym osobom (zmiana prowadzącego, dekretacja), zanim ta osoba odejdzie lub zmieni komórkę.');
    // The unit cannot close while he works in it.
    const unit = d.units.find((u) => u.symbol === 'GK-II');
    const closing = await callError(p.ctx, 'directory.changeUnit', { id: unit?.id ?? '', name: unit?.name ?? '', parentId: unit?.parentId ?? null, active: false });
    expect(closing.code).toBe('DIRECTORY_UNIT_NOT_EMPTY');
  });

  it('given another role he becomes head of GK-II; once his letter is done he may leave, and the picker no longer offers him', async () => {
    const p0 = person();
    if (!p0) throw new Error('no person');
    d = await call(p.ctx, 'directory.changePerson', { ...p0, role: 'head', position: 'Kierownik stanowiska' });
    expect(person()).toMatchObject({ role: 'head', position: 'Kierownik stanowiska' });
    expect((await call(p.ctx, 'admin.eventLog', { limit: 1 })).rows[0]?.summary).toBe('Zmieniono dane pracownika Dariusz Nowy (login dnowy): stanowisko: Kierownik stanowiska, rola: kierownik');
    // He forwards his letter to GK (the head's dekretacja is done with it), then leaves.
    await signIn(p.ctx, 'dnowy');
    const mine = (await call(p.ctx, 'inbox.summary', {})).mine[0];
    await call(p.ctx, 'dekretacja.forward', { itemId: mine?.id ?? '', toUnitId: await unitId(p.ctx, 'GK'), reason: 'sprawa referatu' });
    await signIn(p.ctx, 'gszymanski');
    d = await call(p.ctx, 'directory.changePerson', { ...(person() ?? p0), active: false });
    expect(person()?.active).toBe(false);
    expect((await call(p.ctx, 'session.demoUsers', {})).map((u) => u.login)).not.toContain('dnowy');
    const unit = d.units.find((u) => u.symbol === 'GK-II');
    d = await call(p.ctx, 'directory.changeUnit', { id: unit?.id ?? '', name: unit?.name ?? '', parentId: unit?.parentId ?? null, active: false });
    expect(d.units.find((u) => u.symbol === 'GK-II')?.active).toBe(false);
    expect((await call(p.ctx, 'office.units', {})).map((u) => u.symbol)).not.toContain('GK-II');
  });
});
