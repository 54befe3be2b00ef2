import { z } from 'zod';

// UPU S10 (RR123456789PL): weights 8-6-4-2-3-5-9-7 over the 8 serial digits;
// check = 11 − sum mod 11, where 10 → 0 and 11 → 5.
const S10 = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

export function s10CheckDigit(serial: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * (S10_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

export type TrackingCheck = { ok: true; value: string } | { ok: false; message: string };

/**
 * Validates a registered-post tracking number (numer nadania).
 *
 * International items use UPU S10 with a check digit; Poczta Polska's domestic numbers are
 * 20 digits (`00` + 18). Anything else is most likely a typo, and a wrong number on the
 * dispatch book means a letter nobody can trace.
 */
export function checkTrackingNumber(input: string): TrackingCheck {
  const value = input.replace(/[\s-]/g, '').toUpperCase();
  const s10 = S10.exec(value);
  if (s10) {
    const [, , serial, check] = s10;
    if (s10CheckDigit(serial ?? '') !== Number(check)) {
      return { ok: false, message: `Numer nadania ${value} ma błędną cyfrę kontrolną. Przepisz go ponownie z nalepki.` };
    }
    return { ok: true, value };
  }
  if (/^\d{20}$/.test(value)) return { ok: true, value };
  return {
    ok: false,
    message: `„${input}” nie wygląda na numer nadania. Podaj numer z nalepki R (np. RR123456785PL albo 20 cyfr).`,
  };
}

export const trackingNumberSchema = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === '') return null;
    const r = checkTrackingNumber(s);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.value;
  });
