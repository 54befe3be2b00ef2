import { describe, expect, it } from 'vitest';
import {
  DECISION_ELEMENTS,
  ELEMENT_NAMES,
  appealInstruction,
  checkDecisionDraft,
  missingDecisionElements,
  organGenitive,
  type DecisionDraft,
  type DecisionElement,
} from '#core/decisions/art107';
import { composeDecision, decisionValues, justificationText } from '#core/decisions/compose';
import { templateByCode } from '#core/decisions/defaultTemplates';
import type { DocumentTemplate } from '#core/decisions/templates';
import { thrown } from '#tests/support/thrown';

const SKO = 'Samorządowe Kolegium Odwoławcze w Nowym Sączu';
const ORGAN = 'Wójt Gminy Zażółć';

const COMPLETE: DecisionDraft = {
  procedure: 'kpa',
  organ: ORGAN,
  issuedOn: '2026-05-14',
  parties: [{ name: 'Jan Źródlański', address: 'ul. Polna 3, 34-100 Żółtki' }],
  legalBasis: 'art. 59 ust. 1 ustawy z dnia 27 marca 2003 r. o planowaniu i zagospodarowaniu przestrzennym',
  ruling: 'ustala warunki zabudowy dla budowy budynku gospodarczego na działce nr 45/7.',
  justification: { factual: 'Wniosek wpłynął 2 marca 2026 r.', legal: 'Zgodnie z art. 61 ust. 1 ustawy warunki zostały spełnione.' },
  fullyGrantsRequest: false,
  contestedInterests: false,
  onAppeal: false,
  appealInstruction: appealInstruction({ appealOrgan: SKO, issuingOrgan: ORGAN, procedure: 'kpa' }),
  signatory: { firstName: 'Małgorzata', lastName: 'Śliwińska', position: 'Wójt Gminy Zażółć' },
  signatureForm: 'qualified-signature',
};

const COMPLETE_TAX: DecisionDraft = {
  ...COMPLETE,
  procedure: 'op',
  legalBasis: 'art. 2 ust. 1 i art. 5 ust. 1 ustawy z dnia 12 stycznia 1991 r. o podatkach i opłatach lokalnych',
  ruling: 'wysokość podatku od nieruchomości na rok 2026 w kwocie 412,00 zł.',
  appealInstruction: appealInstruction({ appealOrgan: SKO, issuingOrgan: ORGAN, procedure: 'op' }),
  signatureForm: 'paper',
};

function names(draft: DecisionDraft): string[] {
  return missingDecisionElements(draft).map((m) => m.name);
}

function detailOf(draft: DecisionDraft, element: DecisionElement): string | null | undefined {
  return missingDecisionElements(draft).find((m) => m.element === element)?.detail;
}


function template(code: string): DocumentTemplate {
  const found = templateByCode(code);
  if (!found.ok) throw new Error(found.message);
  return found.value;
}

describe('KPA art. 107 §1: a complete draft', () => {
  it('has nothing missing and may be submitted', () => {
    expect(missingDecisionElements(COMPLETE)).toEqual([]);
    expect(checkDecisionDraft(COMPLETE)).toEqual({ ok: true, value: COMPLETE, missing: [] });
  });
});

describe('KPA art. 107 §1: each element missing is named', () => {
  const emptied: [DecisionElement, string, DecisionDraft][] = [
    ['organ', 'oznaczenie organu', { ...COMPLETE, organ: '  ' }],
    ['date', 'data wydania', { ...COMPLETE, issuedOn: '' }],
    ['parties', 'oznaczenie strony lub stron', { ...COMPLETE, parties: [] }],
    ['legalBasis', 'powołanie podstawy prawnej', { ...COMPLETE, legalBasis: '' }],
    ['ruling', 'rozstrzygnięcie', { ...COMPLETE, ruling: '\n' }],
    ['justification', 'uzasadnienie faktyczne i prawne', { ...COMPLETE, justification: { factual: '', legal: ' ' } }],
    ['appeal', 'pouczenie o odwołaniu (oraz o prawie do zrzeczenia się odwołania)', { ...COMPLETE, appealInstruction: '' }],
    ['signature', 'podpis z imieniem, nazwiskiem i stanowiskiem', { ...COMPLETE, signatory: { firstName: '', lastName: '', position: '' } }],
  ];

  it.each(emptied)('%s → „%s”', (element, name, draft) => {
    expect(missingDecisionElements(draft)).toEqual([{ element, name, detail: null }]);
  });

  it('an empty draft lacks all eight, in the order of the article, and cannot be submitted', () => {
    const empty: DecisionDraft = {
      ...COMPLETE,
      organ: '',
      issuedOn: '',
      parties: [],
      legalBasis: '',
      ruling: '',
      justification: { factual: '', legal: '' },
      appealInstruction: '',
      signatory: { firstName: '', lastName: '', position: '' },
    };
    expect(names(empty)).toEqual(DECISION_ELEMENTS.map((e) => ELEMENT_NAMES.kpa[e]));
    const check = checkDecisionDraft(empty);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.code).toBe('DECISION_ELEMENTS_MISSING');
    expect(check.message).toBe(
      'Projekt decyzji nie zawiera wszystkich elementów wymaganych przez art. 107 § 1 Kodeksu postępowania administracyjnego: oznaczenie organu; data wydania; oznaczenie strony lub stron; powołanie podstawy prawnej; rozstrzygnięcie; uzasadnienie faktyczne i prawne; pouczenie o odwołaniu (oraz o prawie do zrzeczenia się odwołania); podpis z imieniem, nazwiskiem i stanowiskiem. Uzupełnij je; do tego czasu projektu nie można przekazać dalej.',
    );
  });
});

