/**
 * What a signed decision's file says it is: the decision and the number it was printed with,
 * kept in the PDF's document information under one key of our own. The key is written into
 * the revision the head signs, so a signature that verifies over that revision vouches for it;
 * `signDecision` accepts a file only when it does (signing/signedOver.ts reads it from the bytes).
 */
import { z } from 'zod';
import type { SignedOver } from '#core/commands/records';

export type { SignedOver };

/** The document-information key (a second-class name, ISO 32000-1 §14.3.3: a custom key). */
export const SIGNED_MARK_KEY = 'KancelariaDecyzja';

const markSchema = z.object({ decyzja: z.uuid(), numer: z.string().min(1).max(30).nullable() });

/** The mark's text: `{"decyzja":"…","numer":"12/2026"}`. */
export function signedMarkText(over: SignedOver): string {
  return JSON.stringify({ decyzja: over.decisionId, numer: over.number });
}

/** The mark read back from a file's document information, or null when it is absent or malformed. */
export function parseSignedMark(text: string | undefined): SignedOver | null {
  if (text === undefined || text.length > 200) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = markSchema.safeParse(value);
  return parsed.success ? { decisionId: parsed.data.decyzja, number: parsed.data.numer } : null;
}

/** Whether a file's signature covers this decision under this number (no number for a letter of the procedure). */
export function signedOverIs(over: SignedOver | null, decisionId: string, number: string | null): boolean {
  return over !== null && over.decisionId === decisionId && over.number === number;
}
