/**
 * When a letter being registered looks like one already in the register: the same scan file,
 * or the same sender with the same sender's reference (znak pisma) ignoring case and spaces.
 * One rule for the warning while the clerk types and for the refusal at registration, on the
 * workstation and on the server.
 */
import type { Duplicate } from '#core/contract';
import type { LetterLabel } from '#core/commands/reads';
import { labelOf } from '#core/commands/office';

/** The form of a sender's reference that two spellings of one reference share. */
export function referenceKey(reference: string): string {
  return reference.replace(/\s+/g, '').toLocaleUpperCase('pl');
}

export function duplicatesAmong(
  sameFile: readonly LetterLabel[],
  sameSender: readonly (LetterLabel & { senderReference: string })[],
  senderReference: string | null,
  sameMessage: readonly LetterLabel[] = [],
): Duplicate[] {
  const out = new Map<string, Duplicate>();
  // The same e-mail (its Message-ID) is the surest sign: said first.
  for (const l of sameMessage) {
    const label = labelOf(l);
    out.set(l.id, { id: l.id, label, reason: 'same_message', message: `Tę samą wiadomość e-mail zarejestrowano już jako ${label}.` });
  }
  for (const l of sameFile) {
    if (out.has(l.id)) continue;
    const label = labelOf(l);
    out.set(l.id, { id: l.id, label, reason: 'same_file', message: `Ten sam plik skanu jest już w przesyłce ${label}.` });
  }
  if (senderReference) {
    const key = referenceKey(senderReference);
    for (const l of sameSender) {
      if (out.has(l.id) || referenceKey(l.senderReference) !== key) continue;
      const label = labelOf(l);
      out.set(l.id, { id: l.id, label, reason: 'same_reference', message: `Pismo tego nadawcy o znaku „${senderReference}” zarejestrowano już jako ${label}.` });
    }
  }
  return [...out.values()];
}
