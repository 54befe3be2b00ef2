/**
 * The administrator's "Dziennik zdarzeń": the office's metryka newest first, by person, days
 * and words, a page at a time; and its hash chain checked end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callError, createSender, letterInput, openDemoProfile, signIn, unitId, type TestProfile } from '#tests/support/profile';

describe('the event log', () => {
  // Just after a winter midnight in Warsaw: 23:40 UTC on the 14th is 00:40 on the 15th there.
  let now = new Date('2026-01-14T23:40:00Z');
  let p: TestProfile;
  const labels: string[] = [];

  beforeAll(async () => {
    p = openDemoProfile({ clock: () => now });
    await signIn(p.ctx, 'akowalska');
    const sender = await createSender(p.ctx, 'Dziennikowa');
    const gk = await unitId(p.ctx, 'GK');
    for (let i = 0; i < 3; i++) {
      const l = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { subject: `Pismo ${String(i)} 100%_pewne`, receivedAt: new Date(now.getTime() - 60_000).toISOString() }));
      labels.push(l.label);
    }
    now = new Date('2026-01-16T09:00:00Z');
    await signIn(p.ctx, 'kzielinska');
    const people = await call(p.ctx, 'office.people', {});
    const first = (await call(p.ctx, 'inbox.summary', {})).toAssign[0]?.id ?? '';
    await call(p.ctx, 'dekretacja.assign', { itemIds: [first], userIds: [people.find((u) => u.login === 'tlukasik')?.id ?? ''], instruction: 'do_zalatwienia' });
    await signIn(p.ctx, 'gszymanski');
  });
  afterAll(() => p.close());

  it('is the administrator’s: a clerk is refused', async () => {
    await signIn(p.ctx, 'tlukasik');
    expect((await callError(p.ctx, 'admin.eventLog', {})).code).toBe('FORBIDDEN');
    await signIn(p.ctx, 'gszymanski');
  });

  it('newest first; by person; by the office’s days (Warsaw), whole days', async () => {
    const all = await call(p.ctx, 'admin.eventLog', {});
    expect(all.rows[0]?.summary).toMatch(/^Dekretacja /);
    expect(all.rows.map((r) => r.seq)).toEqual([...all.rows.map((r) => r.seq)].sort((a, b) => b - a));
    const people = await call(p.ctx, 'office.people', {});
    const head = await call(p.ctx, 'admin.eventLog', { actorId: people.find((u) => u.login === 'kzielinska')?.id ?? null });
    expect(head.rows.map((r) => r.actorName)).toEqual(['Katarzyna Zielińska']);
    // Registered on the 15th by the office's calendar, though still the 14th in UTC.
    const on15 = await call(p.ctx, 'admin.eventLog', { from: '2026-01-15', to: '2026-01-15' });
    expect(on15.rows.filter((r) => r.action === 'correspondence.registered')).toHaveLength(3);
    expect((await call(p.ctx, 'admin.eventLog', { from: '2026-01-14', to: '2026-01-14' })).rows).toEqual([]);
    expect((await call(p.ctx, 'admin.eventLog', { from: '2026-01-16' })).rows.map((r) => r.action)).toEqual(['correspondence.assigned']);
    const wrong = await callError(p.ctx, 'admin.eventLog', { from: '2026-01-16', to: '2026-01-15' });
    expect(wrong.fields?.to).toBe('Data „do” jest wcześniejsza niż data „od”. Popraw zakres dat.');
  });

  it('words match literally (a % or _ typed is not a wildcard); pages go back without repeating', async () => {
    const found = await call(p.ctx, 'admin.eventLog', { text: labels[1] ?? '' });
    expect(found.rows.map((r) => r.documentRef)).toContain(labels[1]);
    expect((await call(p.ctx, 'admin.eventLog', { text: '100%_pewne' })).rows).toHaveLength(3);
    expect((await call(p.ctx, 'admin.eventLog', { text: '100%x' })).rows).toEqual([]);
    const first = await call(p.ctx, 'admin.eventLog', { limit: 2 });
    expect(first.hasMore).toBe(true);
    const second = await call(p.ctx, 'admin.eventLog', { limit: 2, beforeSeq: first.rows.at(-1)?.seq ?? null });
    expect(second.rows.every((r) => r.seq < (first.rows.at(-1)?.seq ?? 0))).toBe(true);
  });

  it('the chain checks out end to end', async () => {
    const r = await call(p.ctx, 'admin.eventLogVerify', {});
    expect(r.firstBroken).toBeNull();
    expect(r.count).toBe((await call(p.ctx, 'admin.eventLog', { limit: 500 })).rows.length);
  });
});
