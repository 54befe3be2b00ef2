import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionDetail, TemplateDetail } from '#core/contract';
import { decisionPdf } from '#core/decisions/handlers';
import { call, callError, createSender, openDemoProfile, signIn, type TestProfile } from '#tests/support/profile';
import { pdfText } from '#tests/support/pdfs';

// Issue 4: the administrator edits the wording of a decision template without a code change.
// Every save is a new version, the old ones kept; a new decision is printed from the newest;
// what the law requires of a decision (KPA art. 107 §1) cannot be edited away.


// The clause most offices add to a WZ decision (art. 63 ust. 2 of the spatial planning act).
const CLAUSE = 'Niniejsza decyzja nie rodzi praw do terenu oraz nie narusza prawa własności i uprawnień osób trzecich.';

describe('the administrator edits the WZ decision template', () => {
  let p: TestProfile;
  let decision: DecisionDetail;
  let wz: TemplateDetail;

  const templateRows = () => p.ctx.store.sqlite.prepare("SELECT count(*) FROM document_templates WHERE code = 'WZ'").pluck().get() as number;
  const printed = async (name: string) => pdfText((await call(p.ctx, 'decisions.pdf', { id: decision.id })).bytes, name);

  beforeAll(async () => {
    p = openDemoProfile({ clock: () => new Date('2026-04-14T08:00:00Z') });
    await signIn(p.ctx, 'akowalska');
    const party = await createSender(p.ctx, 'Wróblewska');
    await signIn(p.ctx, 'tlukasik');
    const caseId = (await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy dz. 12/3', deadlineKind: 'kpa35-standard', partyIds: [party.id] })).id;
    decision = await call(p.ctx, 'decisions.create', { caseId, typeCode: 'WZ' });
    decision = await call(p.ctx, 'decisions.save', {
      id: decision.id,
      expectedVersion: decision.currentVersion,
      content: { ...decision.content, subject: 'budowa budynku gospodarczego na działce nr 7/2', applicationDate: '2026-04-02', date: '2026-04-14', ruling: 'Ustalam warunki zabudowy dla budynku mieszkalnego jednorodzinnego.', justification: 'Wnioskodawczyni złożyła wniosek.', signatoryName: 'Jan Kowalczyk', signatoryPosition: 'Wójt Gminy Przykładowa' },
    });
  });
  afterAll(() => p.close());

  it('lists the built-in templates as version 0, with the placeholders a decision must carry', async () => {
    await signIn(p.ctx, 'gszymanski');
    const list = await call(p.ctx, 'templates.list', {});
    expect(list.map((t) => t.code)).toEqual(['WZ', 'ULICP', 'DSU', 'DRZEWA', 'PASDROGI', 'PODATEK', 'ZASW', 'ZAWIADOMIENIE_WSZCZECIE', 'WEZWANIE_BRAKI', 'ZAWIADOMIENIE_ZWLOKA']);
    expect(list[0]).toEqual({ code: 'WZ', name: 'Decyzja o warunkach zabudowy', kind: 'decision', version: 0, updatedAt: null, updatedByName: null, isDefault: true });
    wz = await call(p.ctx, 'templates.get', { code: 'WZ' });
    expect(wz.requiredBasis).toBe('art. 107 § 1 KPA');
    expect(wz.fields.body).toContain('{{pouczenie}}');
    const pouczenie = wz.placeholders.find((x) => x.name === 'pouczenie');
    expect(pouczenie).toMatchObject({ label: 'pouczenie', required: true });
    expect(pouczenie?.example).toContain('odwołanie');
    expect(wz.placeholders.find((x) => x.name === 'oplata')?.required).toBe(false);
    // A decision is never filled with a letter's own values; the letter's template offers them.
    expect(wz.placeholders.map((x) => x.name)).not.toContain('braki');
    expect((await call(p.ctx, 'templates.get', { code: 'WEZWANIE_BRAKI' })).placeholders.find((x) => x.name === 'braki')).toMatchObject({ required: true });
    expect((await callError(p.ctx, 'templates.get', { code: 'NIEMA' })).code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('previews the edited wording with sample values before anything is saved', async () => {
    const fields = { ...wz.fields, body: `${wz.fields.body}\n\n${CLAUSE}` };
    const file = await call(p.ctx, 'templates.preview', { code: 'WZ', fields });
    const text = pdfText(file.bytes, 'szablon-podglad-wz');
    expect(text).toContain(CLAUSE);
    expect(text).toContain('DECYZJA nr 15/2026');
    expect(text).toContain('złożonego przez: Jan Źródlański, ul. Polna 3, 34-100 Żółtki');
    expect(text).toContain('Wójt Gminy Zażółć ustala warunki zabudowy');
    expect(templateRows()).toBe(0);
  });

  it('saves the new wording as version 1, and a decision printed now carries it', async () => {
    expect(await printed('szablon-przed-zmiana')).not.toContain(CLAUSE);
    wz = await call(p.ctx, 'templates.save', { code: 'WZ', expectedVersion: 0, fields: { ...wz.fields, body: `${wz.fields.body}\n\n${CLAUSE}` } });
    expect([wz.version, wz.isDefault, wz.updatedByName]).toEqual([1, false, 'Grzegorz Szymański']);
    expect(wz.updatedAt).toBe('2026-04-14T08:00:00.000Z');

    await signIn(p.ctx, 'tlukasik');
    const text = await printed('szablon-po-zmianie');
    // At the end of the body, after the appeal instruction and the stamp duty, before the signature.
    expect(text).toMatch(/Pouczenie Od niniejszej decyzji .* Opłata skarbowa: .* Niniejsza decyzja nie rodzi praw do terenu oraz nie narusza prawa własności i uprawnień osób trzecich\. Jan Kowalczyk/);
    expect(text).toContain('Ustalam warunki zabudowy dla budynku mieszkalnego jednorodzinnego.');
    // The version printed from is handed to the signing code, to be kept with the record.
    expect((await decisionPdf(p.ctx, decision.id, null)).templateVersion).toBe(1);

    const events = p.ctx.store.sqlite.prepare("SELECT action, actor_name AS actor, summary FROM events WHERE entity_type = 'template'").all();
    expect(events).toEqual([{ action: 'template.saved', actor: 'Grzegorz Szymański', summary: 'Zmieniono treść szablonu „Decyzja o warunkach zabudowy” (wersja 1)' }]);
  });

  it('a clerk may read templates but not change them', async () => {
    expect((await call(p.ctx, 'templates.get', { code: 'WZ' })).version).toBe(1);
    const e = await callError(p.ctx, 'templates.save', { code: 'WZ', expectedVersion: 1, fields: { ...wz.fields, title: 'DECYZJA' } });
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe('Brak uprawnień do tej czynności (zmiana szablonów pism; wymagana rola: administrator).');
    expect((await callError(p.ctx, 'templates.restoreDefault', { code: 'WZ', expectedVersion: 1 })).code).toBe('FORBIDDEN');
    expect(templateRows()).toBe(1);
  });

  it('refuses a misspelt placeholder with a suggestion, and saves nothing', async () => {
    await signIn(p.ctx, 'gszymanski');
    const body = wz.fields.body.replace('{{podstawa_prawna}}', '{{podstawa}}');
    const e = await callError(p.ctx, 'templates.save', { code: 'WZ', expectedVersion: 1, fields: { ...wz.fields, body } });
    expect(e.code).toBe('TEMPLATE_PLACEHOLDER_UNKNOWN');
    expect(e.message).toBe(
      'Treść: Szablon zawiera pola, których program nie zna: {{podstawa}} w wierszu 1 (czy chodziło o {{podstawa_prawna}}?). Popraw nazwy albo usuń te pola; dostępne pola pokazuje lista obok edytora szablonu.',
    );
    // The preview refuses it the same way: it checks what a save would check.
    expect((await callError(p.ctx, 'templates.preview', { code: 'WZ', fields: { ...wz.fields, body } })).code).toBe('TEMPLATE_PLACEHOLDER_UNKNOWN');
    // A placeholder that exists, but only in letters: a decision has nothing to fill it with.
    const letterOnly = await callError(p.ctx, 'templates.save', { code: 'WZ', expectedVersion: 1, fields: { ...wz.fields, body: `${wz.fields.body}\n\nDo uzupełnienia: {{braki}}` } });
    expect(letterOnly.code).toBe('TEMPLATE_PLACEHOLDER_NOT_FOR_KIND');
    expect(letterOnly.message).toContain('{{braki}} (braki do usunięcia)');
    expect(templateRows()).toBe(1);
  });

  it('refuses a decision template without the appeal instruction, naming the element', async () => {
    const body = wz.fields.body.replace('## Pouczenie\n\n{{pouczenie}}', '');
    expect(body).not.toContain('{{pouczenie}}');
    const e = await callError(p.ctx, 'templates.save', { code: 'WZ', expectedVersion: 1, fields: { ...wz.fields, body } });
    expect(e.code).toBe('TEMPLATE_REQUIRED_MISSING');
    expect(e.message).toContain('W szablonie brakuje elementów, których wymaga art. 107 § 1 KPA: {{pouczenie}} (pouczenie).');
    expect(templateRows()).toBe(1);
  });

  it('refuses a save based on a version someone else has replaced', async () => {
    const e = await callError(p.ctx, 'templates.save', { code: 'WZ', expectedVersion: 0, fields: { ...wz.fields, title: 'DECYZJA nr {{numer}}' } });
    expect(e.code).toBe('TEMPLATE_STALE');
    expect(e.message).toBe(
      'Szablon „Decyzja o warunkach zabudowy” zmienił się, odkąd go otwarto: obowiązuje teraz wersja 1 (Grzegorz Szymański, 14.04.2026 10:00). Otwórz szablon ponownie i wprowadź zmiany w najnowszej wersji.',
    );
    expect((await callError(p.ctx, 'templates.save', { code: 'WZ', expectedVersion: 1, fields: wz.fields })).code).toBe('TEMPLATE_UNCHANGED');
    expect(templateRows()).toBe(1);
  });

  it('restores the built-in wording as version 2; version 1 stays in the history', async () => {
    wz = await call(p.ctx, 'templates.restoreDefault', { code: 'WZ', expectedVersion: 1 });
    expect([wz.version, wz.isDefault]).toEqual([2, true]);
    expect(wz.fields.body).not.toContain(CLAUSE);
    expect((await callError(p.ctx, 'templates.restoreDefault', { code: 'WZ', expectedVersion: 2 })).code).toBe('TEMPLATE_ALREADY_DEFAULT');

    const history = await call(p.ctx, 'templates.history', { code: 'WZ' });
    expect(history).toEqual([
      { version: 2, createdAt: '2026-04-14T08:00:00.000Z', createdByName: 'Grzegorz Szymański', isDefault: true },
      { version: 1, createdAt: '2026-04-14T08:00:00.000Z', createdByName: 'Grzegorz Szymański', isDefault: false },
      { version: 0, createdAt: null, createdByName: null, isDefault: true },
    ]);
    const kept = p.ctx.store.sqlite.prepare("SELECT template FROM document_templates WHERE code = 'WZ' AND version = 1").pluck().get() as string;
    expect(kept).toContain('nie rodzi praw do terenu');
    // Versions are a record: the database itself refuses to rewrite one.
    expect(() => p.ctx.store.sqlite.prepare("UPDATE document_templates SET template = '{}' WHERE code = 'WZ'").run()).toThrow(/append-only/);

    await signIn(p.ctx, 'tlukasik');
    expect(await printed('szablon-przywrocony')).not.toContain(CLAUSE);
    expect((await call(p.ctx, 'templates.list', {}))[0]).toMatchObject({ code: 'WZ', version: 2, isDefault: true });
  });

  it('a decision template may use every placeholder the editor offers, and still prints', async () => {
    await signIn(p.ctx, 'gszymanski');
    const offered = wz.placeholders.map((x) => `${x.name}: {{${x.name}}}`).join('\n\n');
    wz = await call(p.ctx, 'templates.save', { code: 'WZ', expectedVersion: 2, fields: { ...wz.fields, body: `${wz.fields.body}\n\n${offered}` } });
    await signIn(p.ctx, 'tlukasik');
    const text = await printed('szablon-wszystkie-pola');
    expect(text).toContain('numer: (projekt)');
    expect(text).toContain('przedmiot: budowa budynku gospodarczego na działce nr 7/2');
    expect(text).toContain('data_wniosku: 2 kwietnia 2026 r.');
    expect((await decisionPdf(p.ctx, decision.id, null)).templateVersion).toBe(3);
  });

  it('a damaged stored version stops printing by name, and the administrator can save over it', async () => {
    const users = await call(p.ctx, 'session.demoUsers', {});
    const admin = users.find((u) => u.login === 'gszymanski')?.id;
    p.ctx.store.sqlite.prepare("INSERT INTO document_templates (code, version, template, created_at, created_by) VALUES ('WZ', 4, '{uszkodzony', '2026-04-14T08:00:00.000Z', ?)").run(admin);
    const refused = await callError(p.ctx, 'decisions.pdf', { id: decision.id });
    expect(refused.code).toBe('TEMPLATE_STORED_INVALID');
    expect(refused.message).toContain('Zapisana wersja 4 szablonu „WZ” jest uszkodzona');
    await signIn(p.ctx, 'gszymanski');
    const shown = await call(p.ctx, 'templates.get', { code: 'WZ' });
    expect([shown.version, shown.isDefault]).toEqual([4, false]);
    expect((await call(p.ctx, 'templates.restoreDefault', { code: 'WZ', expectedVersion: 4 })).version).toBe(5);
    await signIn(p.ctx, 'tlukasik');
    expect((await decisionPdf(p.ctx, decision.id, null)).templateVersion).toBe(5);
  });
});