describe('KPA art. 107 §1: an element present but incomplete says what is wrong', () => {
  it('organ: an office is not an organ', () => {
    expect(detailOf({ ...COMPLETE, organ: 'Urząd Gminy Zażółć' }, 'organ')).toMatch(/^„Urząd Gminy Zażółć” to urząd, a nie organ/);
  });

  it('date: a day that does not exist', () => {
    expect(detailOf({ ...COMPLETE, issuedOn: '2026-02-30' }, 'date')).toBe('„2026-02-30” nie jest istniejącą datą');
  });

  it('parties: one without a name', () => {
    expect(detailOf({ ...COMPLETE, parties: [...COMPLETE.parties, { name: ' ', address: 'ul. Leśna 8' }] }, 'parties')).toBe('strona nr 2 nie ma imienia i nazwiska ani nazwy');
  });

  it('legal basis: an act without a provision', () => {
    expect(detailOf({ ...COMPLETE, legalBasis: 'ustawa o planowaniu i zagospodarowaniu przestrzennym' }, 'legalBasis')).toMatch(/nie wskazuje przepisu/);
    expect(names({ ...COMPLETE, legalBasis: '§ 3 rozporządzenia Ministra Infrastruktury' })).toEqual([]);
  });

  it('justification: the factual or the legal part alone is not enough (art. 107 §3)', () => {
    expect(detailOf({ ...COMPLETE, justification: { factual: 'Fakty.', legal: '' } }, 'justification')).toMatch(/^brak uzasadnienia prawnego/);
    expect(detailOf({ ...COMPLETE, justification: { factual: '', legal: 'Prawo.' } }, 'justification')).toMatch(/^brak uzasadnienia faktycznego/);
  });

  it('appeal: the art. 127a waiver and its effect must be there', () => {
    const [appealOnly = ''] = COMPLETE.appealInstruction.split('\n\n');
    expect(detailOf({ ...COMPLETE, appealInstruction: appealOnly }, 'appeal')).toBe('brak pouczenia o prawie do zrzeczenia się odwołania (art. 127a § 1 KPA)');
    const noEffect = COMPLETE.appealInstruction.replace(/Z dniem doręczenia[^]*$/, '');
    expect(detailOf({ ...COMPLETE, appealInstruction: noEffect }, 'appeal')).toMatch(/^brak pouczenia o skutkach zrzeczenia się odwołania/);
    expect(detailOf({ ...COMPLETE, appealInstruction: 'Decyzja jest ostateczna.' }, 'appeal')).toBe('pouczenie nie mówi, czy i w jakim trybie służy odwołanie');
  });

  it('signature: name, surname and position; an electronic decision needs a qualified signature or seal', () => {
    expect(detailOf({ ...COMPLETE, signatory: { ...COMPLETE.signatory, position: '' } }, 'signature')).toBe('brak stanowiska osoby podpisującej');
    expect(detailOf({ ...COMPLETE, signatory: { firstName: 'Małgorzata', lastName: '', position: '' } }, 'signature')).toBe('brak nazwiska i stanowiska osoby podpisującej');
    expect(detailOf({ ...COMPLETE, signatureForm: 'trusted-profile' }, 'signature')).toMatch(/kwalifikowanym podpisem elektronicznym albo kwalifikowaną pieczęcią/);
    expect(names({ ...COMPLETE, signatureForm: 'qualified-seal' })).toEqual([]);
    expect(names({ ...COMPLETE, signatureForm: 'paper' })).toEqual([]);
  });
});

