import { fail } from '#core/errors';
import { organName, type OrganName } from '#core/decisions/art107';

// Standard sentences that fill a template's placeholders: written once here, where their legal
// wording can be reviewed, rather than typed per letter.

export type PonaglenieInstructionInput = {
  /** The organ above the one that handles the case: for a gmina, the SKO (KPA art. 37 §3 pkt 1). */
  appealOrgan: string | OrganName;
  /** The organ that handles the case: the ponaglenie goes through it. */
  issuingOrgan: string | OrganName;
};

/**
 * The instruction on the right to a ponaglenie, for the notice that a case will not be settled
 * on time (KPA art. 36 §1 requires it).
 *
 * KPA art. 37 §1: a ponaglenie lies against inaction (bezczynność) and against protracted
 * proceedings (przewlekłość); §2: it states its reasons; §3 pkt 1: it goes to the higher organ
 * through the organ handling the case. Throws ORGAN_DECLENSION_UNKNOWN.
 */
export function ponaglenieInstruction(input: PonaglenieInstructionInput): string {
  const higher = organName(input.appealOrgan);
  const handling = organName(input.issuingOrgan);
  return [
    'Stronie służy prawo do wniesienia ponaglenia, jeżeli nie załatwiono sprawy w terminie określonym w art. 35 Kodeksu postępowania administracyjnego lub przepisach szczególnych ani w terminie wskazanym zgodnie z art. 36 § 1 tego Kodeksu (bezczynność) albo jeżeli postępowanie jest prowadzone dłużej, niż jest to niezbędne do załatwienia sprawy (przewlekłość) (art. 37 § 1 Kodeksu postępowania administracyjnego).',
    `Ponaglenie wnosi się do ${higher.genitive} za pośrednictwem ${handling.genitive} (art. 37 § 3 pkt 1 Kodeksu postępowania administracyjnego). Ponaglenie zawiera uzasadnienie (art. 37 § 2 Kodeksu postępowania administracyjnego).`,
  ].join('\n\n');
}

/** "598 zł", "17,50 zł": Polish amounts, grosze only when there are any. */
export function formatZloty(amount: number): string {
  const grosze = Math.round(amount * 100);
  const zloty = Math.trunc(grosze / 100);
  const rest = grosze % 100;
  // A no-break space groups thousands, as Polish typesetting does, so a line never breaks inside.
  const whole = String(zloty).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return rest === 0 ? `${whole} zł` : `${whole},${String(rest).padStart(2, '0')} zł`;
}

/**
 * The sentence on stamp duty (ustawa z dnia 16 listopada 2006 r. o opłacie skarbowej) for
 * `{{oplata}}`.
 *
 * The amount comes from the office's settings (fees change: RULES.md); with none due the
 * sentence says only that none was charged, which is true whether the matter is exempt or not
 * subject to the duty at all. Throws STAMP_DUTY_INVALID for a negative or fractional-grosz amount.
 */
export function stampDutyClause(amountPln: number): string {
  if (!Number.isFinite(amountPln) || amountPln < 0 || Math.abs(amountPln * 100 - Math.round(amountPln * 100)) > 1e-6) {
    throw fail('STAMP_DUTY_INVALID', { value: amountPln });
  }
  if (amountPln === 0) return 'Opłaty skarbowej nie pobrano.';
  return `Opłatę skarbową w wysokości ${formatZloty(amountPln)} uiszczono.`;
}
