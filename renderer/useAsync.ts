import { ApiCallError } from './api/client';

/** The Polish message of any failure, for a MessageBar. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiCallError) return e.message;
  return 'Wystąpił nieoczekiwany błąd. Spróbuj ponownie.';
}
