import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend } from '#backend/context';
import { fail } from '#core/errors';
import { dispatch } from '#core/services/dispatch';
import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { readSettings } from '#core/admin/settings';
import { makeTestPki } from '#tests/support/certificates';
import { makeTrustedList } from '#tests/support/trustedList';
import { warsawDate } from '#core/time';
import { call, signWithP12, callError, letterInput, removeDir, stageScan, tempDir } from '#tests/support/profile';
import { pngImage } from '#tests/support/pdfs';
import { workstation, login, type Workstation } from '#tests/support/workstation';
import { DEMO_PASSWORD, SERVER_ENGINES, startServer, type ServerProcess, serverFetch, serverCaFor } from '#tests/support/server';
import { startFaultProxy } from '#tests/support/faultProxy';

// One server process, real workstation profiles syncing with it over loopback: provisional
// labels at once, final numbers from the server, the quarantine for a refused command, and the
// other workstation seeing what the first did.

describe.each(SERVER_ENGINES)('workstations sync through the central server (%s)', (engine) => {
  let server: ServerProcess;
  let registry: Workstation;
  let head: Workstation;

  beforeAll(async () => {
    server = await startServer({ engine });
    registry = workstation(server.url);
    head = workstation(server.url);
  }, 120_000);
  afterAll(async () => {
    registry.close();
    head.close();
    await server.stop();
  });

  it('the demo picker is gone: a password signs in, a wrong one is refused in Polish', async () => {
    expect(await call(registry.ctx, 'session.demoUsers', {})).toEqual([]);
    const wrong = await callError(registry.ctx, 'session.login', { login: 'akowalska', password: 'zle' });
    expect(wrong.message).toMatch(/login|hasło/i);
    const user = await login(registry, 'akowalska');
    expect(user.fullName).toBe('Anna Kowalska');
    // The first sync brought the office's directory and JRWA.
    expect((await call(registry.ctx, 'office.units', {})).map((u) => u.symbol)).toContain('GK');
    expect((await call(registry.ctx, 'admin.jrwaList', {})).length).toBeGreaterThan(10);
  });

  it('registers with a provisional label at once; the push brings the final number', async () => {
    const sender = await call(registry.ctx, 'parties.create', { kind: 'person', firstName: 'Zofia', lastName: 'Żurawska', street: 'ul. Łąkowa 5', postalCode: '99-999', city: 'Przykładowo' });
    const units = await call(registry.ctx, 'office.units', {});
    const gk = units.find((u) => u.symbol === 'GK')?.id ?? '';
    const scan = await stageScan(registry.ctx, 'wniosek.png', pngImage(7));
    const letter = await call(registry.ctx, 'intake.register', { ...letterInput(sender.id, gk, { subject: 'Wniosek o warunki zabudowy' }), scans: [{ sha256: scan.sha256, fileName: 'wniosek.png' }] });
    expect(letter.label).toMatch(/^RPW\/tymcz\.\/[0-9A-Z]{4}$/);
    expect((await call(registry.ctx, 'sync.status', {}))?.pending).toBe(2);

    const status = await call(registry.ctx, 'sync.now', {});
    expect([status.pending, status.rejected, status.state]).toEqual([0, 0, 'online']);
    const after = await call(registry.ctx, 'intake.get', { id: letter.id });
    expect(after.label).toBe(`RPW/1/${String(new Date().getFullYear())}`);
    // The receipt's provisional label still finds it.
    expect((await call(registry.ctx, 'intake.findByLabel', { label: letter.label })).id).toBe(letter.id);
  });

  it('a head on another workstation sees the letter (and its scan) and assigns it; the registry sees that', async () => {
    await login(head, 'kzielinska');
    const inbox = await call(head.ctx, 'inbox.summary', {});
    const item = inbox.toAssign.find((x) => x.subject === 'Wniosek o warunki zabudowy');
    expect(item?.label).toBe(`RPW/1/${String(new Date().getFullYear())}`);
    // The scan was not here: it comes from the server when opened, byte for byte.
    const letter = await call(head.ctx, 'intake.get', { id: item?.id ?? '' });
    const sha = letter.scans[0]?.sha256 ?? '';
    expect(head.ctx.blobs.has(sha)).toBe(false);
    const file = (await call(head.ctx, 'scans.blob', { sha256: sha })) as { bytes: Uint8Array };
    expect(Buffer.from(file.bytes).equals(Buffer.from(pngImage(7)))).toBe(true);
    expect(head.ctx.blobs.has(sha)).toBe(true);
    expect((await call(head.ctx, 'session.current', {})).sync?.state).toBe('online');
    const people = head.ctx.store.sqlite.prepare("SELECT id FROM users WHERE login = 'tlukasik'").pluck().get() as string;
    const [assigned] = await call(head.ctx, 'dekretacja.assign', { itemIds: [item?.id ?? ''], userIds: [people], instruction: 'do_zalatwienia' });
    expect(assigned?.ok).toBe(true);
    expect((await call(head.ctx, 'sync.now', {})).pending).toBe(0);
    await call(registry.ctx, 'sync.now', {});
    const seen = await call(registry.ctx, 'intake.get', { id: item?.id ?? '' });
    expect(seen.events.map((e) => e.summary).join('\n')).toContain('Dekretacja RPW/1/');
  });

  it('the replica’s revision (what refreshes open screens) moves when a command, a push or a pull changes it, never on an empty round', async () => {
    await registry.ctx.sync?.syncNow();
    const quiet = registry.ctx.store.revision();
    await registry.ctx.sync?.syncNow();
    expect(registry.ctx.store.revision()).toBe(quiet);
    const read = await dispatch(registry.ctx, 'office.units', {});
    expect([read.ok, read.revision]).toEqual([true, quiet]);

    const headBefore = head.ctx.store.revision();
    const made = await dispatch(head.ctx, 'parties.create', { kind: 'person', firstName: 'Ewa', lastName: 'Rewizyjna', street: 'ul. Krótka 1', postalCode: '99-999', city: 'Przykładowo' });
    expect([made.ok, made.revision]).toEqual([true, headBefore + 1]);
    await head.ctx.sync?.syncNow();
    expect(head.ctx.store.revision()).toBeGreaterThan(headBefore + 1);

    await registry.ctx.sync?.syncNow();
    expect(registry.ctx.store.revision()).toBeGreaterThan(quiet);
    expect((await call(registry.ctx, 'parties.search', { q: 'Rewizyjna', limit: 5 })).length).toBe(1);
  });

  it('a two-page scan is two pages on the workstation that receives it', async () => {
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Strona 1');
    doc.addPage().drawText('Strona 2');
    const scan = await stageScan(registry.ctx, 'dwie-strony.pdf', await doc.save());
    expect(scan.pageCount).toBe(2);
    const gk = (await call(registry.ctx, 'office.units', {})).find((u) => u.symbol === 'GK')?.id ?? '';
    const sender = (await call(registry.ctx, 'parties.search', { q: 'Żurawska', limit: 1 }))[0]?.id ?? '';
    const letter = await call(registry.ctx, 'intake.register', { ...letterInput(sender, gk, { subject: 'Wniosek na dwóch stronach' }), scans: [{ sha256: scan.sha256, fileName: 'dwie-strony.pdf' }] });
    expect((await call(registry.ctx, 'sync.now', {})).rejected).toBe(0);
    await call(head.ctx, 'sync.now', {});
    expect((await call(head.ctx, 'intake.get', { id: letter.id })).scans.map((x) => x.pageCount)).toEqual([2]);
  });

  it('the clerk opens a case from the letter, links another and works it; a stale action is quarantined', async () => {
    const clerk = workstation(server.url);
    try {
      await login(clerk, 'tlukasik');
      const mine = (await call(clerk.ctx, 'inbox.summary', {})).mine.find((x) => x.subject === 'Wniosek o warunki zabudowy');
      expect(mine).toBeDefined();
      const opened = await call(clerk.ctx, 'cases.open', { itemId: mine?.id ?? null, jrwaSymbol: '6730', title: 'Warunki zabudowy — Żytnia 4', deadlineKind: 'kpa35-standard' });
      expect(opened.label).toMatch(/^GK\.6730\.tymcz\.[0-9A-Z]{4}$/);
      await call(clerk.ctx, 'sync.now', {});
      const year = String(new Date().getFullYear());
      const c = await call(clerk.ctx, 'cases.get', { id: opened.id });
      expect(c.label).toBe(`GK.6730.1.${year}`);
      // A second letter, registered by the registry, joins the file.
      const units = await call(registry.ctx, 'office.units', {});
      const sender = (await call(registry.ctx, 'parties.search', { q: 'Żurawska', limit: 1 }))[0]?.id ?? '';
      const second = await call(registry.ctx, 'intake.register', letterInput(sender, units.find((u) => u.symbol === 'GK')?.id ?? '', { subject: 'Uzupełnienie wniosku' }));
      await call(registry.ctx, 'sync.now', {});
      await call(clerk.ctx, 'sync.now', {});
      await call(clerk.ctx, 'cases.linkItem', { caseId: opened.id, itemId: second.id });
      let now = await call(clerk.ctx, 'cases.act', { id: opened.id, action: 'start', expectedRevision: c.revision });
      now = await call(clerk.ctx, 'cases.act', { id: opened.id, action: 'suspend', expectedRevision: now.revision, reason: 'Czekamy na opinię konserwatora' });
      expect((await call(clerk.ctx, 'sync.now', {})).rejected).toBe(0);
      // The head, on another workstation, sees the case suspended with both letters.
      await call(head.ctx, 'sync.now', {});
      const seen = await call(head.ctx, 'cases.get', { id: opened.id });
      expect([seen.status, seen.items.length]).toEqual(['suspended', 2]);
      // Both act on the same revision while apart: the server takes the first, quarantines the second.
      await call(head.ctx, 'cases.act', { id: opened.id, action: 'resume', expectedRevision: seen.revision });
      await call(clerk.ctx, 'cases.act', { id: opened.id, action: 'resume', expectedRevision: now.revision });
      await call(head.ctx, 'sync.now', {});
      const late = await call(clerk.ctx, 'sync.now', {});
      expect(late.rejected).toBe(1);
      expect((await call(clerk.ctx, 'sync.commands', {}))[0]?.reason).toBe(fail('CASE_STALE_REVISION').message);
    } finally {
      clerk.close();
    }
  });

  it('the case file travels: a party taken off, a document in the akta and an opinion asked reach the head, who opens and answers', async () => {
    const clerk = workstation(server.url);
    try {
      await login(clerk, 'tlukasik');
      const sender = (await call(clerk.ctx, 'parties.search', { q: 'Żurawska', limit: 1 }))[0]?.id ?? '';
      let c = await call(clerk.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Akta w drodze', deadlineKind: 'kpa35-standard', partyIds: [sender] });
      c = await call(clerk.ctx, 'cases.removeParty', { caseId: c.id, partyId: sender, reason: 'pomyłka przy zakładaniu' });
      const pdf = await PDFDocument.create();
      pdf.addPage();
      const bytes = await pdf.save();
      const staged = await call(clerk.ctx, 'cases.stageDocument', { fileName: 'protokol.pdf' }, { size: bytes.length, bytes: () => bytes });
      c = await call(clerk.ctx, 'cases.addDocument', { caseId: c.id, sha256: staged.sha256, fileName: 'protokol.pdf', title: 'Protokół oględzin' });
      const headId = c.opinionColleagues.find((x) => x.fullName === 'Katarzyna Zielińska')?.id ?? '';
      await call(clerk.ctx, 'cases.requestOpinion', { caseId: c.id, askedOf: headId, question: 'Czy wystarczy?' });
      expect((await call(clerk.ctx, 'sync.now', {})).rejected).toBe(0);

      await call(head.ctx, 'sync.now', {});
      const seen = await call(head.ctx, 'cases.get', { id: c.id });
      expect(seen.parties).toEqual([]);
      expect(seen.documents.map((d) => d.title)).toEqual(['Protokół oględzin']);
      // The file was never on this workstation: it comes from the server, whole.
      const file = await call(head.ctx, 'cases.document', { caseId: c.id, documentId: seen.documents[0]?.id ?? '' });
      expect(Buffer.from(file.bytes).equals(Buffer.from(bytes))).toBe(true);
      expect((await call(head.ctx, 'inbox.summary', {})).toOpine.map((x) => x.question)).toContain('Czy wystarczy?');
      await call(head.ctx, 'cases.addNote', { caseId: c.id, kind: 'opinion', text: 'Wystarczy.' });
      expect((await call(head.ctx, 'sync.now', {})).rejected).toBe(0);
      await call(clerk.ctx, 'sync.now', {});
      const back = await call(clerk.ctx, 'cases.get', { id: c.id });
      expect(back.opinionRequests[0]?.answeredAt).not.toBeNull();
      expect(back.metryka.map((e) => e.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/^Usunięto stronę: .*Żurawska.* \(strona\)\. Powód: pomyłka przy zakładaniu$/), 'Opinia: Wystarczy.']));
    } finally {
      clerk.close();
    }
  });

  it('the administrator adds a person, moves another and adds a JRWA class on a workstation: the server takes them for the office, and the moved person signs in again', async () => {
    const admin = workstation(server.url);
    const moved = workstation(server.url);
    try {
      await login(admin, 'gszymanski');
      await login(moved, 'mwojcik');
      const d = await call(admin.ctx, 'directory.list', {});
      const gk = d.units.find((u) => u.symbol === 'GK')?.id ?? '';
      const mw = d.people.find((p) => p.login === 'mwojcik');
      if (!mw) throw new Error('no mwojcik');
      await call(admin.ctx, 'directory.addPerson', { login: 'dnowy', fullName: 'Dariusz Nowy', position: 'Inspektor', role: 'clerk', unitId: gk });
      // In the same push, a command on the person the one before added: the push's commands
      // share their reads of the directory, and a command that changes it makes the next read it again.
      const dn = (await call(admin.ctx, 'directory.list', {})).people.find((p) => p.login === 'dnowy');
      if (!dn) throw new Error('no dnowy');
      await call(admin.ctx, 'directory.changePerson', { ...dn, position: 'Starszy inspektor' });
      await call(admin.ctx, 'directory.changePerson', { ...mw, unitId: gk, position: 'Inspektor ds. inwestycji' });
      // A class of the wykaz corrected by hand travels too, with the next (not only a full) pull.
      await call(admin.ctx, 'admin.jrwaSave', { symbol: '674', name: 'Gospodarka nieruchomościami', categoryOwner: 'B10' });
      expect((await call(admin.ctx, 'sync.now', {})).rejected).toBe(0);
      // Every workstation's directory has him; he has no password until IT gives him one.
      await call(head.ctx, 'sync.now', {});
      expect((await call(head.ctx, 'office.people', {})).find((p) => p.login === 'dnowy')).toMatchObject({ fullName: 'Dariusz Nowy', position: 'Starszy inspektor', unitSymbol: 'GK' });
      expect((await call(head.ctx, 'admin.jrwaList', {})).find((c) => c.symbol === '674')).toMatchObject({ name: 'Gospodarka nieruchomościami', categoryOwner: 'B10', isLeaf: true });
      expect((await server.call('POST', '/auth/login', { body: { login: 'dnowy', password: DEMO_PASSWORD, clientName: 'test' }, ip: '10.40.0.1' })).status).toBe(401);
      // Her unit changed: her session ended, and the workstation asks her to sign in again.
      expect((await call(moved.ctx, 'sync.status', {}))?.signedIn).toBe(true);
      await dispatch(moved.ctx, 'sync.now', {});
      expect((await call(moved.ctx, 'sync.status', {}))?.signedIn).toBe(false);
      await login(moved, 'mwojcik');
      expect((await call(moved.ctx, 'session.current', {})).user?.unitSymbol).toBe('GK');
    } finally {
      admin.close();
      moved.close();
    }
  });

  it('corrections, cancellations, forwarding and substitutions reach every workstation under the same rules', async () => {
    const finance = workstation(server.url);
    const clerk = workstation(server.url);
    try {
      await login(finance, 'jnowak');
      await login(clerk, 'tlukasik');
      const units = await call(registry.ctx, 'office.units', {});
      const unit = (symbol: string) => units.find((u) => u.symbol === symbol)?.id ?? '';
      const sender = (await call(registry.ctx, 'parties.search', { q: 'Żurawska', limit: 1 }))[0]?.id ?? '';
      const tax = await call(registry.ctx, 'intake.register', letterInput(sender, unit('GK'), { subject: 'Deklaracja podatkowa (omyłkowo do GK)' }));
      const wrong = await call(registry.ctx, 'intake.register', letterInput(sender, unit('GK'), { subject: 'Pismo zarejestrowane dwa razy' }));
      await call(registry.ctx, 'sync.now', {});
      // The registry corrects one and cancels the other (numbers kept).
      const fixed = await call(registry.ctx, 'intake.get', { id: tax.id });
      await call(registry.ctx, 'intake.correct', { id: tax.id, expectedRevision: fixed.revision, changes: { subject: 'Deklaracja na podatek od nieruchomości' }, reason: 'Pełny tytuł z pisma' });
      await call(registry.ctx, 'intake.cancel', { id: wrong.id, reason: 'Zarejestrowano dwa razy' });
      expect((await call(registry.ctx, 'sync.now', {})).rejected).toBe(0);
      // The GK head forwards the tax letter to FN; FN's head sees it with its whole history.
      await call(head.ctx, 'sync.now', {});
      expect((await call(head.ctx, 'intake.get', { id: wrong.id })).status).toBe('cancelled');
      await call(head.ctx, 'dekretacja.forward', { itemId: tax.id, toUnitId: unit('FN'), reason: 'Sprawy podatkowe prowadzi Referat Finansowy' });
      expect((await call(head.ctx, 'sync.now', {})).rejected).toBe(0);
      await call(finance.ctx, 'sync.now', {});
      const atFinance = await call(finance.ctx, 'intake.get', { id: tax.id });
      expect(atFinance.subject).toBe('Deklaracja na podatek od nieruchomości');
      const history = atFinance.events.map((e) => e.action);
      expect(history).toEqual(expect.arrayContaining(['correspondence.registered', 'correspondence.corrected', 'correspondence.forwarded']));
      // A zastępstwo set by the GK head lets the clerk assign GK's mail in her name — on the server too.
      const today = warsawDate(new Date());
      const kz = head.ctx.store.sqlite.prepare("SELECT id FROM users WHERE login = 'kzielinska'").pluck().get() as string;
      const tl = head.ctx.store.sqlite.prepare("SELECT id FROM users WHERE login = 'tlukasik'").pluck().get() as string;
      await call(head.ctx, 'substitutions.create', { substituteId: tl, forUserId: kz, from: today, to: today });
      const letter = await call(registry.ctx, 'intake.register', letterInput(sender, unit('GK'), { subject: 'Pismo na czas zastępstwa' }));
      await call(registry.ctx, 'sync.now', {});
      await call(head.ctx, 'sync.now', {});
      await call(clerk.ctx, 'sync.now', {});
      const [done] = await call(clerk.ctx, 'dekretacja.assign', { itemIds: [letter.id], userIds: [tl], instruction: 'do_zalatwienia', actingForId: kz });
      expect(done?.ok).toBe(true);
      expect((await call(clerk.ctx, 'sync.now', {})).rejected).toBe(0);
      await call(registry.ctx, 'sync.now', {});
      const summary = (await call(registry.ctx, 'intake.get', { id: letter.id })).events.at(-1);
      expect(summary?.onBehalfOfName).toBe('Katarzyna Zielińska');
    } finally {
      finance.close();
      clerk.close();
    }
  });

  it('a decision is drafted, approved and signed on different workstations; the registry sends it', async () => {
    const clerk = workstation(server.url);
    const pki = makeTestPki();
    try {
      await login(clerk, 'tlukasik');
      const party = (await call(clerk.ctx, 'parties.search', { q: 'Żurawska', limit: 1 }))[0];
      const c = await call(clerk.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy — wiata', deadlineKind: 'kpa35-standard', partyIds: [party?.id ?? ''] });
      let d = await call(clerk.ctx, 'decisions.create', { caseId: c.id, typeCode: 'WZ' });
      d = await call(clerk.ctx, 'decisions.save', { id: d.id, expectedVersion: 1, content: { ...d.content, subject: 'budowa budynku gospodarczego na działce nr 7/2', applicationDate: '2026-04-02', date: warsawDate(new Date()), ruling: 'Ustalam warunki zabudowy dla wiaty.', justification: 'Teren spełnia warunki.', signatoryName: 'Katarzyna Zielińska', signatoryPosition: 'Kierownik Referatu' } });
      await call(clerk.ctx, 'decisions.submit', { id: d.id });
      expect((await call(clerk.ctx, 'sync.now', {})).rejected).toBe(0);

      await call(head.ctx, 'sync.now', {});
      expect((await call(head.ctx, 'decisions.toApprove', {})).map((x) => x.id)).toContain(d.id);
      await call(head.ctx, 'decisions.review', { id: d.id, outcome: 'approved' });
      const [signed] = await signWithP12(head.ctx, [d.id], Buffer.from(pki.rsa.p12).toString('base64'), pki.rsa.password);
      const year = new Date().getFullYear();
      expect([signed?.ok, signed?.label]).toEqual([true, `1/${String(year)}`]);
      expect((await call(head.ctx, 'sync.now', {})).rejected).toBe(0);

      // The clerk sees it signed and gets the very file the head signed.
      await call(clerk.ctx, 'sync.now', {});
      const seen = await call(clerk.ctx, 'decisions.get', { id: d.id });
      expect([seen.status, seen.number]).toEqual(['signed', `1/${String(year)}`]);
      const mine = (await call(clerk.ctx, 'decisions.pdf', { id: d.id })) as { bytes: Uint8Array };
      const theirs = (await call(head.ctx, 'decisions.pdf', { id: d.id })) as { bytes: Uint8Array };
      expect(Buffer.from(mine.bytes).equals(Buffer.from(theirs.bytes))).toBe(true);

      // The registry sends it by registered post: the outgoing number comes from the server.
      await call(registry.ctx, 'sync.now', {});
      const [item] = (await call(registry.ctx, 'dispatch.awaiting', {})).filter((x) => x.decisionId === d.id);
      const sent = await call(registry.ctx, 'dispatch.send', { itemId: item?.id ?? '', channel: 'registered', trackingNumber: 'RR123456785PL', dispatchedOn: warsawDate(new Date()) });
      expect(sent.label).toMatch(/^WYCH\/tymcz\.\//);
      await call(registry.ctx, 'sync.now', {});
      const list = await call(registry.ctx, 'outgoing.list', { from: warsawDate(new Date()), to: warsawDate(new Date()) });
      expect(list.find((r) => r.id === sent.id)?.label).toBe(`WYCH/1/${String(year)}`);
      await call(clerk.ctx, 'sync.now', {});
      expect((await call(clerk.ctx, 'decisions.get', { id: d.id })).dispatch.map((x) => [x.status, x.outgoingNumber])).toEqual([['dispatched', `WYCH/1/${String(year)}`]]);

      // The return receipt comes back: recorded at the registry, decided by the server, seen by another desk.
      const today = warsawDate(new Date());
      await call(registry.ctx, 'outgoing.recordDelivery', { id: sent.id, record: { kind: 'delivered', on: today, to: 'addressee' } });
      expect((await call(registry.ctx, 'sync.now', {})).rejected).toBe(0);
      await call(head.ctx, 'sync.now', {});
      const [row] = (await call(head.ctx, 'outgoing.list', { from: today, to: today })).filter((r) => r.id === sent.id);
      expect(row?.delivered).toEqual({ on: today, deemed: false, basis: 'art. 42 § 1 k.p.a.' });
    } finally {
      clerk.close();
    }
  });

  it('a workstation that cannot reach the server says so in Polish at sign-in', async () => {
    const lonely = workstation('http://127.0.0.1:9/');
    try {
      const e = await callError(lonely.ctx, 'session.login', { login: 'kzielinska', password: DEMO_PASSWORD });
      expect(e.message).toBe('Nie można połączyć się z serwerem urzędu (http://127.0.0.1:9/). Pracujesz bez połączenia: zmiany zostaną wysłane, gdy serwer będzie dostępny.');
    } finally {
      lonely.close();
    }
  });

  it('the administrator’s settings and template wording reach every workstation', async () => {
    const admin = workstation(server.url);
    try {
      await login(admin, 'gszymanski');
      const settings = await call(admin.ctx, 'admin.settings', {});
      await call(admin.ctx, 'admin.updateSettings', { ...settings, deadlineWarningDays: 7, tsaUrl: 'http://tsa.example.pl/rfc3161' });
      // The trusted list imported on one workstation is the office's: every workstation verifies with it.
      const pki = makeTestPki();
      const list = makeTrustedList(pki, [{ type: 'CA/QC', name: 'Test CA Kwalifikowane Łódź', certificatePem: pki.intermediate.pem, history: [{ status: 'granted', since: '2020-01-01T00:00:00Z' }] }]);
      removeDir(pki.dir);
      await call(admin.ctx, 'admin.trustedListImport', { fileName: 'lista.xml', text: list, dryRun: false });
      const wz = await call(admin.ctx, 'templates.get', { code: 'WZ' });
      await call(admin.ctx, 'templates.save', { code: 'WZ', expectedVersion: wz.version, fields: { ...wz.fields, body: `${wz.fields.body}\n\nDecyzja nie rodzi praw do terenu.` } });
      expect(await call(admin.ctx, 'sync.now', {})).toMatchObject({ pending: 0, rejected: 0 });
      await call(registry.ctx, 'sync.now', {});
      expect(readSettings(registry.ctx.store).deadlineWarningDays).toBe(7);
      expect(readSettings(registry.ctx.store).tsaUrl).toBe('http://tsa.example.pl/rfc3161');
      expect(readSettings(registry.ctx.store).trustedList?.services.map((x) => [x.name, x.type])).toEqual([['Test CA Kwalifikowane Łódź', 'CA/QC']]);
      const seen = await call(registry.ctx, 'templates.get', { code: 'WZ' });
      expect([seen.version, seen.fields.body.endsWith('Decyzja nie rodzi praw do terenu.')]).toEqual([wz.version + 1, true]);
    } finally {
      admin.close();
    }
  });

  it('the desktop shell keeps the session between runs: a restart resumes it without the password', async () => {
    const dir = tempDir('stanowisko-sesja');
    let kept: string | null = null;
    const first = openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true, serverUrl: server.url, serverCa: serverCaFor(server.url), syncIntervalMs: 0 });
    first.sync?.keepSessionWith((token) => (kept = token));
    await call(first, 'session.login', { login: 'kzielinska', password: DEMO_PASSWORD });
    expect(kept).toMatch(/^[A-Za-z0-9_-]{43}$/);
    first.store.close();
    // The next run: the shell hands the kept token back before the first screen asks who is here.
    const second = openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true, serverUrl: server.url, serverCa: serverCaFor(server.url), syncIntervalMs: 0 });
    try {
      second.sync?.keepSessionWith((token) => (kept = token));
      second.sync?.expectResume();
      const asked = call(second, 'session.current', {});
      second.sync?.resume(kept);
      expect((await asked).user?.login).toBe('kzielinska');
      // Signing out forgets it.
      await call(second, 'session.signOut', {});
      expect(kept).toBeNull();
    } finally {
      second.store.close();
      removeDir(dir);
    }
  });

  it('on a shared workstation each person’s commands go out under their own name, whenever they sign in', async () => {
    const shared = workstation(server.url);
    try {
      const units = await call(registry.ctx, 'office.units', {});
      const gk = units.find((u) => u.symbol === 'GK')?.id ?? '';
      const sender = (await call(registry.ctx, 'parties.search', { q: 'Żurawska', limit: 1 }))[0]?.id ?? '';
      await login(shared, 'akowalska');
      // Anna registers a letter and leaves before it is sent (no background sync in this test).
      const hers = await call(shared.ctx, 'intake.register', letterInput(sender, gk, { subject: 'Pismo Anny' }));
      await call(shared.ctx, 'session.signOut', {});
      // Piotr signs in at the same desk: his commands go, Anna's wait for her.
      await login(shared, 'pwisniewski');
      const his = await call(shared.ctx, 'intake.register', letterInput(sender, gk, { subject: 'Pismo Piotra' }));
      const status = await call(shared.ctx, 'sync.now', {});
      expect(status.pending).toBe(1);
      await call(shared.ctx, 'session.signOut', {});
      await login(shared, 'akowalska');
      expect((await call(shared.ctx, 'sync.now', {})).pending).toBe(0);
      await call(registry.ctx, 'sync.now', {});
      const byWhom = (id: string) => registry.ctx.store.sqlite.prepare('SELECT u.login FROM correspondence c JOIN users u ON u.id = c.registered_by WHERE c.id = ?').pluck().get(id);
      expect([byWhom(hers.id), byWhom(his.id)]).toEqual(['akowalska', 'pwisniewski']);
    } finally {
      shared.close();
    }
  });

  it('an interrupted upload of a large scan resumes where the server stopped, and arrives whole', async () => {
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Skan wielostronicowy');
    await doc.attach(randomBytes(2_600_000), 'zalacznik.bin', { mimeType: 'application/octet-stream' });
    const bytes = await doc.save();
    const scan = await stageScan(registry.ctx, 'duzy-skan.pdf', bytes);
    // The first mebibyte reached the server before the connection broke.
    const tokens = await server.login('akowalska');
    const first = await serverFetch(new URL(`/blobs/${scan.sha256}`, server.url), {
      method: 'PATCH',
      headers: { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'upload-length': String(bytes.length), 'x-blob-mime': 'application/pdf' },
      body: Buffer.from(bytes.subarray(0, 1024 * 1024)),
    });
    expect(first.status).toBe(200);
    const probe = await serverFetch(new URL(`/blobs/${scan.sha256}`, server.url), { method: 'HEAD', headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect([probe.headers.get('upload-offset'), probe.headers.get('upload-complete')]).toEqual([String(1024 * 1024), '?0']);
    const units = await call(registry.ctx, 'office.units', {});
    const sender = (await call(registry.ctx, 'parties.search', { q: 'Żurawska', limit: 1 }))[0]?.id ?? '';
    const letter = await call(registry.ctx, 'intake.register', { ...letterInput(sender, units.find((u) => u.symbol === 'GK')?.id ?? '', { subject: 'Duży skan' }), scans: [{ sha256: scan.sha256, fileName: 'duzy-skan.pdf' }] });
    expect((await call(registry.ctx, 'sync.now', {})).rejected).toBe(0);
    // The head's workstation gets the very bytes.
    await call(head.ctx, 'sync.now', {});
    const file = (await call(head.ctx, 'scans.blob', { sha256: scan.sha256 })) as { bytes: Uint8Array };
    expect(Buffer.from(file.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect((await call(head.ctx, 'intake.get', { id: letter.id })).scans.map((x) => x.fileName)).toEqual(['duzy-skan.pdf']);
  });

  it('a command the server refuses is taken back here, stays "do wyjaśnienia", and is corrected and sent again', async () => {
    // Two workstations add the same PESEL while apart: the second is refused by the server.
    const other = workstation(server.url);
    try {
      await login(other, 'pwisniewski');
      const a = await call(registry.ctx, 'parties.create', { kind: 'person', firstName: 'Jan', lastName: 'Kowalski', pesel: '44051401359' });
      const b = await call(other.ctx, 'parties.create', { kind: 'person', firstName: 'Jan', lastName: 'Kowalski', pesel: '44051401359' });
      expect(a.id).not.toBe(b.id);
      await call(registry.ctx, 'sync.now', {});
      const units = await call(other.ctx, 'office.units', {});
      const or = units.find((u) => u.symbol === 'OR')?.id ?? '';
      const letter = await call(other.ctx, 'intake.register', { ...letterInput(b.id, or, { subject: 'Pismo od Jana', remarks: 'Oryginał w teczce' }), trackingNumber: null });
      const status = await call(other.ctx, 'sync.now', {});
      expect([status.pending, status.rejected]).toEqual([0, 2]);
      const commands = await call(other.ctx, 'sync.commands', {});
      expect(commands.map((c) => [c.status, c.reason, c.reopenable])).toEqual([
        ['rejected', 'Nie znaleziono wybranego nadawcy. Wyszukaj go ponownie albo dodaj.', true],
        ['rejected', 'Taka strona jest już w bazie: Jan Kowalski. Wyszukaj ją zamiast dodawać drugi raz.', false],
      ]);
      // Taken back from this replica: no letter under a label the office will never give, no
      // second Jan Kowalski; the server's Jan Kowalski is here.
      expect((await callError(other.ctx, 'intake.get', { id: letter.id })).code).toBe('CORRESPONDENCE_NOT_FOUND');
      expect((await call(other.ctx, 'parties.search', { q: '44051401359', limit: 5 })).map((p) => p.id)).toEqual([a.id]);
      // Nothing typed is lost: the registration opens again as a draft.
      const [refusedLetter, refusedParty] = commands;
      const draft = await call(other.ctx, 'sync.reopen', { mutationId: refusedLetter?.mutationId ?? 0 });
      expect([draft.subject, draft.remarks, draft.unitId, draft.sender]).toEqual(['Pismo od Jana', 'Oryginał w teczce', or, null]);
      // Corrected (the office's Jan Kowalski) and registered again; the refused party is dropped.
      const again = await call(other.ctx, 'intake.register', {
        ...letterInput(a.id, draft.unitId, { subject: draft.subject, remarks: draft.remarks }),
        receivedAt: draft.receivedAt,
        trackingNumber: null,
        replaces: draft.mutationId,
      });
      await call(other.ctx, 'sync.discard', { mutationId: refusedParty?.mutationId ?? 0 });
      expect(await call(other.ctx, 'sync.now', {})).toMatchObject({ pending: 0, rejected: 0 });
      expect(await call(other.ctx, 'sync.commands', {})).toEqual([]);
      await call(registry.ctx, 'sync.now', {});
      const seen = await call(registry.ctx, 'intake.get', { id: again.id });
      expect([seen.subject, seen.sender.id, seen.provisional]).toEqual(['Pismo od Jana', a.id, false]);
      // A refused command can be dealt with once.
      expect((await callError(other.ctx, 'sync.reopen', { mutationId: draft.mutationId })).code).toBe('SYNC_COMMAND_NOT_REJECTED');
    } finally {
      other.close();
    }
  });

  it('a person whose commands cannot go out yet still sees the others’ work, with their own on top', async () => {
    const proxy = await startFaultProxy(server.url);
    const dir = tempDir('stanowisko');
    const clerk = openBackend({ profileDir: dir, mode: 'browser', demo: false, quiet: true, serverUrl: proxy.url, syncIntervalMs: 0 });
    try {
      await call(clerk, 'session.login', { login: 'tlukasik', password: DEMO_PASSWORD });
      const units = await call(registry.ctx, 'office.units', {});
      const gk = units.find((u) => u.symbol === 'GK')?.id ?? '';
      const sender = (await call(registry.ctx, 'parties.search', { q: 'Żurawska', limit: 1 }))[0]?.id ?? '';
      const first = await call(registry.ctx, 'intake.register', letterInput(sender, gk, { subject: 'Pierwsze pismo do sprawy' }));
      expect(first.label).toMatch(/tymcz/);
      await call(registry.ctx, 'sync.now', {});
      await call(clerk, 'sync.now', {});
      expect((await call(clerk, 'intake.get', { id: first.id })).subject).toBe('Pierwsze pismo do sprawy');
      // The clerk opens a case while the server refuses pushes (not pulls).
      proxy.only = /^\/sync\/push/;
      proxy.mode = 'refuse';
      const opened = await call(clerk, 'cases.open', { itemId: null, jrwaSymbol: '6730', title: 'Sprawa w drodze', deadlineKind: 'kpa35-standard' });
      // Meanwhile the registry registers another letter for GK.
      const second = await call(registry.ctx, 'intake.register', letterInput(sender, gk, { subject: 'Drugie pismo, zarejestrowane w międzyczasie' }));
      await call(registry.ctx, 'sync.now', {});
      const round = await call(clerk, 'sync.now', {});
      expect([round.pending, proxy.counts.refuse > 0]).toEqual([1, true]);
      // The pull came through: the new letter is here, and so is the clerk's own case, on top.
      expect((await call(clerk, 'intake.get', { id: second.id })).subject).toBe('Drugie pismo, zarejestrowane w międzyczasie');
      const mine = await call(clerk, 'cases.get', { id: opened.id });
      expect([mine.label, mine.title]).toEqual([opened.label, 'Sprawa w drodze']);
      expect(mine.metryka.filter((e) => e.pending).map((e) => e.action)).toContain('case.opened');
      // Once the push goes through the case is numbered and its metryka is the server's.
      proxy.mode = 'pass';
      expect(await call(clerk, 'sync.now', {})).toMatchObject({ pending: 0, rejected: 0 });
      const numbered = await call(clerk, 'cases.get', { id: opened.id });
      expect(numbered.label).toMatch(/^GK\.6730\.\d+\.\d{4}$/);
      expect(numbered.metryka.every((e) => !e.pending)).toBe(true);
      expect(numbered.metryka.map((e) => e.summary).join('\n')).toContain(numbered.label);
    } finally {
      clerk.store.close();
      removeDir(dir);
      await proxy.close();
    }
  });

  it('a workstation whose clock is a day ahead changes nothing in the order of the register', async () => {
    const skewed = workstation(server.url, { clock: () => new Date(Date.now() + 24 * 3600_000) });
    try {
      await login(skewed, 'pwisniewski');
      const units = await call(registry.ctx, 'office.units', {});
      const gk = units.find((u) => u.symbol === 'GK')?.id ?? '';
      const sender = (await call(registry.ctx, 'parties.search', { q: 'Żurawska', limit: 1 }))[0]?.id ?? '';
      await call(skewed.ctx, 'sync.now', {});
      const order: string[] = [];
      for (const [who, subject] of [[skewed, 'Pierwsze (zegar +1 dzień)'], [registry, 'Drugie'], [skewed, 'Trzecie (zegar +1 dzień)']] as const) {
        const l = await call(who.ctx, 'intake.register', letterInput(sender, gk, { subject }));
        await call(who.ctx, 'sync.now', {});
        order.push(l.id);
      }
      await call(registry.ctx, 'sync.now', {});
      const numbered = await Promise.all(order.map((id) => call(registry.ctx, 'intake.get', { id })));
      const seqs = numbered.map((l) => l.seq ?? 0);
      // Numbers follow the order the server applied the commands, whatever the clocks said.
      expect(seqs[1]).toBe((seqs[0] ?? 0) + 1);
      expect(seqs[2]).toBe((seqs[1] ?? 0) + 1);
      // The registration time on record is the server's, not the skewed workstation's.
      for (const l of numbered) expect(Math.abs(new Date(l.registeredAt).getTime() - Date.now())).toBeLessThan(3600_000);
    } finally {
      skewed.close();
    }
  });
});
