/**
 * Where a profile keeps its data key (backend/dataKey.ts): named once for the backend, which
 * reads the plain file, and for the desktop shell, which keeps the keychain-sealed one.
 */
/** Browser mode and the command line: the key itself, this account's only (0600). */
export const DATA_KEY_FILE = 'klucz-danych.key';
/** The desktop shell: the key sealed by the OS keychain (safeStorage). */
export const KEYCHAIN_DATA_KEY_FILE = 'klucz-danych.chroniony';
