import { z } from 'zod';
import { checkFailure, type CheckFailure } from '#core/checkResult';

// Templates of decisions, certificates and letters, kept as data: an administrator edits the
// wording in the office's settings, and no code changes when the wording does.
//
// Decisions:
// - A template is a handful of text fields (reference, place and date, title, body, signature),
//   each plain text with placeholders `{{name}}`. The fields are the parts the page places in
//   fixed spots (case sign top left, date top right, title centred, signature bottom right);
//   everything else is the body.
// - The body's only markup is a heading line `## Uzasadnienie` (core/decisions/markup.ts). Blank
//   lines separate paragraphs. Values keep their line breaks, so a numbered ruling stays numbered.
// - The placeholders are a closed list (PLACEHOLDERS): a misspelt `{{podstawa}}` in an edited
//   template is refused with a suggestion, instead of printing literally on a decision.
// - A value that is missing, or only whitespace, is refused by name: a decision with a blank
//   where the legal basis should be is worse than no decision (KPA art. 107 §1).
// - Substitution is one pass: a value containing `{{…}}` (typed by a clerk, or a party's name)
//   is printed as typed and never expanded.
// - A template of a decision must carry the placeholders of every KPA art. 107 §1 element (or
//   art. 210 §1 of the Ordynacja podatkowa for a tax decision); a letter those of the article it
//   is written under (validateDocumentTemplate). An edited template that dropped one is refused.

/** What a placeholder is, for the admin editor's list of fields and for messages. */
export type PlaceholderInfo = {
  /** The name as a clerk knows it (for "brakuje danych: …"). */
  label: string;
  /** What to put there, in which grammatical form. */
  hint: string;
  /** A sample value: previews in the editor, tests. */
  example: string;
};

/** Every placeholder a template may use. */
export const PLACEHOLDERS = {
  organ: {
    label: 'oznaczenie organu',
    hint: 'organ wydający, w mianowniku, np. „Wójt Gminy Zażółć” (urząd nie jest organem)',
    example: 'Wójt Gminy Zażółć',
  },
  strony: {
    label: 'oznaczenie strony lub stron',
    hint: 'imię i nazwisko albo nazwa oraz adres każdej strony, w mianowniku',
    example: 'Jan Źródlański, ul. Polna 3, 34-100 Żółtki',
  },
  podstawa_prawna: {
    label: 'podstawa prawna',
    hint: 'przepisy prawa materialnego: artykuł, ustęp i ustawa',
    example: 'art. 59 ust. 1 ustawy z dnia 27 marca 2003 r. o planowaniu i zagospodarowaniu przestrzennym',
  },
  rozstrzygniecie: {
    label: 'rozstrzygnięcie',
    hint: 'treść rozstrzygnięcia; punkty można numerować „1.”, „2.”, podpunkty „a)”',
    example: '1. Rodzaj inwestycji: budynek gospodarczy.\n2. Warunki zabudowy: wysokość do 5 m, dach dwuspadowy.',
  },
  uzasadnienie: {
    label: 'uzasadnienie faktyczne i prawne',
    hint: 'fakty uznane za udowodnione z dowodami oraz wyjaśnienie podstawy prawnej (art. 107 § 3 KPA)',
    example: 'Wniosek wpłynął 2 marca 2026 r. Teren ma dostęp do drogi publicznej.\n\nZgodnie z art. 61 ust. 1 ustawy warunki zostały spełnione.',
  },
  pouczenie: {
    label: 'pouczenie',
    hint: 'pouczenie o odwołaniu i o prawie do zrzeczenia się odwołania albo inne pouczenie właściwe dla pisma',
    example: 'Od niniejszej decyzji służy stronie odwołanie do Samorządowego Kolegium Odwoławczego w Nowym Sączu.',
  },
  oplata: {
    label: 'informacja o opłacie skarbowej',
    hint: 'zdanie o opłacie skarbowej, np. „Opłatę skarbową w wysokości 598 zł uiszczono.”',
    example: 'Opłatę skarbową w wysokości 598 zł uiszczono.',
  },
  znak_sprawy: { label: 'znak sprawy', hint: 'np. GK.6730.15.2026', example: 'GK.6730.15.2026' },
  miejscowosc: { label: 'miejscowość', hint: 'miejscowość siedziby organu, w mianowniku', example: 'Zażółć' },
  data: { label: 'data wydania', hint: 'data słownie, np. „14 maja 2026 r.”', example: '14 maja 2026 r.' },
  podpis_imie_nazwisko: { label: 'imię i nazwisko podpisującego', hint: 'np. „Anna Kowalska”', example: 'Anna Kowalska' },
  podpis_stanowisko: { label: 'stanowisko podpisującego', hint: 'np. „Wójt Gminy Zażółć” albo „z up. Wójta — Kierownik Referatu”', example: 'Wójt Gminy Zażółć' },
  numer: { label: 'numer decyzji', hint: 'numer w rejestrze decyzji, np. „15/2026”', example: '15/2026' },
  data_wniosku: { label: 'data wniosku', hint: 'data złożenia wniosku, słownie, np. „2 marca 2026 r.”', example: '2 marca 2026 r.' },
  przedmiot: {
    label: 'przedmiot sprawy',
    hint: 'czego dotyczy sprawa, w mianowniku, np. „budowa budynku gospodarczego na działce nr 45/7, obręb Żółtki”',
    example: 'budowa budynku gospodarczego na działce nr 45/7, obręb Żółtki',
  },
  tresc: { label: 'treść zaświadczenia', hint: 'fakty lub stan prawny, które zaświadczenie potwierdza', example: 'działka nr 45/7, obręb Żółtki, nie jest objęta miejscowym planem zagospodarowania przestrzennego.' },
  braki: {
    label: 'braki do usunięcia',
    hint: 'co strona ma uzupełnić, najlepiej w punktach',
    example: '1. dołączenie kopii mapy zasadniczej w skali 1:1000,\n2. podpisanie wniosku.',
  },
  przyczyna_zwloki: { label: 'przyczyna zwłoki', hint: 'dlaczego sprawa nie zostanie załatwiona w terminie (art. 36 § 1 KPA)', example: 'konieczność uzyskania uzgodnienia zarządcy drogi powiatowej.' },
  nowy_termin: { label: 'nowy termin załatwienia sprawy', hint: 'data, np. „30 kwietnia 2026 r.”', example: '30 kwietnia 2026 r.' },
  miejsce_wgladu: {
    label: 'miejsce i godziny wglądu w akta',
    hint: 'gdzie i kiedy strony mogą zapoznać się z aktami',
    example: 'Urząd Gminy Zażółć, ul. Główna 1, pokój 12, w godzinach pracy urzędu',
  },
} as const satisfies Record<string, PlaceholderInfo>;