describe('KPA art. 107 §4: no justification when the request is granted in full', () => {
  const granted: DecisionDraft = { ...COMPLETE, justification: { factual: '', legal: '' }, fullyGrantsRequest: true };

  it('the waiver is honoured, and the decision says why it has no justification', () => {
    expect(missingDecisionElements(granted)).toEqual([]);
    expect(justificationText(granted)).toBe(
      'Decyzja uwzględnia w całości żądanie strony, dlatego na podstawie art. 107 § 4 Kodeksu postępowania administracyjnego odstąpiono od jej uzasadnienia.',
    );
    // A justification written anyway is printed as written.
    expect(justificationText({ ...COMPLETE, fullyGrantsRequest: true })).toBe(`${COMPLETE.justification.factual}\n\n${COMPLETE.justification.legal}`);
  });

  it('but not for contested interests of parties or a decision on appeal', () => {
    expect(detailOf({ ...granted, contestedInterests: true }, 'justification')).toMatch(/sporne interesy stron/);
    expect(detailOf({ ...granted, onAppeal: true }, 'justification')).toMatch(/na skutek odwołania/);
  });
});

describe('Ordynacja podatkowa profile (art. 210 §1)', () => {
  it('a complete tax draft with the OP instruction needs no art. 127a waiver', () => {
    expect(COMPLETE_TAX.appealInstruction).not.toMatch(/zrzec/);
    expect(missingDecisionElements(COMPLETE_TAX)).toEqual([]);
  });

  it('names the appeal element as the Ordynacja does, and cites art. 210 §1', () => {
    const check = checkDecisionDraft({ ...COMPLETE_TAX, appealInstruction: '' });
    expect(check.missing).toEqual([{ element: 'appeal', name: 'pouczenie o trybie odwoławczym', detail: null }]);
    if (!check.ok) expect(check.message).toContain('wymaganych przez art. 210 § 1 Ordynacji podatkowej: pouczenie o trybie odwoławczym.');
  });

  it('the same OP instruction in a KPA decision lacks the waiver', () => {
    expect(detailOf({ ...COMPLETE, appealInstruction: COMPLETE_TAX.appealInstruction }, 'appeal')).toMatch(/art\. 127a § 1/);
  });

  it('does not apply the KPA art. 107 §4 waiver to a tax decision', () => {
    const granted: DecisionDraft = { ...COMPLETE_TAX, justification: { factual: '', legal: '' }, fullyGrantsRequest: true };
    expect(detailOf(granted, 'justification')).toBe('w sprawach podatkowych program zawsze wymaga uzasadnienia');
  });
});

describe('appealInstruction', () => {
  it('KPA: appeal to the SKO through the issuing organ in 14 days, art. 128, and the art. 127a waiver with its effect', () => {
    const text = appealInstruction({ appealOrgan: SKO, issuingOrgan: ORGAN, days: 14, procedure: 'kpa' });
    const [appeal, waiver, ...rest] = text.split('\n\n');
    expect(rest).toEqual([]);
    expect(appeal).toBe(
      'Od niniejszej decyzji służy stronie odwołanie do Samorządowego Kolegium Odwoławczego w Nowym Sączu za pośrednictwem Wójta Gminy Zażółć, w terminie 14 dni od dnia jej doręczenia (art. 127 § 1 oraz art. 129 § 1 i 2 Kodeksu postępowania administracyjnego). Odwołanie nie wymaga szczegółowego uzasadnienia; wystarczy, jeżeli z odwołania wynika, że strona nie jest zadowolona z wydanej decyzji (art. 128 Kodeksu postępowania administracyjnego).',
    );
    expect(waiver).toBe(
      'W trakcie biegu terminu do wniesienia odwołania strona może zrzec się prawa do wniesienia odwołania wobec Wójta Gminy Zażółć, który wydał decyzję (art. 127a § 1 Kodeksu postępowania administracyjnego). Z dniem doręczenia organowi, który wydał decyzję, oświadczenia o zrzeczeniu się prawa do wniesienia odwołania przez ostatnią ze stron postępowania decyzja staje się ostateczna i prawomocna (art. 127a § 2 Kodeksu postępowania administracyjnego). Oznacza to, że decyzji nie będzie można zaskarżyć ani odwołaniem, ani skargą do wojewódzkiego sądu administracyjnego.',
    );
  });

  it('Ordynacja podatkowa: art. 220, 222 and 223, no waiver', () => {
    const text = appealInstruction({ appealOrgan: SKO, issuingOrgan: ORGAN, procedure: 'op' });
    expect(text).toContain('za pośrednictwem Wójta Gminy Zażółć, w terminie 14 dni od dnia jej doręczenia (art. 220 § 1 oraz art. 223 § 1 i 2 ustawy z dnia 29 sierpnia 1997 r. – Ordynacja podatkowa)');
    expect(text).toContain('Odwołanie powinno zawierać zarzuty przedstawione decyzji, określać istotę i zakres żądania będącego przedmiotem odwołania oraz wskazywać dowody uzasadniające to żądanie (art. 222 Ordynacji podatkowej).');
    expect(text).not.toMatch(/zrzec|127a|Kodeksu postępowania administracyjnego/);
  });

  it('declines the organs of a gmina, or takes both forms as given', () => {
    expect(organGenitive('Wójt Gminy Zażółć')).toBe('Wójta Gminy Zażółć');
    expect(organGenitive('Burmistrz  Miasta i Gminy Żółtki')).toBe('Burmistrza Miasta i Gminy Żółtki');
    expect(organGenitive('Prezydent Miasta Nowego Sącza')).toBe('Prezydenta Miasta Nowego Sącza');
    expect(organGenitive('Samorządowe Kolegium Odwoławcze w Tarnowie')).toBe('Samorządowego Kolegium Odwoławczego w Tarnowie');
    expect(organGenitive('Urząd Gminy Zażółć')).toBeNull();
    const text = appealInstruction({
      appealOrgan: { nominative: 'Dyrektor Izby Administracji Skarbowej w Krakowie', genitive: 'Dyrektora Izby Administracji Skarbowej w Krakowie' },
      issuingOrgan: 'Burmistrz Miasta Żółtki',
      days: 7,
      procedure: 'kpa',
    });
    expect(text).toContain('odwołanie do Dyrektora Izby Administracji Skarbowej w Krakowie za pośrednictwem Burmistrza Miasta Żółtki, w terminie 7 dni');
  });

  it('refuses an organ it cannot decline and a term that is not a number of days', () => {
    expect(thrown(() => appealInstruction({ appealOrgan: 'Kolegium', issuingOrgan: ORGAN, procedure: 'kpa' }))).toEqual({
      code: 'ORGAN_DECLENSION_UNKNOWN',
      message: 'Program nie zna odmiany nazwy organu „Kolegium” (potrzebna jest forma „za pośrednictwem kogo?”). Podaj ją wprost, np. „Wójta Gminy Zażółć”.',
    });
    expect(thrown(() => appealInstruction({ appealOrgan: SKO, issuingOrgan: ORGAN, days: 0, procedure: 'kpa' })).code).toBe('APPEAL_DAYS_INVALID');
    expect(thrown(() => appealInstruction({ appealOrgan: SKO, issuingOrgan: ORGAN, days: 14.5, procedure: 'kpa' })).code).toBe('APPEAL_DAYS_INVALID');
  });
});

