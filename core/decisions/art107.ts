import { checkFailure, type CheckResult } from '#core/checkResult';
import { isCalendarDate } from '#core/deadlines/holidays';
import { fail } from '#core/errors';
import { foldText } from '#core/text/fold';
import type { Procedure } from '#core/decisions/templates';

// What a decision must contain, as a check a form can run on every keystroke: KPA art. 107 §1,
// or art. 210 §1 of the Ordynacja podatkowa for a tax decision (RULES.md: tax decisions follow
// their own profile). A draft missing an element cannot be submitted, and the form names it.
//
// Decisions:
// - The draft carries the elements as separate fields, so each can be named when absent; the
//   justification is two fields, factual and legal (art. 107 §3 describes them separately).
// - KPA art. 107 §4: the organ may dispense with the justification when the decision grants the
//   party's request in full, but not when it settles contested interests of parties or is issued
//   on appeal. The draft says so with flags; the check honours the waiver only when both
//   exceptions are off. The Ordynacja podatkowa's own rule on this is not applied: a tax draft
//   always needs its justification (asking for more than the law is the safe side).
// - The appeal instruction is free text (a clerk may adapt it), so the check looks for what
//   art. 107 §1 pkt 7 requires it to say: the appeal, the right to waive it (art. 127a §1) and
//   the effect of a waiver (§2: the decision becomes final and legally binding). For the
//   Ordynacja podatkowa there is no waiver to mention.
// - Signature (pkt 8): first name, surname and position of the person authorised; an
//   electronic decision carries a qualified electronic signature or a qualified electronic seal
//   (RULES.md). The signature itself is applied later (signing/); the draft only says which.
// - An "Urząd Gminy" is the organ's office, not an organ: a decision names the wójt (burmistrz,
//   prezydent miasta), so an organ written as an office is flagged.

/** A name in the two forms an instruction needs: "Wójt Gminy Zażółć" / "Wójta Gminy Zażółć". */
export type OrganName = { nominative: string; genitive: string };

/** A party as the decision names it (art. 107 §1 pkt 3). */
export type DecisionParty = { name: string; address: string };

/** How the decision is signed: on paper, or electronically. */
export type SignatureForm = 'paper' | 'qualified-signature' | 'qualified-seal' | 'trusted-profile' | 'personal-signature';

/** The signature forms that make an electronic decision valid (art. 107 §1 pkt 8; eIDAS). */
export const ELECTRONIC_SIGNATURE_FORMS: readonly SignatureForm[] = ['qualified-signature', 'qualified-seal'];

/** Whether a decision in this form is an electronic document. */
export function isElectronic(form: SignatureForm): boolean {
  return form !== 'paper';
}

/** A decision as drafted, element by element. Every text may be empty while drafting. */
export type DecisionDraft = {
  procedure: Procedure;
  /** Pkt 1: the organ, in the nominative: "Wójt Gminy Zażółć". */
  organ: string;
  /** Pkt 2: `YYYY-MM-DD`. */
  issuedOn: string;
  /** Pkt 3. */
  parties: readonly DecisionParty[];
  /** Pkt 4. */
  legalBasis: string;
  /** Pkt 5. */
  ruling: string;
  /** Pkt 6, as art. 107 §3 describes its two parts. */
  justification: { factual: string; legal: string };
  /** Art. 107 §4: the decision grants the party's request in full, so no justification. */
  fullyGrantsRequest: boolean;
  /** Art. 107 §4 exception: the decision settles contested interests of the parties. */
  contestedInterests: boolean;
  /** Art. 107 §4 exception: the decision is issued on appeal. */
  onAppeal: boolean;
  /** Pkt 7 (art. 210 §1 OP: pouczenie o trybie odwoławczym). */
  appealInstruction: string;
  /** Pkt 8. */
  signatory: { firstName: string; lastName: string; position: string };
  signatureForm: SignatureForm;
};

/** The elements of art. 107 §1, pkt 1 to 8. */
export type DecisionElement = 'organ' | 'date' | 'parties' | 'legalBasis' | 'ruling' | 'justification' | 'appeal' | 'signature';

export const DECISION_ELEMENTS: readonly DecisionElement[] = ['organ', 'date', 'parties', 'legalBasis', 'ruling', 'justification', 'appeal', 'signature'];

