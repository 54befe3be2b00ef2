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


/** Errors of intake, scans, parties and the register (the registry office's daily work). */
export const intakeErrorMessages = {
  USER_NOT_FOUND: () => 'Nie ma takiego użytkownika. Odśwież listę i wybierz ponownie.',
  PARTY_EXISTS: (p: { name: string }) => `Taka strona jest już w bazie: ${p.name}. Wyszukaj ją zamiast dodawać drugi raz.`,
  PARTY_NOT_FOUND: () => 'Nie znaleziono wybranego nadawcy. Wyszukaj go ponownie albo dodaj.',
  UNIT_NOT_FOUND: () => 'Nie znaleziono wybranej komórki. Wybierz komórkę z listy.',
  RECEIVED_IN_FUTURE: (p: { when: string }) => `Data wpływu (${p.when}) jest w przyszłości. Podaj datę i godzinę, kiedy pismo faktycznie wpłynęło.`,
  LETTER_AFTER_RECEIPT: () => 'Data pisma jest późniejsza niż data wpływu. Sprawdź obie daty.',
  DUPLICATE_SUSPECTED: (p: { list: string }) => `To pismo mogło już zostać zarejestrowane: ${p.list}. Sprawdź, a jeśli to nowe pismo, potwierdź rejestrację.`,
  SCAN_NOT_STAGED: (p: { fileName: string }) => `Skan „${p.fileName}” nie został wczytany. Dodaj plik ponownie.`,
  SCAN_EMPTY: (p: { fileName: string }) => `Plik „${p.fileName}” jest pusty (0 bajtów). Zeskanuj dokument ponownie.`,
  SCAN_TOO_LARGE: (p: { fileName: string; sizeMb: string; maxMb: number }) =>
    `Plik „${p.fileName}” ma ${p.sizeMb} MB, a największy dopuszczalny skan to ${p.maxMb} MB. Zeskanuj w niższej rozdzielczości (np. 300 dpi, odcienie szarości) albo podziel dokument na części.`,
  SCAN_UNSUPPORTED: (p: { fileName: string }) => `Plik „${p.fileName}” nie jest dokumentem PDF ani obrazem JPEG, PNG lub TIFF. Zapisz skan w jednym z tych formatów.`,
  SCAN_CORRUPT: (p: { fileName: string; kind: string }) => `Plik „${p.fileName}” jest uszkodzony (${p.kind}) i nie da się go odczytać. Zeskanuj dokument ponownie lub poproś nadawcę o nowy plik.`,
  SCAN_ENCRYPTED: (p: { fileName: string }) => `Plik „${p.fileName}” jest zaszyfrowany hasłem. Poproś nadawcę o wersję bez hasła albo wydrukuj i zeskanuj dokument.`,
  SCAN_FOLDER_FILE_MISSING: (p: { name: string }) => `Pliku „${p.name}” nie ma już w folderze skanów (ktoś go przeniósł?). Odśwież listę.`,
  SCAN_FOLDER_NOT_SET: () => 'Nie ustawiono folderu skanów. Administrator ustawia go w Administracja → Ustawienia.',
  CORRESPONDENCE_NOT_FOUND: () => 'Nie znaleziono tej przesyłki. Odśwież rejestr.',
  STALE_REVISION: () => 'Ktoś w międzyczasie zmienił tę przesyłkę. Odśwież ją i wprowadź korektę ponownie.',
  ALREADY_CANCELLED: () => 'Ta przesyłka jest anulowana; nie można jej zmieniać.',
  NOTHING_CHANGED: () => 'Korekta niczego nie zmienia. Zmień co najmniej jedno pole.',
  SCAN_ALREADY_ATTACHED: (p: { fileName: string; label: string }) => `Skan „${p.fileName}” jest już dołączony do przesyłki ${p.label}.`,
  LETTER_LABEL_NOT_FOUND: (p: { label: string }) => `Nie znaleziono przesyłki o numerze „${p.label}”. Sprawdź numer na etykiecie (np. RPW/12/2026).`,
  NOT_IN_YOUR_UNIT: () => 'Ta przesyłka nie jest przydzielona do Twojej komórki.',
} satisfies Record<string, (p: never) => string>;