export type PlaceholderName = keyof typeof PLACEHOLDERS;

/** Values to put into a template; a name missing here (or blank) is a missing value. */
export type TemplateValues = Partial<Record<PlaceholderName, string>>;

function isPlaceholderName(name: string): name is PlaceholderName {
  return Object.hasOwn(PLACEHOLDERS, name);
}

// ---------------------------------------------------------------------------------------------
// Templates as data

/** What a template makes: it decides the required placeholders and how the page is titled. */
export type TemplateKind =
  /** Decyzja (KPA art. 104, 107; Ordynacja podatkowa art. 207, 210). */
  | 'decision'
  /** Zaświadczenie (KPA art. 217): not a decision, no appeal. */
  | 'certificate'
  /** Zawiadomienie o wszczęciu postępowania (KPA art. 61 §4). */
  | 'start-notice'
  /** Wezwanie do usunięcia braków wniosku (KPA art. 64 §2). */
  | 'deficiency-request'
  /** Zawiadomienie o niezałatwieniu sprawy w terminie (KPA art. 36). */
  | 'delay-notice';

/** The procedural law a document follows: KPA, or the Ordynacja podatkowa for tax matters. */
export type Procedure = 'kpa' | 'op';

/** The text fields of a template; each may hold placeholders. */
export type TemplateFields = {
  /** Top left: the case sign. */
  reference: string;
  /** Top right: "{{miejscowosc}}, dnia {{data}}". */
  placeDate: string;
  /** Centred: first line large ("DECYZJA nr {{numer}}"), further lines under it. */
  title: string;
  /** The text, with `## ` heading lines and blank lines between paragraphs. */
  body: string;
  /** Bottom right: first line the name, then the position. */
  signature: string;
};

export const TEMPLATE_FIELD_NAMES = ['reference', 'placeDate', 'title', 'body', 'signature'] as const satisfies readonly (keyof TemplateFields)[];