/** The elements' names as the form shows them, per procedure. */
export const ELEMENT_NAMES: Record<Procedure, Record<DecisionElement, string>> = {
  kpa: {
    organ: 'oznaczenie organu',
    date: 'data wydania',
    parties: 'oznaczenie strony lub stron',
    legalBasis: 'powołanie podstawy prawnej',
    ruling: 'rozstrzygnięcie',
    justification: 'uzasadnienie faktyczne i prawne',
    appeal: 'pouczenie o odwołaniu (oraz o prawie do zrzeczenia się odwołania)',
    signature: 'podpis z imieniem, nazwiskiem i stanowiskiem',
  },
  op: {
    organ: 'oznaczenie organu',
    date: 'data wydania',
    parties: 'oznaczenie strony lub stron',
    legalBasis: 'powołanie podstawy prawnej',
    ruling: 'rozstrzygnięcie',
    justification: 'uzasadnienie faktyczne i prawne',
    appeal: 'pouczenie o trybie odwoławczym',
    signature: 'podpis z imieniem, nazwiskiem i stanowiskiem',
  },
};

/** The provision each procedure's list comes from, for messages. */
export const ELEMENTS_BASIS: Record<Procedure, string> = {
  kpa: 'art. 107 § 1 Kodeksu postępowania administracyjnego',
  op: 'art. 210 § 1 Ordynacji podatkowej',
};

/** An element the draft lacks: its name and, where it helps, what exactly is wrong. */
export type MissingElement = { element: DecisionElement; name: string; detail: string | null };

function blank(text: string): boolean {
  return text.trim() === '';
}

function has(text: string, pattern: RegExp): boolean {
  return pattern.test(foldText(text));
}

/** Why each element is missing, or null when it is there. */
function elementProblems(draft: DecisionDraft): Record<DecisionElement, string | null | undefined> {
  const kpa = draft.procedure === 'kpa';
  const organ = (): string | null | undefined => {
    if (blank(draft.organ)) return null;
    // Art. 33 ust. 1 ustawy o samorządzie gminnym: the office is the wójt's auxiliary apparatus.
    if (/^urzad\b/.test(foldText(draft.organ.trim()))) {
      return `„${draft.organ.trim()}” to urząd, a nie organ: decyzję wydaje wójt, burmistrz albo prezydent miasta (np. „Wójt Gminy Zażółć”)`;
    }
    return undefined;
  };
  const date = (): string | null | undefined => {
    if (blank(draft.issuedOn)) return null;
    return isCalendarDate(draft.issuedOn.trim()) ? undefined : `„${draft.issuedOn}” nie jest istniejącą datą`;
  };
  const parties = (): string | null | undefined => {
    if (draft.parties.length === 0) return null;
    const unnamed = draft.parties.findIndex((p) => blank(p.name));
    return unnamed === -1 ? undefined : `strona nr ${unnamed + 1} nie ma imienia i nazwiska ani nazwy`;
  };
  const legalBasis = (): string | null | undefined => {
    if (blank(draft.legalBasis)) return null;
    // "Powołanie" means citing a provision, not naming an act: an article or a paragraph sign.
    return has(draft.legalBasis, /\bart\.|§/) ? undefined : 'podstawa prawna nie wskazuje przepisu (artykułu) ani ustawy, z której wynika';
  };
  const justification = (): string | null | undefined => {
    const { factual, legal } = draft.justification;
    if (draft.fullyGrantsRequest && blank(factual) && blank(legal)) {
      if (!kpa) return 'w sprawach podatkowych program zawsze wymaga uzasadnienia';
      if (draft.contestedInterests) return 'decyzja rozstrzyga sporne interesy stron, więc nie można odstąpić od uzasadnienia (art. 107 § 4 KPA)';
      if (draft.onAppeal) return 'decyzja jest wydawana na skutek odwołania, więc nie można odstąpić od uzasadnienia (art. 107 § 4 KPA)';
      return undefined;
    }
    if (blank(factual) && blank(legal)) return null;
    if (blank(factual)) return 'brak uzasadnienia faktycznego (art. 107 § 3 KPA: fakty uznane za udowodnione i dowody)';
    if (blank(legal)) return 'brak uzasadnienia prawnego (art. 107 § 3 KPA: wyjaśnienie podstawy prawnej z przytoczeniem przepisów)';
    return undefined;
  };
  const appeal = (): string | null | undefined => {
    const text = draft.appealInstruction;
    if (blank(text)) return null;
    if (!has(text, /odwolani/)) return 'pouczenie nie mówi, czy i w jakim trybie służy odwołanie';
    if (!kpa) return undefined;
    if (!has(text, /zrzec|zrzeczeni/)) return 'brak pouczenia o prawie do zrzeczenia się odwołania (art. 127a § 1 KPA)';
    if (!has(text, /ostateczn/) || !has(text, /prawomocn/)) {
      return 'brak pouczenia o skutkach zrzeczenia się odwołania: decyzja staje się ostateczna i prawomocna (art. 127a § 2 KPA)';
    }
    return undefined;
  };
  const signature = (): string | null | undefined => {
    const { firstName, lastName, position } = draft.signatory;
    const absent = [blank(firstName) ? 'imienia' : '', blank(lastName) ? 'nazwiska' : '', blank(position) ? 'stanowiska' : ''].filter((x) => x !== '');
    if (absent.length === 3) return null;
    if (absent.length > 0) return `brak ${absent.join(', ').replace(/, ([^,]*)$/, ' i $1')} osoby podpisującej`;
    if (isElectronic(draft.signatureForm) && !ELECTRONIC_SIGNATURE_FORMS.includes(draft.signatureForm)) {
      return 'decyzję w formie dokumentu elektronicznego opatruje się kwalifikowanym podpisem elektronicznym albo kwalifikowaną pieczęcią elektroniczną';
    }
    return undefined;
  };
  return {
    organ: organ(),
    date: date(),
    parties: parties(),
    legalBasis: legalBasis(),
    ruling: blank(draft.ruling) ? null : undefined,
    justification: justification(),
    appeal: appeal(),
    signature: signature(),
  };
}

