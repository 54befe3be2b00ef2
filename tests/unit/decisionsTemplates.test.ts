import { describe, expect, it } from 'vitest';
import { formatZloty, ponaglenieInstruction, stampDutyClause } from '#core/decisions/clauses';
import { DEFAULT_TEMPLATES, templateByCode, templatesOfKind } from '#core/decisions/defaultTemplates';
import { parseBody } from '#core/decisions/markup';
import {
  PLACEHOLDERS,
  TEMPLATE_FIELD_NAMES,
  documentTemplateSchema,
  renderDocumentTemplate,
  renderTemplate,
  validateDocumentTemplate,
  validateTemplate,
  type DocumentTemplate,
  type TemplateValues,
} from '#core/decisions/templates';
import decisionTypes from '../../core/reference/decision-types.json' with { type: 'json' };
import { thrown } from '#tests/support/thrown';

/** Every placeholder with its sample value: what the admin editor's preview shows. */
const EXAMPLES: TemplateValues = Object.fromEntries(Object.entries(PLACEHOLDERS).map(([name, info]) => [name, info.example]));

function shipped(code: string): DocumentTemplate {
  const found = templateByCode(code);
  if (!found.ok) throw new Error(found.message);
  return found.value;
}


describe('renderTemplate', () => {
  it('puts values in, trimmed, every occurrence, in one pass', () => {
    const result = renderTemplate('{{organ}} — {{ organ }}: {{strony}}', { organ: ' Wójt Gminy Zażółć ', strony: 'Jan {{organ}} Kowalski' });
    expect(result).toEqual({ ok: true, text: 'Wójt Gminy Zażółć — Wójt Gminy Zażółć: Jan {{organ}} Kowalski' });
  });

  it('keeps line breaks of the text and of the values', () => {
    const result = renderTemplate('## {{organ}}\n\n{{rozstrzygniecie}}', { organ: 'Wójt', rozstrzygniecie: '1. a\n2. b' });
    expect(result).toEqual({ ok: true, text: '## Wójt\n\n1. a\n2. b' });
  });

  it('ignores values the text does not use', () => {
    expect(renderTemplate('Bez pól.', { organ: 'Wójt' })).toEqual({ ok: true, text: 'Bez pól.' });
  });

  it('refuses an unknown placeholder, with its line and the likely one meant', () => {
    const result = renderTemplate('Na podstawie {{podstawa}}\n{{organ}} {{Organ}}\n{{rozstrzygnięcie}} {{zupelnie_obce}}', { organ: 'Wójt' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('TEMPLATE_PLACEHOLDER_UNKNOWN');
    expect(result.message).toBe(
      'Szablon zawiera pola, których program nie zna: {{podstawa}} w wierszu 1 (czy chodziło o {{podstawa_prawna}}?); {{Organ}} w wierszu 2 (czy chodziło o {{organ}}?); {{rozstrzygnięcie}} w wierszu 3 (czy chodziło o {{rozstrzygniecie}}?); {{zupelnie_obce}} w wierszu 3. Popraw nazwy albo usuń te pola; dostępne pola pokazuje lista obok edytora szablonu.',
    );
    expect(result.problems.map((p) => p.kind)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('refuses malformed braces before anything else', () => {
    for (const text of ['{{organ', 'organ}} jest', '{organ}', 'pusto {{}}', '{{{organ}}}']) {
      const result = renderTemplate(text, { organ: 'Wójt' });
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.code, text).toBe('TEMPLATE_SYNTAX');
    }
    const result = renderTemplate('Dobrze: {{organ}}\nźle: {{data', { organ: 'Wójt', data: '1 maja 2026 r.' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe(
      'Szablon zawiera źle zapisane pola: „źle: {{data” w wierszu 2. Pole zapisuje się w podwójnych nawiasach klamrowych, np. {{organ}}.',
    );
  });

  it('names every missing or blank value, once, in the order of the text', () => {
    const result = renderTemplate('{{organ}}, {{data}}, {{strony}}, {{organ}}', { strony: 'Jan Kowalski', data: '   ' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('TEMPLATE_VALUES_MISSING');
    expect(result.missing).toEqual(['organ', 'data']);
    expect(result.message).toBe(
      'Nie można przygotować pisma, bo brakuje danych: oznaczenie organu ({{organ}}), data wydania ({{data}}). Uzupełnij je w formularzu.',
    );
  });
});

describe('validateTemplate (admin editor)', () => {
  it('lists the placeholders used, in order of first use', () => {
    expect(validateTemplate('{{data}} {{organ}} {{data}}')).toEqual({ ok: true, placeholders: ['data', 'organ'] });
  });

  it('reports the same problems as rendering', () => {
    const result = validateTemplate('{{organ}}\n{{podpis}}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('TEMPLATE_PLACEHOLDER_UNKNOWN');
    expect(result.problems).toEqual([{ kind: 'unknown', line: 2, name: 'podpis', suggestion: expect.stringMatching(/^podpis_/) as unknown }]);
  });
});

describe('the shipped templates', () => {
  it('has a template for every decision type of decision-types.json', () => {
    const codes = decisionTypes.map((t) => t.code).sort();
    const forTypes = DEFAULT_TEMPLATES.filter((t) => t.decisionType !== null);
    expect(forTypes.map((t) => t.decisionType).sort()).toEqual(codes);
    for (const t of forTypes) expect(t.code).toBe(t.decisionType);
  });

  it('has the three letters every case needs', () => {
    expect(templatesOfKind('start-notice').map((t) => t.code)).toEqual(['ZAWIADOMIENIE_WSZCZECIE']);
    expect(templatesOfKind('deficiency-request').map((t) => t.code)).toEqual(['WEZWANIE_BRAKI']);
    expect(templatesOfKind('delay-notice').map((t) => t.code)).toEqual(['ZAWIADOMIENIE_ZWLOKA']);
  });

  it.each(DEFAULT_TEMPLATES.map((t) => [t.code, t] as const))('%s passes the admin check and renders with every value', (_code, template) => {
    expect(validateDocumentTemplate(template)).toMatchObject({ ok: true });
    // What the settings would store survives the schema.
    expect(documentTemplateSchema.parse(JSON.parse(JSON.stringify(template)))).toEqual(template);
    const result = renderDocumentTemplate(template, EXAMPLES);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const field of TEMPLATE_FIELD_NAMES) {
      expect(result.document[field], field).not.toMatch(/[{}]/);
      expect(result.document[field].trim(), field).not.toBe('');
    }
    expect(result.document.reference).toBe('GK.6730.15.2026');
    expect(result.document.placeDate).toBe('Zażółć, dnia 14 maja 2026 r.');
    expect(result.document.signature).toBe('Anna Kowalska\nWójt Gminy Zażółć');
  });

  it('reports every value missing over all fields at once', () => {
    const result = renderDocumentTemplate(shipped('WZ'), { organ: 'Wójt Gminy Zażółć' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.missing).toEqual([
      'znak_sprawy',
      'miejscowosc',
      'data',
      'numer',
      'podstawa_prawna',
      'data_wniosku',
      'strony',
      'przedmiot',
      'rozstrzygniecie',
      'uzasadnienie',
      'pouczenie',
      'oplata',
      'podpis_imie_nazwisko',
      'podpis_stanowisko',
    ]);
  });

  it('KPA decisions cite art. 104 KPA; the tax decision the Ordynacja podatkowa instead', () => {
    for (const code of ['WZ', 'ULICP', 'DSU', 'DRZEWA', 'PASDROGI']) {
      const t = shipped(code);
      expect(t.procedure).toBe('kpa');
      expect(t.fields.body).toContain('oraz art. 104 ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego');
      expect(t.fields.body).toMatch(/## Uzasadnienie[\s\S]*## Pouczenie\n\n\{\{pouczenie\}\}/);
      expect(t.fields.title).toMatch(/^DECYZJA nr \{\{numer\}\}\n/);
    }
    const tax = shipped('PODATEK');
    expect(tax.procedure).toBe('op');
    expect(tax.fields.body).toMatch(/^Na podstawie art\. 21 § 1 pkt 2 i art\. 207 § 1 ustawy z dnia 29 sierpnia 1997 r\. – Ordynacja podatkowa w związku z \{\{podstawa_prawna\}\}/);
    expect(tax.fields.body).not.toContain('Kodeks postępowania administracyjnego');
    expect(tax.fields.body).not.toContain('{{oplata}}');
  });

  it('the certificate is not a decision: no ruling, no appeal instruction', () => {
    const t = shipped('ZASW');
    expect(t.kind).toBe('certificate');
    expect(t.fields.title).toBe('ZAŚWIADCZENIE');
    const body = `${t.fields.title}\n${t.fields.body}`;
    expect(body).not.toContain('{{pouczenie}}');
    expect(body).not.toContain('{{rozstrzygniecie}}');
    expect(body).not.toMatch(/odwołani|Pouczenie/);
    expect(body).toContain('{{tresc}}');
  });

  it('the letters carry what their articles require', () => {
    const start = shipped('ZAWIADOMIENIE_WSZCZECIE').fields.body;
    expect(start).toContain('Na podstawie art. 61 § 4 ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego');
    expect(start).toContain('zostało wszczęte postępowanie administracyjne');
    expect(start).toContain('art. 10 § 1');
    expect(start).toContain('art. 73 § 1');

    const request = shipped('WEZWANIE_BRAKI').fields.body;
    expect(request).toContain('art. 64 § 2');
    expect(request).toContain('w terminie 7 dni od dnia doręczenia niniejszego wezwania');
    expect(request).toContain('spowoduje pozostawienie wniosku bez rozpoznania');

    const delay = shipped('ZAWIADOMIENIE_ZWLOKA').fields.body;
    expect(delay).toContain('Na podstawie art. 36 § 1');
    expect(delay).toContain('Przyczyna zwłoki: {{przyczyna_zwloki}}');
    expect(delay).toContain('Nowy termin załatwienia sprawy: {{nowy_termin}}');
    expect(delay).toContain('## Pouczenie\n\n{{pouczenie}}');
  });

  it('an unknown code is refused', () => {
    expect(templateByCode('XYZ')).toEqual({
      ok: false,
      code: 'TEMPLATE_NOT_FOUND',
      message: 'Nie ma szablonu „XYZ”. Wybierz szablon z listy albo poproś administratora o jego dodanie.',
    });
  });
});

describe('validateDocumentTemplate (what an edited template may not drop)', () => {
  function edited(code: string, body: (b: string) => string): DocumentTemplate {
    const t = shipped(code);
    return { ...t, fields: { ...t.fields, body: body(t.fields.body) } };
  }

  it('a decision without the appeal instruction or the justification breaks art. 107 §1', () => {
    const result = validateDocumentTemplate(edited('WZ', (b) => b.replace('{{pouczenie}}', '').replace('{{uzasadnienie}}', '')));
    expect(result).toMatchObject({
      ok: false,
      code: 'TEMPLATE_REQUIRED_MISSING',
      message:
        'W szablonie brakuje elementów, których wymaga art. 107 § 1 KPA: {{uzasadnienie}} (uzasadnienie faktyczne i prawne), {{pouczenie}} (pouczenie). Dodaj je do szablonu, inaczej pisma z niego nie spełnią wymogów prawa.',
    });
  });

  it('the tax decision is held to art. 210 § 1 of the Ordynacja podatkowa', () => {
    const result = validateDocumentTemplate(edited('PODATEK', (b) => b.replace('{{podstawa_prawna}}', 'ustawą')));
    expect(result).toMatchObject({ ok: false, code: 'TEMPLATE_REQUIRED_MISSING' });
    if (!result.ok) expect(result.message).toContain('art. 210 § 1 Ordynacji podatkowej: {{podstawa_prawna}}');
  });

  it('the request to remedy defects keeps a term of at least 7 days and the consequence', () => {
    const shortTerm = validateDocumentTemplate(edited('WEZWANIE_BRAKI', (b) => b.replaceAll('7 dni', '5 dni')));
    expect(shortTerm).toMatchObject({ ok: false, code: 'TEMPLATE_REQUIRED_MISSING' });
    if (!shortTerm.ok) expect(shortTerm.message).toContain('art. 64 § 2 KPA: termin co najmniej 7 dni');
    expect(validateDocumentTemplate(edited('WEZWANIE_BRAKI', (b) => b.replaceAll('7 dni', '14 dni')))).toMatchObject({ ok: true });
    const noConsequence = validateDocumentTemplate(edited('WEZWANIE_BRAKI', (b) => b.replace('bez rozpoznania', 'bez dalszego biegu')));
    expect(noConsequence).toMatchObject({ ok: false });
    if (!noConsequence.ok) expect(noConsequence.message).toContain('pozostawienie wniosku bez rozpoznania');
  });

  it('names the field with a malformed placeholder', () => {
    const t = shipped('ZASW');
    const result = validateDocumentTemplate({ ...t, fields: { ...t.fields, signature: '{{podpis_imie_nazwisko}\n{{podpis_stanowisko}}' } });
    expect(result).toMatchObject({ ok: false, code: 'TEMPLATE_SYNTAX', field: 'signature' });
    if (!result.ok) expect(result.message).toMatch(/^Podpis: Szablon zawiera źle zapisane pola/);
  });
});

describe('parseBody', () => {
  it('reads headings, paragraphs, points, sub-points and dashes', () => {
    const body = 'Na podstawie art. 1,\n\n## Wójt Gminy\n## ustala\n\n1. Pierwszy.\na) pod-punkt,\n- myślnik pod punktem\n2) Drugi.\n\n- samodzielny\n- drugi\nzwykły wiersz';
    expect(parseBody(body)).toEqual([
      { kind: 'paragraph', lines: [{ marker: null, level: 0, text: 'Na podstawie art. 1,' }] },
      { kind: 'heading', lines: ['Wójt Gminy', 'ustala'] },
      {
        kind: 'paragraph',
        lines: [
          { marker: '1.', level: 1, text: 'Pierwszy.' },
          { marker: 'a)', level: 2, text: 'pod-punkt,' },
          { marker: '–', level: 2, text: 'myślnik pod punktem' },
          { marker: '2)', level: 1, text: 'Drugi.' },
        ],
      },
      {
        kind: 'paragraph',
        lines: [
          { marker: '–', level: 1, text: 'samodzielny' },
          { marker: '–', level: 1, text: 'drugi' },
          { marker: null, level: 0, text: 'zwykły wiersz' },
        ],
      },
    ]);
  });
});

describe('clauses', () => {
  it('stamp duty: the amount from the settings, or none charged', () => {
    expect(stampDutyClause(598)).toBe('Opłatę skarbową w wysokości 598 zł uiszczono.');
    expect(stampDutyClause(17.5)).toBe('Opłatę skarbową w wysokości 17,50 zł uiszczono.');
    expect(stampDutyClause(0)).toBe('Opłaty skarbowej nie pobrano.');
    expect(formatZloty(1250)).toBe('1\u00a0250 zł');
    expect(thrown(() => stampDutyClause(-1)).code).toBe('STAMP_DUTY_INVALID');
    expect(thrown(() => stampDutyClause(1.234)).code).toBe('STAMP_DUTY_INVALID');
  });

  it('ponaglenie: KPA art. 37 §1–3, to the SKO through the wójt', () => {
    const text = ponaglenieInstruction({ appealOrgan: 'Samorządowe Kolegium Odwoławcze w Nowym Sączu', issuingOrgan: 'Wójt Gminy Zażółć' });
    expect(text).toContain('Stronie służy prawo do wniesienia ponaglenia');
    expect(text).toContain('(bezczynność)');
    expect(text).toContain('(przewlekłość)');
    expect(text).toContain(
      'Ponaglenie wnosi się do Samorządowego Kolegium Odwoławczego w Nowym Sączu za pośrednictwem Wójta Gminy Zażółć (art. 37 § 3 pkt 1 Kodeksu postępowania administracyjnego).',
    );
    expect(text).toContain('Ponaglenie zawiera uzasadnienie (art. 37 § 2');
  });
});