/** Errors of the pure domain rules: identifiers, number patterns and codes, the JRWA import. */
export const ruleErrorMessages = {
  // Identifiers (core/identifiers.ts): PESEL, NIP, REGON, postal code.
  PESEL_FORMAT: (p: { input: string }) =>
    p.input === ''
      ? 'Nie podano numeru PESEL. Wpisz 11 cyfr z dokumentu tożsamości.'
      : `Numer PESEL „${p.input}” jest nieprawidłowy: PESEL ma 11 cyfr. Sprawdź numer w dokumencie tożsamości.`,
  PESEL_CHECKSUM: (p: { pesel: string }) =>
    `Numer PESEL ${p.pesel} ma błędną cyfrę kontrolną. Sprawdź numer w dokumencie tożsamości.`,
  PESEL_DATE: (p: { pesel: string }) =>
    `Numer PESEL ${p.pesel} zawiera nieistniejącą datę urodzenia. Sprawdź numer w dokumencie tożsamości.`,
  NIP_FORMAT: (p: { input: string }) =>
    p.input === ''
      ? 'Nie podano numeru NIP. Wpisz 10 cyfr (myślniki, spacje i przedrostek PL są dozwolone).'
      : `Numer NIP „${p.input}” jest nieprawidłowy: NIP ma 10 cyfr (dozwolone myślniki, spacje i przedrostek PL). Sprawdź numer na piśmie.`,
  NIP_CHECKSUM: (p: { nip: string }) =>
    `Numer NIP ${p.nip} ma błędną cyfrę kontrolną. Sprawdź numer na piśmie lub w rejestrze (CEIDG, KRS).`,
  REGON_FORMAT: (p: { input: string }) =>
    p.input === ''
      ? 'Nie podano numeru REGON. Wpisz 9 cyfr (lub 14 cyfr dla jednostki lokalnej).'
      : `Numer REGON „${p.input}” jest nieprawidłowy: REGON ma 9 cyfr albo 14 cyfr dla jednostki lokalnej. Sprawdź numer na piśmie.`,
  REGON_CHECKSUM: (p: { regon: string }) =>
    `Numer REGON ${p.regon} ma błędną cyfrę kontrolną. Sprawdź numer na piśmie lub w rejestrze REGON.`,
  REGON_BASE_CHECKSUM: (p: { regon: string }) =>
    `Numer REGON ${p.regon} jest nieprawidłowy: jego pierwsze 9 cyfr nie tworzy poprawnego numeru REGON jednostki macierzystej. Sprawdź numer w rejestrze REGON.`,
  IDENTIFIER_ALL_ZEROS: (p: { kind: 'NIP' | 'REGON'; value: string }) =>
    `Numer ${p.kind} ${p.value} składa się z samych zer i nie jest prawdziwym numerem. Wpisz numer z dokumentu albo zostaw pole puste.`,
  POSTAL_CODE_FORMAT: (p: { input: string }) =>
    p.input === ''
      ? 'Nie podano kodu pocztowego. Wpisz kod w postaci NN-NNN, np. 00-950.'
      : `Kod pocztowy „${p.input}” jest nieprawidłowy. Wpisz go w postaci NN-NNN, np. 00-950.`,

  // Register number patterns, provisional labels, status codes (core/numbering/).
  NUMBER_PATTERN_EMPTY: () => 'Wzór numeru jest pusty. Wpisz wzór, np. RPW/{nr}/{rok}.',
  NUMBER_PATTERN_BRACES: (p: { pattern: string }) =>
    `Wzór numeru „${p.pattern}” ma niesparowany nawias klamrowy. Każdy element wzoru zapisz w nawiasach, np. {nr}, {rok}.`,
  NUMBER_PATTERN_UNKNOWN_TOKEN: (p: { pattern: string; token: string }) =>
    `Wzór numeru „${p.pattern}” zawiera nieznany element {${p.token}}. Dozwolone elementy: {nr}, {nr:5}, {rok}, {rr}, {miesiac}, {jednostka}.`,
  NUMBER_PATTERN_WIDTH: (p: { pattern: string; token: string }) =>
    `Wzór numeru „${p.pattern}”: w elemencie {${p.token}} liczba cyfr musi wynosić od 1 do 9, np. {nr:5}.`,
  NUMBER_PATTERN_DUPLICATE_TOKEN: (p: { pattern: string; token: string }) =>
    `Wzór numeru „${p.pattern}” zawiera element {${p.token}} więcej niż raz. Każdy element może wystąpić tylko raz.`,
  NUMBER_PATTERN_NO_SEQUENCE: (p: { pattern: string }) =>
    `Wzór numeru „${p.pattern}” nie zawiera numeru kolejnego. Dodaj {nr} lub {nr:5}, np. RPW/{nr}/{rok}.`,
  NUMBER_PATTERN_NO_YEAR: (p: { pattern: string }) =>
    `Wzór numeru „${p.pattern}” nie zawiera roku. Numeracja zaczyna się od 1 w każdym roku, więc dodaj {rok} lub {rr}, np. RPW/{nr}/{rok}.`,
  NUMBER_PATTERN_AMBIGUOUS: (p: { pattern: string; first: string; second: string }) =>
    `Wzór numeru „${p.pattern}”: elementy {${p.first}} i {${p.second}} stoją obok siebie bez separatora, więc numeru nie da się odczytać jednoznacznie. Rozdziel je znakiem, np. „/” lub „-”.`,
  NUMBER_VALUE_MISSING: (p: { pattern: string; token: string }) =>
    `Do numeru według wzoru „${p.pattern}” brakuje wartości {${p.token}}. Sprawdź ustawienia rejestru.`,
  NUMBER_VALUE_INVALID: (p: { field: string; value: string }) =>
    `Nieprawidłowa wartość numeru: ${p.field} = ${p.value}. Numer kolejny to liczba całkowita od 1, rok ma 4 cyfry, miesiąc jest od 1 do 12.`,
  PROVISIONAL_CODE_INVALID: (p: { code: string }) =>
    `Kod tymczasowy „${p.code}” jest nieprawidłowy: składa się z cyfr i wielkich liter bez I, L, O i U.`,
  STATUS_CODE_FORMAT: (p: { input: string }) =>
    p.input === ''
      ? 'Nie podano kodu z potwierdzenia. Przepisz 8 znaków z potwierdzenia, np. 7K3Q-9XMB.'
      : `Kod „${p.input}” jest nieprawidłowy: kod z potwierdzenia ma 8 znaków (cyfry i litery), np. 7K3Q-9XMB. Przepisz go z potwierdzenia.`,
  STATUS_CODE_CHECK: (p: { code: string }) =>
    `Kod ${p.code} zawiera literówkę (nie zgadza się ostatni, kontrolny znak). Przepisz kod z potwierdzenia jeszcze raz.`,

  // JRWA import (core/jrwa/import.ts): whole-file errors, then per-row problems.
  JRWA_FILE_EMPTY: () => 'Plik z wykazem akt jest pusty. Wybierz plik JSON lub CSV z wykazem JRWA.',
  JRWA_NO_CLASSES: () => 'Plik nie zawiera żadnej klasy JRWA. Sprawdź, czy wybrano właściwy plik.',
  JRWA_JSON_INVALID: (p: { line: number | null }) =>
    `Plik JSON z wykazem akt jest uszkodzony${p.line === null ? '' : ` (błąd w wierszu ${p.line})`}. Popraw plik albo wyeksportuj go ponownie.`,
  JRWA_JSON_SHAPE: () =>
    'Plik JSON nie zawiera listy klas. Oczekiwana jest tablica obiektów z polami SYMBOL, NAZWA, KATARCHMACIERZYSTA, KATARCHINNA, KATARCHINNAOPIS albo obiekt z taką tablicą w polu „classes”.',
  JRWA_FORMAT_UNKNOWN: () =>
    'Nie rozpoznano pliku jako wykazu akt. Wybierz plik JSON albo CSV z nagłówkiem SYMBOL;NAZWA;KATARCHMACIERZYSTA;KATARCHINNA;KATARCHINNAOPIS (układ importu EZD RP).',
  JRWA_COLUMNS_MISSING: (p: { missing: string }) =>
    `W pliku z wykazem akt brakuje pól: ${p.missing}. Uzupełnij je (układ importu EZD RP: SYMBOL, NAZWA, KATARCHMACIERZYSTA, KATARCHINNA, KATARCHINNAOPIS).`,
  JRWA_ROW_NOT_OBJECT: () => 'Ta pozycja nie jest obiektem z polami SYMBOL, NAZWA itd. Popraw ją w pliku.',
  JRWA_ROW_TOO_MANY_FIELDS: (p: { found: number; expected: number }) =>
    `Wiersz ma ${p.found} pól, a nagłówek ${p.expected}. Zwykle to nazwa zawierająca separator bez cudzysłowu: ujmij ją w cudzysłów.`,
  JRWA_ROW_QUOTES: () => 'Wiersz ma niezamknięty lub błędnie użyty cudzysłów. Popraw cudzysłowy w tym wierszu.',
  JRWA_FIELD_TYPE: (p: { field: string }) =>
    `Pole ${p.field} ma wartość, która nie jest tekstem ani liczbą. Wpisz ją jako tekst.`,
  JRWA_FIELD_CONFLICT: (p: { field: string }) =>
    `Pole ${p.field} podano dwa razy z różnymi wartościami (np. raz małymi, raz wielkimi literami). Zostaw jedno.`,
  JRWA_SYMBOL_MISSING: () => 'Brak symbolu klasy (SYMBOL). Uzupełnij symbol, np. 6730.',
  JRWA_SYMBOL_INVALID: (p: { symbol: string }) =>
    `Symbol „${p.symbol}” jest nieprawidłowy: symbol klasy JRWA to od 1 do 4 cyfr, np. 6730. Popraw symbol.`,
  JRWA_NAME_MISSING: (p: { symbol: string }) =>
    `Brak nazwy klasy${p.symbol === '' ? '' : ` ${p.symbol}`} (NAZWA). Uzupełnij nazwę.`,
  JRWA_DUPLICATE: (p: { symbol: string; first: string }) =>
    `Symbol ${p.symbol} powtarza się (pierwsze wystąpienie: ${p.first}). Usuń powtórzenie albo popraw symbol.`,
  JRWA_PARENT_MISSING: (p: { symbol: string; parent: string }) =>
    `Klasa ${p.symbol} nie ma w pliku klasy nadrzędnej ${p.parent} ani żadnej wyższej. Dodaj klasę ${p.parent} albo popraw symbol.`,
  JRWA_PARENT_REJECTED: (p: { symbol: string; parent: string; where: string }) =>
    `Klasa ${p.symbol} została pominięta, bo jej klasa nadrzędna ${p.parent} ma błędy (${p.where}). Popraw tamtą klasę i zaimportuj plik ponownie.`,
  JRWA_CATEGORY_INVALID: (p: { symbol: string; field: string; value: string }) =>
    `Kategoria archiwalna „${p.value}” w polu ${p.field} klasy ${p.symbol} jest nieprawidłowa. Dozwolone: A, Bc, B z liczbą lat (np. B5, B10) lub BE z liczbą lat (np. BE5).`,
  JRWA_LEAF_CATEGORY_MISSING: (p: { symbol: string }) =>
    `Klasa ${p.symbol} jest klasą końcową (nie ma podklas), więc musi mieć kategorię archiwalną dla komórki macierzystej (KATARCHMACIERZYSTA), np. A, B10, BE5 lub Bc. Uzupełnij ją.`,
} satisfies Record<string, (p: never) => string>;

/** Every message by code: the catalogue `fail()` renders from. */
export const allErrorMessages = { ...errorMessages, ...intakeErrorMessages, ...ruleErrorMessages };
export type ErrorCode = keyof typeof allErrorMessages;
export type ErrorParams<C extends ErrorCode> = Parameters<(typeof allErrorMessages)[C]>[0];
