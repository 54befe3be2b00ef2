/**
 * Polish messages for every user-facing error, by stable code.
 *
 * One catalogue: the code is what logs, tests and support talk about; the message is what the
 * person at the desk reads — what is wrong and what to do about it.
 */
export const errorMessages = {
  INTERNAL: () => 'Wystąpił nieoczekiwany błąd. Spróbuj ponownie; jeśli się powtórzy, zgłoś go administratorowi.',
  INVALID_INPUT: (p: { detail: string }) => `Nieprawidłowe dane: ${p.detail}`,
  NOT_SIGNED_IN: () => 'Nie jesteś zalogowany. Wybierz użytkownika i zaloguj się ponownie.',
  FORBIDDEN: (p: { action: string }) => `Brak uprawnień do tej czynności (${p.action}).`,
  UNKNOWN_METHOD: (p: { method: string }) => `Nieznana operacja: ${p.method}.`,
} satisfies Record<string, (p: never) => string>;

export type ErrorCode = keyof typeof errorMessages;
export type ErrorParams<C extends ErrorCode> = Parameters<(typeof errorMessages)[C]>[0];
