import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '#core/contract';
import { counted } from '#core/i18n/plural.pl';

// Every kind of zod issue a person can trigger from a form reads as one of the catalogue's
// sentences (core/i18n/validation.pl.ts), never zod's own wording: "Nieprawidłow(y/a/e) UUID",
// "Za mała wartość: oczekiwano …", "Invalid input".

function messageOf(schema: z.ZodType, input: unknown): string {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`${JSON.stringify(input)} passed`);
  return r.error.issues[0]?.message ?? '';
}

const ZOD_WORDING = /Nieprawidłow|oczekiwano|Invalid|Expected|Too (small|big)|\(y\/a\/e\)|>=|<=/;

describe('validation messages a person reads', () => {
  const table: [string, z.ZodType, unknown, string][] = [
    ['a missing field', z.object({ a: z.string() }), {}, 'To pole jest wymagane.'],
    ['text where a number belongs', z.number(), 'abc', 'Podaj liczbę.'],
    ['a number where text belongs', z.string(), 5, 'Wpisz tekst.'],
    ['an empty required text', z.string().min(1), '', 'To pole jest wymagane.'],
    ['too short', z.string().min(3), 'ab', 'Wpisz co najmniej 3 znaki.'],
    ['too long', z.string().max(5), 'abcdefgh', 'Najwyżej 5 znaków — skróć tekst.'],
    ['too long by one', z.string().max(1), 'ab', 'Najwyżej 1 znak — skróć tekst.'],
    ['a number too small', z.number().int().min(1), 0, 'Podaj liczbę nie mniejszą niż 1.'],
    ['a number too big', z.number().int().max(30), 31, 'Podaj liczbę nie większą niż 30.'],
    ['a fraction where a whole number belongs', z.number().int(), 1.5, 'Podaj liczbę.'],
    ['nothing picked from a list', z.uuid(), 'x', 'Wybierz pozycję z listy.'],
    ['an e-mail address', z.email(), 'sekretariat-gmina', 'Wpisz adres e-mail, np. sekretariat@gmina.pl.'],
    ['a date', z.iso.date(), '2026-02-30x', 'Podaj poprawną datę.'],
    ['a date and time', z.iso.datetime({ offset: true }), 'jutro', 'Podaj poprawną datę i godzinę.'],
    ['a value not on the list', z.enum(['a', 'b']), 'c', 'Wybierz jedną z pozycji listy.'],
    ['nothing chosen of many', z.array(z.string()).min(1), [], 'Wybierz co najmniej jedną pozycję.'],
    ['too many at once', z.array(z.string()).max(2), ['a', 'b', 'c'], 'Najwyżej 2 pozycje naraz.'],
  ];
  it.each(table)('%s', (_name, schema, input, expected) => {
    expect(messageOf(schema, input)).toBe(expected);
  });

  it('the contract’s own forms: a wrong e-mail of a party, a unit not picked, a bad date', () => {
    const party = contract['parties.create'].input;
    const a = party.safeParse({ kind: 'person', firstName: 'Jan', lastName: 'Nowak', email: 'jan-at-gmina' });
    expect(a.success).toBe(false);
    const b = contract['intake.register'].input.safeParse({ channel: 'paper', receivedAt: 'wczoraj', senderId: 'x', subject: '', attachmentsCount: -1, unitId: '', scans: [] });
    expect(b.success).toBe(false);
    const messages = [...(a.error?.issues ?? []), ...(b.error?.issues ?? [])].map((i) => i.message);
    expect(messages.length).toBeGreaterThan(4);
    for (const m of messages) expect(m, m).not.toMatch(ZOD_WORDING);
  });
});

describe('Polish counting', () => {
  it('1 wpis, 2–4 wpisy (but 12–14 wpisów), otherwise wpisów', () => {
    const say = (n: number) => counted(n, 'wpis', 'wpisy', 'wpisów');
    expect([0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 102, 112, 1000].map(say)).toEqual(['0 wpisów', '1 wpis', '2 wpisy', '4 wpisy', '5 wpisów', '11 wpisów', '12 wpisów', '14 wpisów', '21 wpisów', '22 wpisy', '25 wpisów', '102 wpisy', '112 wpisów', '1000 wpisów']);
  });
});
