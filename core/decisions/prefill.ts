import { detailNameSchema, type DecisionContent } from '#core/contract';
import types from '../reference/decision-types.json' with { type: 'json' };
import { DEFAULT_TEMPLATES } from '#core/decisions/defaultTemplates';
import { PLACEHOLDERS, requiredPlaceholders, type PlaceholderName, type TemplateKind } from '#core/decisions/templates';

/**
 * A kind of document a clerk drafts in a case (from the office's reference list of decisions,
 * and the letters of the procedure the templates ship: zawiadomienie o wszczęciu, wezwanie do
 * usunięcia braków, zawiadomienie o zwłoce). Decisions and certificates are numbered in the
 * decision register when signed; letters are not.
 */
export type DecisionType = { code: string; name: string; legalBasis: string; fee: string; isDecision: boolean; procedure: 'kpa' | 'op'; kind: TemplateKind };

type RawType = { code: string; name: string; legalBasis: string; fee?: { pln: number; note?: string }; kind?: string; procedure?: string };

/**
 * The substantive provisions a clerk starts from. The reference list also names the procedural
 * provision by which the organ decides (art. 104 KPA; art. 21 § 1 pkt 2 of the Ordynacja for a
 * tax decision), but the templates already cite that one in full — printed from both, the
 * decision would cite it twice.
 */
export function substantiveBasis(legalBasis: string): string {
  return legalBasis
    .split(';')
    .map((p) => p.trim())
    .filter((p) => !/^art\. 104 KPA$/.test(p) && !/^art\. 21 § 1 pkt 2 Ordynacji podatkowej$/.test(p))
    .join('; ');
}

const ALL: DecisionType[] = (types as RawType[]).map((t) => ({
  code: t.code,
  name: t.name,
  legalBasis: substantiveBasis(t.legalBasis),
  fee: t.fee && t.fee.pln > 0 ? `Opłata skarbowa: ${String(t.fee.pln)} zł${t.fee.note ? ` (${t.fee.note})` : ''}.` : '',
  // A certificate (zaświadczenie, KPA art. 217) is not a decision: no appeal, no art. 107.
  isDecision: !(t.kind ?? '').startsWith('certificate'),
  procedure: t.procedure === 'Ordynacja podatkowa' ? 'op' : 'kpa',
  kind: (t.kind ?? '').startsWith('certificate') ? 'certificate' : 'decision',
}));

const LETTER_KINDS: readonly TemplateKind[] = ['start-notice', 'deficiency-request', 'delay-notice'];
const LETTERS: DecisionType[] = DEFAULT_TEMPLATES.filter((t) => LETTER_KINDS.includes(t.kind)).map((t) => ({
  code: t.code,
  name: t.name,
  // The template cites its own provision of the KPA (art. 61 § 4, 64 § 2, 36 § 1).
  legalBasis: '',
  fee: '',
  isDecision: false,
  procedure: t.procedure,
  kind: t.kind,
}));

export function decisionTypes(): DecisionType[] {
  return [...ALL, ...LETTERS];
}

export function decisionType(code: string): DecisionType | undefined {
  return ALL.find((t) => t.code === code) ?? LETTERS.find((t) => t.code === code);
}

/** The type of a draft as its rules need it (a code no longer listed is treated as a decision). */
export function draftType(code: string): Pick<DecisionType, 'kind' | 'procedure'> {
  return decisionType(code) ?? { kind: 'decision', procedure: 'kpa' };
}

/** Whether signing gives the document a number in the decision register (a letter has none). */
export function numberedInRegister(type: DecisionType | undefined): boolean {
  return type === undefined || type.kind === 'decision' || type.kind === 'certificate';
}

/** Placeholders the draft carries as text of their own (`content.details`). */
export const DETAIL_PLACEHOLDERS = detailNameSchema.options satisfies readonly PlaceholderName[];
export type DetailName = (typeof DETAIL_PLACEHOLDERS)[number];
const isDetail = (n: string): n is DetailName => (DETAIL_PLACEHOLDERS as readonly string[]).includes(n);

/** The details among `placeholders` (a template's), with the words the editor shows for them. */
export function detailFields(placeholders: readonly string[]): { name: DetailName; label: string; hint: string }[] {
  return DETAIL_PLACEHOLDERS.filter((n) => placeholders.includes(n)).map((name) => ({ name, label: PLACEHOLDERS[name].label, hint: PLACEHOLDERS[name].hint }));
}