/**
 * The art. 107 §1 elements (art. 210 §1 OP for a tax decision) the draft lacks, in the order of
 * the article; empty when the draft is complete.
 *
 * `detail` says what exactly is wrong when the element is there but incomplete (a justification
 * without its legal part, an instruction without the art. 127a waiver).
 */
export function missingDecisionElements(draft: DecisionDraft): MissingElement[] {
  const problems = elementProblems(draft);
  const names = ELEMENT_NAMES[draft.procedure];
  return DECISION_ELEMENTS.flatMap((element) => {
    const problem = problems[element];
    return problem === undefined ? [] : [{ element, name: names[element], detail: problem }];
  });
}

/** The draft, if it may be submitted; otherwise the failure naming every missing element. */
export function checkDecisionDraft(draft: DecisionDraft): CheckResult<DecisionDraft> & { missing: MissingElement[] } {
  const missing = missingDecisionElements(draft);
  if (missing.length === 0) return { ok: true, value: draft, missing };
  const list = missing.map((m) => (m.detail === null ? m.name : `${m.name} (${m.detail})`)).join('; ');
  return { ...checkFailure('DECISION_ELEMENTS_MISSING', { list, basis: ELEMENTS_BASIS[draft.procedure] }), missing };
}

// ---------------------------------------------------------------------------------------------
// Organ names

// The organs a gmina's documents name. The rest of each name ("Gminy Zażółć", "Miasta Nowy
// Sącz", "w Nowym Sączu") is in the genitive or locative already and does not change.
const GENITIVE_HEADS: readonly [RegExp, string][] = [
  [/^Wójt(?=\s)/, 'Wójta'],
  [/^Burmistrz(?=\s)/, 'Burmistrza'],
  [/^Prezydent(?=\s)/, 'Prezydenta'],
  [/^Starosta(?=\s)/, 'Starosty'],
  [/^Samorządowe Kolegium Odwoławcze(?=\s|$)/, 'Samorządowego Kolegium Odwoławczego'],
];

/** "Wójta Gminy Zażółć" for "Wójt Gminy Zażółć"; null for a name whose declension is not known. */
export function organGenitive(nominative: string): string | null {
  const name = nominative.trim().replace(/\s+/g, ' ');
  for (const [head, genitive] of GENITIVE_HEADS) {
    if (head.test(name)) return name.replace(head, genitive);
  }
  return null;
}

