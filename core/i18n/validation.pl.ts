/**
 * What a person reads when a form field does not pass the contract's checks: the catalogue's
 * own sentences, never zod's (its Polish locale says "Nieprawidłow(y/a/e) UUID" and "Za mała
 * wartość: oczekiwano, że number będzie >=1"). A field's own message in the contract (e.g.
 * "Podaj, czego dotyczy pismo.") comes first; these cover the rest.
 *
 * Installed once with `z.config` (core/contract.ts), so the services, the server and the tests
 * speak the same words.
 */
import type { z } from 'zod';
import { counted } from '#core/i18n/plural.pl';


const FORMATS: Record<string, string> = {
  email: 'Wpisz adres e-mail, np. sekretariat@gmina.pl.',
  // Ids come from lists and pickers, never typed: a bad one means nothing was picked.
  uuid: 'Wybierz pozycję z listy.',
  date: 'Podaj poprawną datę.',
  datetime: 'Podaj poprawną datę i godzinę.',
  time: 'Podaj poprawną godzinę.',
  url: 'Wpisz adres strony, np. https://bip.gmina.pl.',
};

const CHECK_FIELD = 'Sprawdź to pole: jego wartość nie jest poprawna.';

/** The Polish sentence for one issue, shown under the field it concerns. */
export function validationMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return 'To pole jest wymagane.';
      if (issue.expected === 'number' || issue.expected === 'int' || issue.expected === 'bigint') return 'Podaj liczbę.';
      if (issue.expected === 'string') return 'Wpisz tekst.';
      if (issue.expected === 'boolean') return 'Zaznacz albo odznacz to pole.';
      return 'Formularz wysłał niepełne dane. Odśwież okno i spróbuj ponownie.';
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'To pole jest wymagane.' : `Wpisz co najmniej ${counted(min, 'znak', 'znaki', 'znaków')}.`;
      if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 ? 'Wybierz co najmniej jedną pozycję.' : `Wybierz co najmniej ${counted(min, 'pozycję', 'pozycje', 'pozycji')}.`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return `Podaj liczbę nie mniejszą niż ${String(min)}.`;
      return CHECK_FIELD;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `Najwyżej ${counted(max, 'znak', 'znaki', 'znaków')} — skróć tekst.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Najwyżej ${counted(max, 'pozycja', 'pozycje', 'pozycji')} naraz.`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return `Podaj liczbę nie większą niż ${String(max)}.`;
      return CHECK_FIELD;
    }
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'Sprawdź zapis tego pola.';
    case 'invalid_value':
      return 'Wybierz jedną z pozycji listy.';
    case 'not_multiple_of':
      return `Podaj wielokrotność liczby ${String(issue.divisor)}.`;
    default:
      return CHECK_FIELD;
  }
}
