import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEventChain } from '#db/eventLog';
import { warsawDate } from '#core/time';
import { call, callError, letterInput } from '#tests/support/profile';
import { workstation, login, unitOf, type Workstation } from '#tests/support/workstation';
import { SERVER_ENGINES, startServer, type ServerProcess } from '#tests/support/server';
import type { PullResponse } from '#sync/protocol/commands';

// Who holds what (issue "One command engine", scope): a replica holds the records of its
// person's units and nothing else — not after a letter is forwarded away, not the parties of
// other units' letters, not another person's records on a shared desk. Checked in the screens
// and in the SQLite file itself.

describe.each(SERVER_ENGINES)('each replica holds its person’s scope (%s)', (engine) => {
  let server: ServerProcess;
  let registry: Workstation;
  let head: Workstation;

  beforeAll(async () => {
    server = await startServer({ engine });
    registry = workstation(server.url);
    head = workstation(server.url);
    await login(registry, 'akowalska');
    await login(head, 'kzielinska');
  }, 120_000);
  afterAll(async () => {
    registry.close();
    head.close();
    await server.stop();
  });

  it('the directory travels only when it changed; a change reaches a replica at its next pull', async () => {
    const t = await server.login('akowalska');
    const clientId = crypto.randomUUID();
    const pull = (body: Record<string, unknown>) => server.call<PullResponse>('POST', '/sync/pull', { token: t.accessToken, body: { clientId, ...body } });
    const full = await pull({ cursor: null });
    expect(full.body.units.length).toBeGreaterThan(3);
    expect(full.body.settings).not.toBeNull();
    const digest = full.body.directoryDigest;
    expect(digest).toMatch(/^[\w-]{43}$/);
    // Nothing changed: no units, people, zastępstwa or settings, and a few hundred bytes in all.
    const again = await pull({ cursor: full.body.cursor, directoryDigest: digest });
    expect([again.body.units, again.body.users, again.body.substitutions, again.body.settings, again.body.directoryDigest]).toEqual([[], [], [], null, digest]);
    expect(JSON.stringify(again.body).length).toBeLessThan(1500);
    // A digest the server does not have (or none, from an older workstation): the whole directory.
    expect((await pull({ cursor: full.body.cursor, directoryDigest: 'inny' })).body.units).toHaveLength(full.body.units.length);
    expect((await pull({ cursor: full.body.cursor })).body.units).toHaveLength(full.body.units.length);

    // The head sets a zastępstwo: the directory is another one, and the registry's replica gets it.
    const idOf = (login: string) => String(head.ctx.store.sqlite.prepare('SELECT id FROM users WHERE login = ?').pluck().get(login));
    const today = warsawDate(new Date());
    const sub = await call(head.ctx, 'substitutions.create', { substituteId: idOf('jnowak'), forUserId: idOf('kzielinska'), from: today, to: today });
    expect((await call(head.ctx, 'sync.now', {})).rejected).toBe(0);
    const changed = await pull({ cursor: again.body.cursor, directoryDigest: digest });
    expect(changed.body.directoryDigest).not.toBe(digest);
    expect(changed.body.substitutions.map((s) => s.id)).toContain(sub.id);
    await call(registry.ctx, 'sync.now', {});
    expect(registry.ctx.store.sqlite.prepare('SELECT count(*) FROM substitutions WHERE id = ?').pluck().get(sub.id)).toBe(1);
    expect(registry.ctx.store.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'directory'").pluck().get()).toBe(changed.body.directoryDigest);
  });

  it('a letter forwarded GK → FN leaves the GK replicas at their next pull; FN’s get it with its history', async () => {
    const gkClerk = workstation(server.url);
    const finance = workstation(server.url);
    try {
      await login(gkClerk, 'tlukasik');
      await login(finance, 'edabrowska');
      const unit = { GK: await unitOf(registry, 'GK'), FN: await unitOf(registry, 'FN') };
      // A sender whose address travels only with her letters.
      const only = await call(registry.ctx, 'parties.create', { kind: 'person', firstName: 'Halina', lastName: 'Jedynaczka', street: 'ul. Cicha 1', postalCode: '99-999', city: 'Przykładowo' });
      const letter = await call(registry.ctx, 'intake.register', letterInput(only.id, unit.GK, { subject: 'Podatek od psa (omyłkowo do GK)' }));
      // FN's own mail of the day, registered after it.
      await call(registry.ctx, 'intake.register', letterInput(only.id, unit.FN, { subject: 'Deklaracja na podatek od psa' }));
      await call(registry.ctx, 'sync.now', {});
      for (const w of [gkClerk, finance, head]) await call(w.ctx, 'sync.now', {});
      const held = (w: Workstation) => ({
        letter: w.ctx.store.sqlite.prepare('SELECT count(*) FROM correspondence WHERE id = ?').pluck().get(letter.id),
        party: w.ctx.store.sqlite.prepare('SELECT count(*) FROM parties WHERE id = ?').pluck().get(only.id),
        metryka: w.ctx.store.sqlite.prepare('SELECT count(*) FROM events WHERE entity_id = ?').pluck().get(letter.id),
      });
      expect(held(gkClerk)).toEqual({ letter: 1, party: 1, metryka: 1 });
      // FN's people do not get GK's letters.
      expect(held(finance)).toEqual({ letter: 0, party: 1, metryka: 0 });

      await call(head.ctx, 'dekretacja.forward', { itemId: letter.id, toUnitId: unit.FN, reason: 'Podatki prowadzi Referat Finansowy' });
      expect((await call(head.ctx, 'sync.now', {})).rejected).toBe(0);
      await call(gkClerk.ctx, 'sync.now', {});
      await call(finance.ctx, 'sync.now', {});
      for (const w of [head, gkClerk]) {
        // Gone, and with it the sender nothing else in GK names.
        expect(held(w)).toEqual({ letter: 0, party: 0, metryka: 0 });
        expect((await callError(w.ctx, 'intake.get', { id: letter.id })).code).toBe('CORRESPONDENCE_NOT_FOUND');
        // The chain is linked again without the entries that left.
        expect(verifyEventChain(w.ctx.store).firstBroken).toBeNull();
      }
      expect(held(finance)).toEqual({ letter: 1, party: 1, metryka: 2 });
      const atFinance = await call(finance.ctx, 'intake.get', { id: letter.id });
      expect(atFinance.events.map((e) => e.action)).toEqual(['correspondence.registered', 'correspondence.forwarded']);
      expect(verifyEventChain(finance.ctx.store).firstBroken).toBeNull();
      // The letter's old entry came after newer ones; it took its place in the office's order. A
      // new FN workstation pulling in windows of two rows builds the very same chain.
      const fresh = workstation(server.url, { pullLimit: 2 });
      try {
        await login(fresh, 'edabrowska');
        const chain = (w: Workstation) => w.ctx.store.sqlite.prepare('SELECT seq, id, at, summary, prev_hash, hash, server_ordinal FROM events ORDER BY seq').all();
        expect(chain(fresh)).toEqual(chain(finance));
        expect(chain(fresh).length).toBeGreaterThan(2);
      } finally {
        fresh.close();
      }
    } finally {
      gkClerk.close();
      finance.close();
    }
  });

  it('on a shared workstation one person sees nothing of the other’s scope, in the screens or in the file', async () => {
    const shared = workstation(server.url);
    try {
      const fn = await unitOf(registry, 'FN');
      const taxpayer = await call(registry.ctx, 'parties.create', { kind: 'person', firstName: 'Roman', lastName: 'Podatnik', street: 'ul. Polna 3', postalCode: '99-999', city: 'Przykładowo' });
      const taxLetter = await call(registry.ctx, 'intake.register', letterInput(taxpayer.id, fn, { subject: 'Korekta deklaracji podatkowej' }));
      await call(registry.ctx, 'sync.now', {});
      // Ewa (FN) works at the desk first and leaves a command unsent.
      await login(shared, 'edabrowska');
      expect((await call(shared.ctx, 'intake.get', { id: taxLetter.id })).subject).toBe('Korekta deklaracji podatkowej');
      const waiting = await call(shared.ctx, 'cases.open', { itemId: null, jrwaSymbol: '3120', title: 'Sprawa Ewy, jeszcze nie wysłana', deadlineKind: 'kpa35-standard' });
      await call(shared.ctx, 'session.signOut', {});
      // Tomasz (GK) signs in at the same desk.
      await login(shared, 'tlukasik');
      const file = shared.ctx.store.sqlite;
      const count = (sql: string, ...args: unknown[]) => file.prepare(sql).pluck().get(...args);
      expect(count('SELECT count(*) FROM correspondence WHERE unit_id = ?', fn)).toBe(0);
      expect(count('SELECT count(*) FROM parties WHERE id = ?', taxpayer.id)).toBe(0);
      expect(count('SELECT count(*) FROM cases WHERE id = ?', waiting.id)).toBe(0);
      expect(count('SELECT count(*) FROM events WHERE entity_id IN (?, ?)', taxLetter.id, waiting.id)).toBe(0);
      expect(count('SELECT count(*) FROM pending_events')).toBe(0);
      expect((await callError(shared.ctx, 'intake.get', { id: taxLetter.id })).code).toBe('CORRESPONDENCE_NOT_FOUND');
      expect(await call(shared.ctx, 'sync.commands', {})).toEqual([]);
      expect(verifyEventChain(shared.ctx.store).firstBroken).toBeNull();
      // Ewa comes back: her replica again, her unsent case on top, then sent under her name.
      await call(shared.ctx, 'session.signOut', {});
      await login(shared, 'edabrowska');
      expect((await call(shared.ctx, 'cases.get', { id: waiting.id })).title).toBe('Sprawa Ewy, jeszcze nie wysłana');
      expect(count('SELECT count(*) FROM parties WHERE id = ?', taxpayer.id)).toBe(1);
      expect(await call(shared.ctx, 'sync.now', {})).toMatchObject({ pending: 0, rejected: 0 });
    } finally {
      shared.close();
    }
  });

  it('a substitution widens a clerk’s replica for its days; called off, the other unit’s records leave again', async () => {
    const clerk = workstation(server.url);
    const finance = workstation(server.url);
    try {
      await login(clerk, 'tlukasik');
      await login(finance, 'jnowak');
      const fn = await unitOf(registry, 'FN');
      const payer = await call(registry.ctx, 'parties.create', { kind: 'person', firstName: 'Olga', lastName: 'Płatnik', city: 'Przykładowo' });
      const taxLetter = await call(registry.ctx, 'intake.register', letterInput(payer.id, fn, { subject: 'Wniosek o rozłożenie podatku na raty' }));
      await call(registry.ctx, 'sync.now', {});
      await call(clerk.ctx, 'sync.now', {});
      const holds = () => clerk.ctx.store.sqlite.prepare('SELECT (SELECT count(*) FROM correspondence WHERE id = ?) + (SELECT count(*) FROM parties WHERE id = ?)').pluck().get(taxLetter.id, payer.id);
      expect(holds()).toBe(0);
      // FN's head is away today; the GK clerk stands in for him (set by FN's head).
      await call(finance.ctx, 'sync.now', {});
      const people = await call(finance.ctx, 'office.people', {});
      const who = (login: string) => people.find((p) => p.login === login)?.id ?? '';
      const today = warsawDate(new Date());
      const sub = await call(finance.ctx, 'substitutions.create', { substituteId: who('tlukasik'), forUserId: who('jnowak'), from: today, to: today });
      expect((await call(finance.ctx, 'sync.now', {})).rejected).toBe(0);
      await call(clerk.ctx, 'sync.now', {});
      // The FN letter registered before the substitution began is here now, with its sender.
      expect(holds()).toBe(2);
      expect((await call(clerk.ctx, 'intake.get', { id: taxLetter.id })).subject).toBe('Wniosek o rozłożenie podatku na raty');
      await call(finance.ctx, 'substitutions.cancel', { id: sub.id });
      expect((await call(finance.ctx, 'sync.now', {})).rejected).toBe(0);
      await call(clerk.ctx, 'sync.now', {});
      expect(holds()).toBe(0);
      expect(verifyEventChain(clerk.ctx.store).firstBroken).toBeNull();
    } finally {
      clerk.close();
      finance.close();
    }
  });
});