/** Field names as the admin editor labels them, for messages. */
const FIELD_LABELS: Record<keyof TemplateFields, string> = {
  reference: 'znak sprawy',
  placeDate: 'miejscowość i data',
  title: 'tytuł',
  body: 'treść',
  signature: 'podpis',
};

/** A template of a decision, certificate or letter. */
export type DocumentTemplate = {
  /** Stable identifier: the decision type's code (WZ, PODATEK…) or the letter's. */
  code: string;
  /** Shown in the list of templates. */
  name: string;
  kind: TemplateKind;
  procedure: Procedure;
  /** The entry of core/reference/decision-types.json this template is for, if any. */
  decisionType: string | null;
  fields: TemplateFields;
};

const templateText = z.string().max(100_000);

/** The shape of a template stored in the settings or imported by the administrator. */
export const documentTemplateSchema = z.object({
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(200),
  kind: z.enum(['decision', 'certificate', 'start-notice', 'deficiency-request', 'delay-notice']),
  procedure: z.enum(['kpa', 'op']),
  decisionType: z.string().max(40).nullable(),
  fields: z.object({
    reference: templateText,
    placeDate: templateText,
    title: templateText,
    body: templateText,
    signature: templateText,
  }),
}) satisfies z.ZodType<DocumentTemplate>;

// ---------------------------------------------------------------------------------------------
// Parsing and checking one text

/** One thing wrong with a template's text, with its line (from 1) for the editor. */
export type TemplateProblem =
  | { kind: 'syntax'; line: number; fragment: string }
  | { kind: 'unknown'; line: number; name: string; suggestion: PlaceholderName | null };

/** The placeholders a template uses, in order of first use, or why it cannot be used. */
export type TemplateValidation =
  | { ok: true; placeholders: PlaceholderName[] }
  | (CheckFailure & { problems: TemplateProblem[] });

/** A text with its values put in, or why not. */
export type TemplateRender =
  | { ok: true; text: string }
  | (CheckFailure & { problems: TemplateProblem[]; missing: PlaceholderName[] });

type Token = { start: number; end: number; name: PlaceholderName; line: number };
type Scan = { tokens: Token[]; problems: TemplateProblem[] };

// `{{ name }}` with optional spaces: admins type them, and they are harmless.
const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[a-z][a-z0-9_]*$/;
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** Edit distance, for "czy chodziło o …?" on a misspelt placeholder. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function suggest(name: string): PlaceholderName | null {
  // Polish letters and capitals are the usual slips: {{Organ}}, {{rozstrzygnięcie}}.
  const plain = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/gi, 'l').toLowerCase().replace(/[\s-]+/g, '_');
  let best: PlaceholderName | null = null;
  let bestDistance = Infinity;
  for (const candidate of Object.keys(PLACEHOLDERS)) {
    if (!isPlaceholderName(candidate)) continue;
    const d = candidate.startsWith(plain) && plain.length >= 4 ? 0.5 : distance(plain, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(plain.length / 4)) ? best : null;
}

function scan(text: string): Scan {
  const tokens: Token[] = [];
  const problems: TemplateProblem[] = [];
  let rest = '';
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const name = match[1] ?? '';
    const line = lineAt(text, match.index);
    rest += text.slice(last, match.index) + ' '.repeat(match[0].length);
    last = match.index + match[0].length;
    if (NAME.test(name) && isPlaceholderName(name)) {
      tokens.push({ start: match.index, end: last, name, line });
    } else if (name === '') {
      problems.push({ kind: 'syntax', line, fragment: match[0] });
    } else {
      problems.push({ kind: 'unknown', line, name, suggestion: suggest(name) });
    }
  }
  rest += text.slice(last);
  // What is left once every well-formed placeholder is blanked out must hold no braces: an
  // unclosed `{{organ`, a stray `}}`, a single-braced `{organ}` or a third brace would all print
  // on the decision as typed. Polish official letters have no other use for braces.
  let offset = 0;
  for (const line of rest.split('\n')) {
    const brace = line.search(/[{}]/);
    if (brace !== -1) {
      const at = offset + brace;
      problems.push({ kind: 'syntax', line: lineAt(text, at), fragment: text.slice(Math.max(offset, at - 12), Math.min(offset + line.length, at + 18)).trim() });
    }
    offset += line.length + 1;
  }
  problems.sort((a, b) => a.line - b.line);
  return { tokens, problems };
}

