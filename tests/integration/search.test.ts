import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, IncomingDetail, MethodOutput, Party, SearchHit } from '#core/contract';
import { markSnippet } from '#core/search/snippet';
import { queryWords } from '#core/search/query';
import { SEARCH_WINDOW } from '#db/searchRepo';
import { call, createSender, letterInput, openDemoProfile, signIn, unitId, type TestProfile } from '#tests/support/profile';

type Found = MethodOutput<'search.all'>;

const ids = (hits: SearchHit[]) => hits.map((h) => h.id);
const hit = (hits: SearchHit[], id: string) => hits.find((h) => h.id === id);

describe('the top bar search finds letters, cases and parties however the words are typed', () => {
  let p: TestProfile;
  let wasowska: Party;
  let zegluga: Party;
  let turtle: IncomingDetail;
  let water: IncomingDetail;
  let taxTurtle: IncomingDetail;
  let opened: CaseDetail;
  const search = (q: string, limit?: number): Promise<Found> => call(p.ctx, 'search.all', limit === undefined ? { q } : { q, limit });

  beforeAll(async () => {
    p = openDemoProfile();
    await signIn(p.ctx, 'akowalska');
    const gk = await unitId(p.ctx, 'GK');
    const fn = await unitId(p.ctx, 'FN');
    wasowska = await createSender(p.ctx, 'Wąsowska');
    zegluga = await call(p.ctx, 'parties.create', { kind: 'company', name: 'Przedsiębiorstwo Żeglugi Śródlądowej', street: 'ul. Wólczańska 7', postalCode: '90-001', city: 'Łódź' });
    turtle = await call(p.ctx, 'intake.register', letterInput(wasowska.id, gk, { subject: 'Żółw błotny na działce przy ul. Leśnej' }));
    water = await call(p.ctx, 'intake.register', letterInput(zegluga.id, gk, { subject: 'Informacja o przerwie w żegludze', senderReference: 'ŻŚ/12/2026' }));
    taxTurtle = await call(p.ctx, 'intake.register', letterInput(wasowska.id, fn, { subject: 'Podatek od hodowli — żółwie stepowe' }));
    await signIn(p.ctx, 'tlukasik');
    opened = await call(p.ctx, 'cases.open', { jrwaSymbol: '6730', title: 'Warunki zabudowy przy ul. Źródlanej', deadlineKind: 'kpa35-standard', partyIds: [zegluga.id] });
    await signIn(p.ctx, 'akowalska');
  });
  afterAll(() => p.close());

  it('finds żółw typed as "zolw", with the original Polish text marked in the snippet', async () => {
    const r = await search('zolw');
    expect(ids(r.letters).sort()).toEqual([turtle.id, taxTurtle.id].sort());
    expect(hit(r.letters, turtle.id)).toEqual({
      kind: 'letter',
      id: turtle.id,
      label: turtle.label,
      title: 'Żółw błotny na działce przy ul. Leśnej',
      snippet: 'Zofia Wąsowska, Przykładowo — [[Żółw]] błotny na działce przy ul. Leśnej',
    });
    expect(hit(r.letters, taxTurtle.id)?.snippet).toBe('Zofia Wąsowska, Przykładowo — Podatek od hodowli — [[żółwie]] stepowe');
    expect(r.cases).toEqual([]);
  });

  it.each(['lodz', 'LODZ', 'Łódź', 'łódź'])('finds the sender from Łódź and their letter and case for "%s"', async (q) => {
    const r = await search(q);
    const party = hit(r.parties, zegluga.id);
    expect(party).toEqual({
      kind: 'party',
      id: zegluga.id,
      label: 'Przedsiębiorstwo Żeglugi Śródlądowej',
      title: 'ul. Wólczańska 7, 90-001 Łódź',
      snippet: 'Przedsiębiorstwo Żeglugi Śródlądowej — ul. Wólczańska 7, 90-001 [[Łódź]]',
    });
    // Only parties from Łódź (the demo office has two more: Łęcka and SKO w Łodzi), no one else.
    expect(r.parties.length).toBe(3);
    for (const x of r.parties) expect(x.snippet).toMatch(/\[\[(Łódź|Łodzi)\]\]/);
    expect(ids(r.letters)).toEqual([water.id]);
    expect(hit(r.letters, water.id)?.snippet).toBe('Przedsiębiorstwo Żeglugi Śródlądowej, [[Łódź]] — Informacja o przerwie w żegludze — ŻŚ/12/2026');
    expect(ids(r.cases)).toEqual([opened.id]);
    expect(r.cases[0]?.snippet).toBe('Warunki zabudowy przy ul. Źródlanej — Przedsiębiorstwo Żeglugi Śródlądowej ([[Łódź]])');
  });

  it('finds Wąsowska typed as "wasowska": the party and both her letters', async () => {
    const r = await search('wasowska');
    expect(ids(r.parties)).toEqual([wasowska.id]);
    expect(r.parties[0]?.snippet).toBe('Zofia [[Wąsowska]] — ul. Łąkowa 5, 99-999 Przykładowo');
    expect(ids(r.letters).sort()).toEqual([turtle.id, taxTurtle.id].sort());
    for (const l of r.letters) expect(l.snippet).toMatch(/^Zofia \[\[Wąsowska\]\], Przykładowo — /);
  });

  it('finds a case by its sign typed in part and by a title word typed without diacritics', async () => {
    expect(opened.label).toMatch(/^GK\.6730\.1\.\d{4}$/);
    const bySign = await search('GK.6730');
    expect(bySign.cases).toEqual([{ kind: 'case', id: opened.id, label: opened.label, title: 'Warunki zabudowy przy ul. Źródlanej', snippet: 'Warunki zabudowy przy ul. Źródlanej — Przedsiębiorstwo Żeglugi Śródlądowej (Łódź)' }]);
    expect(bySign.letters).toEqual([]);
    const byTitle = await search('zrodlanej');
    expect(ids(byTitle.cases)).toEqual([opened.id]);
    expect(byTitle.cases[0]?.snippet).toBe('Warunki zabudowy przy ul. [[Źródlanej]] — Przedsiębiorstwo Żeglugi Śródlądowej (Łódź)');
    // A prefix is enough, as everywhere else in the search.
    expect(ids((await search('zrodl')).cases)).toEqual([opened.id]);
  });

  it('puts a letter whose number was typed in full first', async () => {
    // RPW/10…/RPW/15 all match "1" as a prefix as well as RPW/1 does, and are newer.
    const usc = await unitId(p.ctx, 'USC');
    const other = await createSender(p.ctx);
    for (let i = 0; i < 12; i++) await call(p.ctx, 'intake.register', letterInput(other.id, usc));
    expect(turtle.label).toMatch(/^RPW\/1\/\d{4}$/);
    // Typed in full, the number is the one letter that bears it.
    const r = await search(turtle.label);
    expect(r.letters.map((l) => l.id)).toEqual([turtle.id]);
    expect((await search(turtle.label.toLowerCase())).letters[0]?.id).toBe(turtle.id);
    // Typed in part, a whole number still beats the longer numbers it is a prefix of.
    const partial = await search('RPW/1');
    expect(partial.letters.length).toBeGreaterThan(6);
    expect(partial.letters[0]?.id).toBe(turtle.id);
  });

  it('a number typed in part finds the numbers it begins, not letters that merely hold its digits', async () => {
    const other = await createSender(p.ctx);
    const six = await call(p.ctx, 'intake.register', letterInput(other.id, await unitId(p.ctx, 'USC'), { subject: 'Pismo ze znakiem 6', senderReference: '6' }));
    expect(six.label).not.toMatch(/^RPW\/6\//);
    const r = await search('rpw/6');
    expect(r.letters.length).toBeGreaterThan(0);
    expect(r.letters.map((l) => l.label).filter((label) => !/^RPW\/6/.test(label))).toEqual([]);
    // The same digits typed as words still find the reference.
    expect((await search('znakiem 6')).letters.map((l) => l.id)).toContain(six.id);
  });

  it('never fails on FTS syntax typed by a person', async () => {
    for (const q of ['"', '*', 'NOT', '-', '(', ')', '"żółw', 'żółw*', 'NOT żółw', '-żółw', '(żółw', 'żółw OR', 'AND', 'NEAR(żółw', '^żółw', 'subject:żółw', '{subject}', "'", ';--', '%', '_', '\\']) {
      // `call` throws on any refusal (an FTS5 syntax error would come back as one).
      const r = await search(q);
      expect(Object.keys(r).sort(), q).toEqual(['cases', 'letters', 'parties']);
    }
    // Quotes and operators are text, not syntax: the word inside still matches.
    expect(ids((await search('"żółw')).letters)).toContain(turtle.id);
    expect(ids((await search('(żółw')).letters)).toContain(turtle.id);
    // Text holding no word at all finds nothing rather than everything.
    expect(await search('-')).toEqual({ letters: [], cases: [], parties: [] });
    expect(await search('"*(')).toEqual({ letters: [], cases: [], parties: [] });
  });

  it('groups hits by kind and keeps each group within the limit', async () => {
    const r = await search('lodz');
    expect(r.letters.every((h) => h.kind === 'letter')).toBe(true);
    expect(r.cases.every((h) => h.kind === 'case')).toBe(true);
    expect(r.parties.every((h) => h.kind === 'party')).toBe(true);
    const one = await search('zolw', 1);
    expect(one.letters).toHaveLength(1);
    expect((await search('lodz', 1)).parties).toHaveLength(1);
  });

  it('a clerk of FN does not find the letters and cases of GK, but finds parties', async () => {
    await signIn(p.ctx, 'edabrowska');
    try {
      expect(ids((await search('zolw')).letters)).toEqual([taxTurtle.id]);
      const lodz = await search('lodz');
      expect(lodz.letters).toEqual([]);
      expect(lodz.cases).toEqual([]);
      expect(ids(lodz.parties)).toContain(zegluga.id);
      expect((await search('GK.6730')).cases).toEqual([]);
      expect((await search(turtle.label)).letters.map((l) => l.id)).not.toContain(turtle.id);
    } finally {
      await signIn(p.ctx, 'akowalska');
    }
  });

  it("finds a clerk's letter even when more than a window of other units' letters rank above it", async () => {
    const fn = await unitId(p.ctx, 'FN');
    const gk = await unitId(p.ctx, 'GK');
    const other = await createSender(p.ctx);
    // Same words, same sender: equal scores, and ties go newest first, so FN's letter is last.
    const mine = await call(p.ctx, 'intake.register', letterInput(other.id, fn, { subject: 'Hulajnoga elektryczna na chodniku' }));
    for (let i = 0; i < SEARCH_WINDOW + 5; i++) await call(p.ctx, 'intake.register', letterInput(other.id, gk, { subject: 'Hulajnoga elektryczna na chodniku' }));
    await signIn(p.ctx, 'edabrowska');
    try {
      expect(ids((await search('hulajnoga')).letters)).toEqual([mine.id]);
    } finally {
      await signIn(p.ctx, 'akowalska');
    }
  });

  it('a clerk of GK finds GK mail and not FN mail', async () => {
    await signIn(p.ctx, 'tlukasik');
    try {
      expect(ids((await search('zolw')).letters)).toEqual([turtle.id]);
      expect(ids((await search('GK.6730')).cases)).toEqual([opened.id]);
    } finally {
      await signIn(p.ctx, 'akowalska');
    }
  });
});

describe('snippet marks', () => {
  it('cuts long text around the first match at word boundaries, marking every matched word', () => {
    const long = `${'Początek bardzo długiego pisma bez znaczenia dla sprawy. '.repeat(4)}Tu jest żółw i znów Żółwie, dalej ${'tekst '.repeat(40)}koniec.`;
    const s = markSnippet(long, queryWords('zolw'));
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('[[żółw]] i znów [[Żółwie]], dalej');
    // About 120 characters of text, not counting the marks and the two ellipses.
    const text = s.slice(1, -1).replace(/\[\[|\]\]/g, '');
    expect(text.length).toBeGreaterThan(100);
    expect(text.length).toBeLessThanOrEqual(120);
    // Cut at word boundaries: no word is split.
    expect(s.slice(1, -1)).toMatch(/^\S.*\S$/);
    expect(long).toContain(text);
  });

  it('keeps positions for decomposed text and never lets the text forge markers', () => {
    const decomposed = 'Z\u0307o\u0301łw i [[łódź]]'.normalize('NFD');
    expect(markSnippet(decomposed, queryWords('zolw lodz'))).toBe(`[[${'Z\u0307o\u0301łw'.normalize('NFD')}]] i [ [[[${'łódź'.normalize('NFD')}]]] ]`);
  });
});