describe('composeDecision', () => {
  const context = {
    caseSign: 'GK.6730.15.2026',
    place: 'Zażółć',
    extra: { numer: '15/2026', data_wniosku: '2 marca 2026 r.', przedmiot: 'budowa budynku gospodarczego', oplata: 'Opłatę skarbową w wysokości 598 zł uiszczono.' },
  };

  it('fills the template from the checked draft', () => {
    const result = composeDecision(template('WZ'), COMPLETE, context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.placeDate).toBe('Zażółć, dnia 14 maja 2026 r.');
    expect(result.document.title).toBe('DECYZJA nr 15/2026\no warunkach zabudowy');
    expect(result.document.signature).toBe('Małgorzata Śliwińska\nWójt Gminy Zażółć');
    expect(result.document.body).toContain('złożonego przez: Jan Źródlański, ul. Polna 3, 34-100 Żółtki, w sprawie ustalenia warunków zabudowy');
    expect(result.document.body).toContain('## Wójt Gminy Zażółć\n## ustala warunki zabudowy');
  });

  it('the draft wins over a stale extra value', () => {
    expect(decisionValues(COMPLETE, { ...context, extra: { ...context.extra, organ: 'Urząd Gminy' } }).organ).toBe(ORGAN);
  });

  it('refuses an incomplete draft with the art. 107 list, before the template', () => {
    const result = composeDecision(template('WZ'), { ...COMPLETE, ruling: '' }, context);
    expect(result).toMatchObject({ ok: false, code: 'DECISION_ELEMENTS_MISSING', missing: [{ element: 'ruling' }] });
  });

  it('refuses a template of another kind or procedure', () => {
    expect(composeDecision(template('ZASW'), COMPLETE, context)).toMatchObject({ ok: false, code: 'TEMPLATE_KIND_MISMATCH' });
    expect(composeDecision(template('PODATEK'), COMPLETE, context)).toMatchObject({ ok: false, code: 'TEMPLATE_PROCEDURE_MISMATCH' });
    expect(composeDecision(template('WZ'), COMPLETE_TAX, context)).toMatchObject({ ok: false, code: 'TEMPLATE_PROCEDURE_MISMATCH' });
  });

  it('names the template values the form still has to give', () => {
    const result = composeDecision(template('WZ'), COMPLETE, { caseSign: 'GK.6730.15.2026', place: 'Zażółć' });
    expect(result).toMatchObject({ ok: false, code: 'TEMPLATE_VALUES_MISSING', missingValues: ['numer', 'data_wniosku', 'przedmiot', 'oplata'] });
  });
});