function describeProblems(problems: readonly TemplateProblem[]): CheckFailure {
  const syntax = problems.filter((p) => p.kind === 'syntax');
  if (syntax.length > 0) {
    return checkFailure('TEMPLATE_SYNTAX', { list: syntax.map((p) => `„${p.fragment}” w wierszu ${p.line}`).join('; ') });
  }
  const unknown = problems.flatMap((p) => (p.kind === 'unknown' ? [p] : []));
  const list = unknown
    .map((p) => `{{${p.name}}} w wierszu ${p.line}${p.suggestion === null ? '' : ` (czy chodziło o {{${p.suggestion}}}?)`}`)
    .join('; ');
  return checkFailure('TEMPLATE_PLACEHOLDER_UNKNOWN', { list });
}

/**
 * Check a template's text for the admin editor.
 *
 * Refuses malformed braces and placeholders that are not in PLACEHOLDERS (with the line and a
 * suggestion); otherwise lists the placeholders used.
 */
export function validateTemplate(text: string): TemplateValidation {
  const { tokens, problems } = scan(text);
  if (problems.length > 0) return { ...describeProblems(problems), problems };
  const used: PlaceholderName[] = [];
  for (const token of tokens) if (!used.includes(token.name)) used.push(token.name);
  return { ok: true, placeholders: used };
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** "oznaczenie organu ({{organ}}), data wydania ({{data}})" */
function describeMissing(missing: readonly PlaceholderName[]): string {
  return missing.map((name) => `${PLACEHOLDERS[name].label} ({{${name}}})`).join(', ');
}

/**
 * Put the values into a template's text.
 *
 * Refuses a text with unknown or malformed placeholders (the template's fault), then one whose
 * placeholders lack a value or have only whitespace (the form's fault), naming each. Values are
 * inserted as they are, trimmed of surrounding whitespace; values the text does not use are
 * ignored.
 */
export function renderTemplate(text: string, values: TemplateValues): TemplateRender {
  const { tokens, problems } = scan(text);
  const missing: PlaceholderName[] = [];
  for (const token of tokens) {
    if (isBlank(values[token.name]) && !missing.includes(token.name)) missing.push(token.name);
  }
  if (problems.length > 0) return { ...describeProblems(problems), problems, missing };
  if (missing.length > 0) {
    return { ...checkFailure('TEMPLATE_VALUES_MISSING', { list: describeMissing(missing) }), problems, missing };
  }
  let out = '';
  let last = 0;
  for (const token of tokens) {
    out += text.slice(last, token.start) + (values[token.name] ?? '').trim();
    last = token.end;
  }
  return { ok: true, text: out + text.slice(last) };
}

// ---------------------------------------------------------------------------------------------
// Whole templates

/** What a kind of document must say, and the provision that says so. */
type Requirement = {
  basis: string;
  placeholders: readonly PlaceholderName[];
  /** Fixed wording the body must keep (a consequence the law says the letter must state). */
  phrases?: readonly { pattern: RegExp; label: string }[];
};

// Every document: who, when, which case, and who signs (KPA art. 107 §1 pkt 1, 2, 8 for a
// decision; the same for any letter of an organ under the instrukcja kancelaryjna).
const COMMON: readonly PlaceholderName[] = ['organ', 'znak_sprawy', 'data', 'podpis_imie_nazwisko', 'podpis_stanowisko'];
const DECISION: readonly PlaceholderName[] = [...COMMON, 'strony', 'podstawa_prawna', 'rozstrzygniecie', 'uzasadnienie', 'pouczenie'];

const REQUIREMENTS: Record<`${TemplateKind}/${Procedure}`, Requirement | null> = {
  'decision/kpa': { basis: 'art. 107 § 1 KPA', placeholders: DECISION },
  'decision/op': { basis: 'art. 210 § 1 Ordynacji podatkowej', placeholders: DECISION },
  // A certificate confirms facts or a legal state (KPA art. 217 §1) for whoever asked for it.
  'certificate/kpa': { basis: 'art. 217 KPA', placeholders: [...COMMON, 'strony', 'tresc'] },
  'start-notice/kpa': { basis: 'art. 61 § 4 KPA', placeholders: [...COMMON, 'strony', 'przedmiot'] },
  // KPA art. 64 §2: a term of at least seven days and the warning that the request will be left
  // unexamined.
  'deficiency-request/kpa': {
    basis: 'art. 64 § 2 KPA',
    placeholders: [...COMMON, 'strony', 'braki'],
    phrases: [
      { pattern: /\b([7-9]|[1-9]\d+) dni\b/, label: 'termin co najmniej 7 dni' },
      { pattern: /bez rozpoznania/, label: 'pouczenie, że nieusunięcie braków spowoduje pozostawienie wniosku bez rozpoznania' },
    ],
  },
  // KPA art. 36 §1: the reason, the new deadline and the instruction on the ponaglenie.
  'delay-notice/kpa': { basis: 'art. 36 § 1 KPA', placeholders: [...COMMON, 'przyczyna_zwloki', 'nowy_termin', 'pouczenie'] },
  // The Ordynacja podatkowa has its own certificates (art. 306a) and letters (art. 140, 169):
  // no default template is shipped for them, so nothing is required of one an office adds.
  'certificate/op': null,
  'start-notice/op': null,
  'deficiency-request/op': null,
  'delay-notice/op': null,
};

/**
 * The placeholders the law requires of a kind of document, and the provision requiring them
 * (for the admin editor to mark them); null when nothing is required.
 */
export function requiredPlaceholders(kind: TemplateKind, procedure: Procedure): { basis: string; placeholders: readonly PlaceholderName[] } | null {
  const requirement = REQUIREMENTS[`${kind}/${procedure}`];
  return requirement === null ? null : { basis: requirement.basis, placeholders: requirement.placeholders };
}

/** The template's placeholders per field, or why it cannot be used. */
export type DocumentTemplateValidation =
  | { ok: true; placeholders: PlaceholderName[] }
  | (CheckFailure & { field: keyof TemplateFields | null; problems: TemplateProblem[] });

/**
 * Check a whole template before it is saved: every field well formed, and every placeholder
 * (and fixed phrase) the law requires of its kind present somewhere in it.
 */
export function validateDocumentTemplate(template: DocumentTemplate): DocumentTemplateValidation {
  const used: PlaceholderName[] = [];
  for (const field of TEMPLATE_FIELD_NAMES) {
    const result = validateTemplate(template.fields[field]);
    if (!result.ok) {
      return { ...result, message: `${FIELD_LABELS[field][0]?.toUpperCase() ?? ''}${FIELD_LABELS[field].slice(1)}: ${result.message}`, field };
    }
    for (const name of result.placeholders) if (!used.includes(name)) used.push(name);
  }
  const requirement = REQUIREMENTS[`${template.kind}/${template.procedure}`];
  if (requirement !== null) {
    const missing: string[] = requirement.placeholders.filter((name) => !used.includes(name)).map((name) => `{{${name}}} (${PLACEHOLDERS[name].label})`);
    for (const phrase of requirement.phrases ?? []) {
      if (!phrase.pattern.test(template.fields.body)) missing.push(phrase.label);
    }
    if (missing.length > 0) {
      return { ...checkFailure('TEMPLATE_REQUIRED_MISSING', { list: missing.join(', '), basis: requirement.basis }), field: null, problems: [] };
    }
  }
  return { ok: true, placeholders: used };
}

/** A template's fields with the values put in. */
export type RenderedDocument = {
  code: string;
  kind: TemplateKind;
  procedure: Procedure;
} & TemplateFields;

export type DocumentRender =
  | { ok: true; document: RenderedDocument }
  | (CheckFailure & { problems: TemplateProblem[]; missing: PlaceholderName[] });

/**
 * Put the values into every field of a template.
 *
 * Missing values are collected over all fields and reported together, so the form can mark
 * every empty field at once.
 */
export function renderDocumentTemplate(template: DocumentTemplate, values: TemplateValues): DocumentRender {
  const rendered: Partial<TemplateFields> = {};
  const missing: PlaceholderName[] = [];
  for (const field of TEMPLATE_FIELD_NAMES) {
    const result = renderTemplate(template.fields[field], values);
    if (result.ok) {
      rendered[field] = result.text;
      continue;
    }
    if (result.problems.length > 0) return result;
    for (const name of result.missing) if (!missing.includes(name)) missing.push(name);
  }
  if (missing.length > 0) {
    return { ...checkFailure('TEMPLATE_VALUES_MISSING', { list: describeMissing(missing) }), problems: [], missing };
  }
  const { reference = '', placeDate = '', title = '', body = '', signature = '' } = rendered;
  return { ok: true, document: { code: template.code, kind: template.kind, procedure: template.procedure, reference, placeDate, title, body, signature } };
}
