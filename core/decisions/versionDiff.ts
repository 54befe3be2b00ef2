import type { DecisionContent } from '#core/contract';

// Which parts of a draft a new version changed, named as the editor names them, so a head
// reading a resubmitted draft sees at once what the clerk fixed after the remarks.

const FIELD_NAMES: Record<keyof DecisionContent, string> = {
  organ: 'organ',
  place: 'miejscowość',
  date: 'data wydania',
  parties: 'strony',
  applicationDate: 'data wniosku',
  subject: 'przedmiot sprawy',
  details: 'treść pisma',
  legalBasis: 'podstawa prawna',
  ruling: 'rozstrzygnięcie',
  justification: 'uzasadnienie',
  justificationWaived: 'odstąpienie od uzasadnienia',
  appealInstruction: 'pouczenie',
  fee: 'opłata skarbowa',
  signatoryName: 'podpisujący',
  signatoryPosition: 'stanowisko podpisującego',
  electronic: 'forma podpisu',
};

/** The Polish names of the fields that differ between two versions, in the form's order. */
export function changedFields(before: DecisionContent, after: DecisionContent): string[] {
  return (Object.keys(FIELD_NAMES) as (keyof DecisionContent)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => FIELD_NAMES[k]);
}