/** The details the law requires of a document of this kind (the office's template may ask more). */
function requiredDetails(type: Pick<DecisionType, 'kind' | 'procedure'>): DetailName[] {
  return (requiredPlaceholders(type.kind, type.procedure)?.placeholders ?? []).filter(isDetail);
}

/**
 * The usual appeal instruction of a gmina's decision (KPA art. 127 §1, 129 §1–2, 127a), or its
 * tax counterpart (Ordynacja podatkowa art. 220, 223).
 */
export function standardAppeal(o: { appealBody: string; procedure: 'kpa' | 'op' }): string {
  if (o.procedure === 'op') {
    return `Od niniejszej decyzji służy stronie odwołanie do ${o.appealBody} za pośrednictwem organu, który wydał decyzję, w terminie 14 dni od dnia jej doręczenia (art. 220 § 1 i art. 223 § 2 pkt 1 Ordynacji podatkowej).`;
  }
  return [
    // The organ's name is not declined into the genitive here: the standard wording names it as
    // "the organ that issued the decision", which reads correctly for any office.
    `Od niniejszej decyzji służy stronie odwołanie do ${o.appealBody} za pośrednictwem organu, który wydał decyzję, w terminie 14 dni od dnia jej doręczenia (art. 127 § 1 i art. 129 § 1 i 2 KPA).`,
    'W trakcie biegu terminu do wniesienia odwołania strona może zrzec się prawa do wniesienia odwołania wobec organu, który wydał decyzję (art. 127a § 1 KPA). Z dniem doręczenia organowi oświadczenia o zrzeczeniu się prawa do wniesienia odwołania przez ostatnią ze stron postępowania decyzja staje się ostateczna i prawomocna (art. 127a § 2 KPA).',
  ].join('\n\n');
}

/**
 * What a draft still lacks, named as the law names it. A decision: the KPA art. 107 §1
 * elements, and what a decision issued on request cites of the request — its date and what it
 * asks for (the tax decision of the Ordynacja is issued of the organ's own motion and cites
 * neither). A certificate: what it confirms. A letter of the procedure: what its provision
 * requires it to say (the deficiencies and the 7 days, the reason and the new deadline).
 */
export function missingElements(c: DecisionContent, type: Pick<DecisionType, 'kind' | 'procedure'>): string[] {
  const blank = (s: string) => s.trim() === '';
  const missing: string[] = [];
  const decision = type.kind === 'decision';
  const letter = !decision && type.kind !== 'certificate';
  if (blank(c.organ)) missing.push('oznaczenie organu');
  if (!c.date) missing.push('data wydania');
  if (c.parties.length === 0 || c.parties.some((p) => blank(p.name))) missing.push('oznaczenie strony lub stron');
  // Every document of the KPA the templates ship answers a request: "wniosek z dnia …".
  const onRequest = type.procedure === 'kpa';
  if (onRequest && !c.applicationDate) missing.push('data wniosku');
  if (onRequest && type.kind !== 'certificate' && blank(c.subject)) missing.push(decision ? 'przedmiot sprawy (czego dotyczy wniosek, np. opis inwestycji)' : 'przedmiot sprawy');
  if (!letter && blank(c.legalBasis)) missing.push('powołanie podstawy prawnej');
  if (decision && blank(c.ruling)) missing.push('rozstrzygnięcie');
  // Art. 107 §4: no justification when the party's request is granted in full.
  if (decision && blank(c.justification) && !c.justificationWaived) missing.push('uzasadnienie faktyczne i prawne');
  if (decision && blank(c.appealInstruction)) missing.push('pouczenie o odwołaniu (oraz o prawie do zrzeczenia się odwołania)');
  if (type.kind === 'delay-notice' && blank(c.appealInstruction)) missing.push('pouczenie o prawie do wniesienia ponaglenia');
  for (const name of requiredDetails(type)) if (blank(c.details[name] ?? '')) missing.push(PLACEHOLDERS[name].label);
  if (blank(c.signatoryName) || blank(c.signatoryPosition)) missing.push('podpis z imieniem, nazwiskiem i stanowiskiem');
  return missing;
}
