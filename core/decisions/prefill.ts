import type { DecisionContent } from '#core/contract';
import types from '../reference/decision-types.json' with { type: 'json' };

/** A decision type as drafting needs it (from the office's reference list). */
export type DecisionType = { code: string; name: string; legalBasis: string; fee: string; isDecision: boolean; procedure: 'kpa' | 'op' };

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
}));

export function decisionTypes(): DecisionType[] {
  return ALL;
}

export function decisionType(code: string): DecisionType | undefined {
  return ALL.find((t) => t.code === code);
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
 * The KPA art. 107 §1 elements a draft still lacks, named as the law names them, and what a
 * decision issued on request cites of the request: its date and what it asks for (the tax
 * decision of the Ordynacja is issued of the organ's own motion and cites neither).
 */
export function missingElements(c: DecisionContent, o: { isDecision: boolean; procedure: 'kpa' | 'op' }): string[] {
  const blank = (s: string) => s.trim() === '';
  const missing: string[] = [];
  if (blank(c.organ)) missing.push('oznaczenie organu');
  if (!c.date) missing.push('data wydania');
  if (c.parties.length === 0 || c.parties.some((p) => blank(p.name))) missing.push('oznaczenie strony lub stron');
  if (o.procedure === 'kpa' && !c.applicationDate) missing.push('data wniosku');
  if (o.procedure === 'kpa' && o.isDecision && blank(c.subject)) missing.push('przedmiot sprawy (czego dotyczy wniosek, np. opis inwestycji)');
  if (blank(c.legalBasis)) missing.push('powołanie podstawy prawnej');
  if (blank(c.ruling)) missing.push('rozstrzygnięcie');
  // Art. 107 §4: no justification when the party's request is granted in full.
  if (blank(c.justification) && !c.justificationWaived) missing.push('uzasadnienie faktyczne i prawne');
  if (o.isDecision && blank(c.appealInstruction)) missing.push('pouczenie o odwołaniu (oraz o prawie do zrzeczenia się odwołania)');
  if (blank(c.signatoryName) || blank(c.signatoryPosition)) missing.push('podpis z imieniem, nazwiskiem i stanowiskiem');
  return missing;
}
