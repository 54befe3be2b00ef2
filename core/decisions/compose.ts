import { checkFailure, type CheckFailure } from '#core/checkResult';
import { checkDecisionDraft, type DecisionDraft, type MissingElement } from '#core/decisions/art107';
import {
  renderDocumentTemplate,
  type DocumentTemplate,
  type PlaceholderName,
  type RenderedDocument,
  type TemplateProblem,
  type TemplateValues,
} from '#core/decisions/templates';
import { formatDateLong } from '#core/time';

// From a checked draft to the text of a decision: the draft's elements become the template's
// values, and the template becomes the text the page sets (documents/decision.ts).

/** What the template needs beyond the draft's art. 107 elements. */
export type DecisionContext = {
  /** The case sign, `GK.6730.15.2026`. */
  caseSign: string;
  /** Where the organ sits, for "Zażółć, dnia …". */
  place: string;
  /** Other placeholders: `numer`, `data_wniosku`, `przedmiot`, `oplata`… */
  extra?: TemplateValues;
};

/** The text of the justification, or the art. 107 §4 sentence when the organ dispensed with it. */
export function justificationText(draft: DecisionDraft): string {
  const factual = draft.justification.factual.trim();
  const legal = draft.justification.legal.trim();
  if (factual === '' && legal === '' && draft.fullyGrantsRequest) {
    // Said on the decision rather than left out: a reader sees that the omission is deliberate.
    return 'Decyzja uwzględnia w całości żądanie strony, dlatego na podstawie art. 107 § 4 Kodeksu postępowania administracyjnego odstąpiono od jej uzasadnienia.';
  }
  return [factual, legal].filter((part) => part !== '').join('\n\n');
}

/** "Jan Kowalski, ul. Polna 3, 34-100 Żółtki; Anna Nowak, …" */
export function partiesText(draft: Pick<DecisionDraft, 'parties'>): string {
  return draft.parties
    .filter((p) => p.name.trim() !== '')
    .map((p) => (p.address.trim() === '' ? p.name.trim() : `${p.name.trim()}, ${p.address.trim()}`))
    .join('; ');
}

/**
 * The template values a draft provides. The draft's own elements win over `extra`, so a stale
 * value typed elsewhere can never replace what was checked.
 */
export function decisionValues(draft: DecisionDraft, context: DecisionContext): TemplateValues {
  const fromDraft: TemplateValues = {
    organ: draft.organ,
    strony: partiesText(draft),
    podstawa_prawna: draft.legalBasis,
    rozstrzygniecie: draft.ruling,
    uzasadnienie: justificationText(draft),
    pouczenie: draft.appealInstruction,
    podpis_imie_nazwisko: `${draft.signatory.firstName.trim()} ${draft.signatory.lastName.trim()}`.trim(),
    podpis_stanowisko: draft.signatory.position,
    znak_sprawy: context.caseSign,
    miejscowosc: context.place,
  };
  // KPA art. 107 §1 pkt 2: the date of issue, written out as on a decision ("14 maja 2026 r.").
  // An invalid date is left out and reported by the art. 107 check, not thrown here.
  if (/^\d{4}-\d{2}-\d{2}$/.test(draft.issuedOn.trim())) {
    try {
      fromDraft.data = formatDateLong(draft.issuedOn.trim());
    } catch {
      // reported by checkDecisionDraft as "data wydania"
    }
  }
  return { ...context.extra, ...fromDraft };
}

export type ComposedDecision =
  | { ok: true; document: RenderedDocument }
  | (CheckFailure & { missing: MissingElement[]; problems: TemplateProblem[]; missingValues: PlaceholderName[] });

/**
 * The text of a decision from its template and draft, or why it cannot be made.
 *
 * Checked in this order: the template is a decision template of the draft's procedure; the
 * draft has every art. 107 §1 element (art. 210 §1 OP); the template's other placeholders have
 * values.
 */
export function composeDecision(template: DocumentTemplate, draft: DecisionDraft, context: DecisionContext): ComposedDecision {
  const none = { missing: [], problems: [], missingValues: [] };
  if (template.kind !== 'decision') return { ...checkFailure('TEMPLATE_KIND_MISMATCH', { code: template.code, expected: 'decyzji' }), ...none };
  if (template.procedure !== draft.procedure) {
    const procedure = draft.procedure === 'op' ? 'Ordynacja podatkowa' : 'Kodeks postępowania administracyjnego';
    return { ...checkFailure('TEMPLATE_PROCEDURE_MISMATCH', { code: template.code, procedure }), ...none };
  }
  const check = checkDecisionDraft(draft);
  if (!check.ok) return { ok: false, code: check.code, message: check.message, missing: check.missing, problems: [], missingValues: [] };
  const rendered = renderDocumentTemplate(template, decisionValues(draft, context));
  if (!rendered.ok) return { ok: false, code: rendered.code, message: rendered.message, missing: [], problems: rendered.problems, missingValues: rendered.missing };
  return rendered;
}