/** Both forms of an organ's name; throws ORGAN_DECLENSION_UNKNOWN when only the nominative is given and cannot be declined. */
export function organName(organ: string | OrganName): OrganName {
  if (typeof organ !== 'string') return { nominative: organ.nominative.trim(), genitive: organ.genitive.trim() };
  const genitive = organGenitive(organ);
  if (genitive === null) throw fail('ORGAN_DECLENSION_UNKNOWN', { name: organ });
  return { nominative: organ.trim().replace(/\s+/g, ' '), genitive };
}

// ---------------------------------------------------------------------------------------------
// The appeal instruction

export type AppealInstructionInput = {
  /** "Samorządowe Kolegium Odwoławcze w Nowym Sączu" (the place in the locative, as the SKO's name has it). */
  appealOrgan: string | OrganName;
  /** The organ that issued the decision: the appeal goes through it (KPA art. 129 §1, OP art. 223 §1). */
  issuingOrgan: string | OrganName;
  /** Days from delivery; 14 under both KPA art. 129 §2 and OP art. 223 §2. */
  days?: number;
  procedure: Procedure;
};

function daysText(days: number): string {
  return days === 1 ? '1 dnia' : `${days} dni`;
}

/**
 * The standard appeal instruction of a first-instance decision, as paragraphs separated by a
 * blank line.
 *
 * KPA: the appeal to the appeal organ through the issuing organ within the term from delivery
 * (art. 127 §1, art. 129 §1 and §2), that it needs no detailed grounds (art. 128), the right to
 * waive it and the effect of a waiver (art. 127a §1 and §2), which art. 107 §1 pkt 7 requires.
 * Ordynacja podatkowa: the appeal through the issuing organ within the term (art. 220 §1,
 * art. 223 §1 and §2) and what it must contain (art. 222); the tax procedure knows no waiver.
 * Throws APPEAL_DAYS_INVALID or ORGAN_DECLENSION_UNKNOWN.
 */
export function appealInstruction(input: AppealInstructionInput): string {
  const days = input.days ?? 14;
  if (!Number.isInteger(days) || days < 1) throw fail('APPEAL_DAYS_INVALID', { value: days });
  const appeal = organName(input.appealOrgan);
  const issuing = organName(input.issuingOrgan);
  const term = daysText(days);
  if (input.procedure === 'op') {
    return [
      `Od niniejszej decyzji służy stronie odwołanie do ${appeal.genitive} za pośrednictwem ${issuing.genitive}, w terminie ${term} od dnia jej doręczenia (art. 220 § 1 oraz art. 223 § 1 i 2 ustawy z dnia 29 sierpnia 1997 r. – Ordynacja podatkowa).`,
      'Odwołanie powinno zawierać zarzuty przedstawione decyzji, określać istotę i zakres żądania będącego przedmiotem odwołania oraz wskazywać dowody uzasadniające to żądanie (art. 222 Ordynacji podatkowej).',
    ].join('\n\n');
  }
  return [
    `Od niniejszej decyzji służy stronie odwołanie do ${appeal.genitive} za pośrednictwem ${issuing.genitive}, w terminie ${term} od dnia jej doręczenia (art. 127 § 1 oraz art. 129 § 1 i 2 Kodeksu postępowania administracyjnego). Odwołanie nie wymaga szczegółowego uzasadnienia; wystarczy, jeżeli z odwołania wynika, że strona nie jest zadowolona z wydanej decyzji (art. 128 Kodeksu postępowania administracyjnego).`,
    `W trakcie biegu terminu do wniesienia odwołania strona może zrzec się prawa do wniesienia odwołania wobec ${issuing.genitive}, który wydał decyzję (art. 127a § 1 Kodeksu postępowania administracyjnego). Z dniem doręczenia organowi, który wydał decyzję, oświadczenia o zrzeczeniu się prawa do wniesienia odwołania przez ostatnią ze stron postępowania decyzja staje się ostateczna i prawomocna (art. 127a § 2 Kodeksu postępowania administracyjnego). Oznacza to, że decyzji nie będzie można zaskarżyć ani odwołaniem, ani skargą do wojewódzkiego sądu administracyjnego.`,
  ].join('\n\n');
}
