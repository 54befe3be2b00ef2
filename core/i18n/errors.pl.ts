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
  DUPLICATE_SUSPECTED: (p: { list: string }) => `To pismo mogło już zostać zarejestrowane: ${p.list.replace(/\.$/, '')}. Sprawdź, a jeśli to nowe pismo, potwierdź rejestrację.`,
  SCAN_TEXT_NOT_READ: () => 'Tekst tego skanu nie został jeszcze rozpoznany na tym stanowisku. Poczekaj, aż okno przesyłki pokaże „Tekst rozpoznany”.',
  SCAN_NOT_STAGED: (p: { fileName: string }) => `Skan „${p.fileName}” nie został wczytany. Dodaj plik ponownie.`,
  SCAN_EMPTY: (p: { fileName: string }) => `Plik „${p.fileName}” jest pusty (0 bajtów). Zeskanuj dokument ponownie.`,
  SCAN_TOO_LARGE: (p: { fileName: string; sizeMb: string; maxMb: number }) =>
    `Plik „${p.fileName}” ma ${p.sizeMb} MB, a największy dopuszczalny skan to ${p.maxMb} MB. Zeskanuj w niższej rozdzielczości (np. 300 dpi, odcienie szarości) albo podziel dokument na części.`,
  SCAN_UNSUPPORTED: (p: { fileName: string }) => `Plik „${p.fileName}” nie jest dokumentem PDF ani obrazem JPEG, PNG lub TIFF. Zapisz skan w jednym z tych formatów.`,
  SCAN_CORRUPT: (p: { fileName: string; kind: string }) => `Plik „${p.fileName}” jest uszkodzony (${p.kind}) i nie da się go odczytać. Zeskanuj dokument ponownie lub poproś nadawcę o nowy plik.`,
  SCAN_ENCRYPTED: (p: { fileName: string }) => `Plik „${p.fileName}” jest zaszyfrowany hasłem. Poproś nadawcę o wersję bez hasła albo wydrukuj i zeskanuj dokument.`,
  SCAN_FOLDER_FILE_MISSING: (p: { name: string }) => `Pliku „${p.name}” nie ma już w folderze skanów (ktoś go przeniósł?). Odśwież listę.`,
  SCAN_FOLDER_UNUSABLE: (p: { problem: string }) => `Nie zapisano ustawień: ${p.problem}.`,
  EVENT_LOG_RANGE: () => 'Data „do” jest wcześniejsza niż data „od”. Popraw zakres dat.',
  SCAN_FOLDER_NOT_SET: () => 'Nie ustawiono folderu skanów. Administrator ustawia go w Administracja → Ustawienia.',
  CORRESPONDENCE_NOT_FOUND: () => 'Nie znaleziono tej przesyłki. Odśwież rejestr.',
  STALE_REVISION: () => 'Ktoś w międzyczasie zmienił tę przesyłkę. Odśwież ją i wprowadź korektę ponownie.',
  DECISION_NOT_WRITER: (p: { author: string; owner: string }) =>
    `Projekt poprawia i przekazuje do akceptacji jego autor (${p.author}) albo prowadzący sprawę (${p.owner}), nie osoba, która go ocenia. Przekaż swoje uwagi przy zwrocie projektu.`,
  CASE_STALE_REVISION: () => 'Ktoś w międzyczasie zmienił tę sprawę. Odśwież ją i wykonaj czynność ponownie.',
  DECISION_STALE_VERSION: (p: { version: number }) =>
    `Projekt ma już nowszą wersję (${String(p.version)}), zapisaną w międzyczasie. Skopiuj swoje zmiany, zamknij projekt i otwórz go ponownie, a potem wprowadź je w najnowszej wersji.`,
  ALREADY_CANCELLED: () => 'Ta przesyłka jest anulowana; nie można jej zmieniać.',
  NOTHING_CHANGED: () => 'Korekta niczego nie zmienia. Zmień co najmniej jedno pole.',
  SUBSTITUTION_NOT_FOUND: () => 'Nie ma takiego zastępstwa (mogło zostać już odwołane). Odśwież listę.',
  OUTGOING_TRACKING_REQUIRED: () => 'List polecony wpisuje się do książki nadawczej z numerem nadawczym. Podaj numer z nalepki R.',
  OUTGOING_IN_FUTURE: (p: { date: string }) => `Data nadania ${p.date} jest w przyszłości. Wpisz dzień, w którym pismo faktycznie wysłano.`,
  DECISION_NOT_FOUND: () => 'Nie znaleziono tego projektu decyzji. Odśwież sprawę.',
  DECISION_TYPE_UNKNOWN_CODE: (p: { code: string }) => `Nie ma rodzaju decyzji „${p.code}”. Wybierz rodzaj z listy.`,
  DECISION_NOT_EDITABLE: () => 'Ten projekt jest już u kierownika albo został zaakceptowany; nie można go zmieniać.',
  DECISION_INCOMPLETE: (p: { list: string }) => `Projekt nie zawiera wszystkich elementów decyzji (art. 107 § 1 KPA): brakuje — ${p.list}. Uzupełnij je przed przekazaniem do akceptacji.`,
  DECISION_NO_APPROVER: () => 'W komórce tej sprawy nie ma kierownika, który mógłby zaakceptować projekt. Zgłoś to administratorowi.',
  DECISION_NOT_SUBMITTED: () => 'Ten projekt nie czeka na akceptację.',
  DECISION_NOT_YOUR_REVIEW: () => 'Ten projekt czeka na akceptację innej osoby ze ścieżki akceptacji.',
  DECISION_PATH_INACTIVE: (p: { name: string }) =>
    `Na ścieżce akceptacji jest osoba, która nie pracuje już w urzędzie (${p.name}). Poproś administratora o poprawienie ścieżki akceptacji.`,
  SETTINGS_PATH_UNIT_UNKNOWN: () => 'Ścieżka akceptacji wskazuje komórkę, której nie ma w urzędzie. Wybierz komórkę z listy.',
  SETTINGS_PATH_DUPLICATE: (p: { unit: string }) => `Komórka ${p.unit} ma już ścieżkę akceptacji dla tego rodzaju decyzji. Zmień istniejącą ścieżkę zamiast dodawać drugą.`,
  DECISION_VERSION_NOT_FOUND: (p: { version: number }) => `Ten projekt nie ma wersji ${String(p.version)}.`,
  SYNC_SERVER_URL_INVALID: (p: { url: string }) => `„${p.url}” nie jest adresem serwera urzędu. Podaj adres w postaci https://serwer.urzad.local:8417/.`,
  SYNC_SERVER_URL_PLAIN: (p: { url: string }) =>
    `Adres serwera ${p.url} zaczyna się od http://, czyli bez szyfrowania: hasła i dokumenty szłyby przez sieć jawnie. Podaj adres https://… (zwykłe http:// wolno tylko do tego komputera, 127.0.0.1).`,
  SYNC_SERVER_CERT_UNTRUSTED: (p: { url: string }) =>
    `Serwer pod adresem ${p.url} przedstawił certyfikat, którego nie wystawił urząd (inny komputer albo ktoś podszywa się pod serwer). Nic nie zostało wysłane; pracujesz bez połączenia. Zgłoś to informatykowi: certyfikat urzędu na stanowisku (KANCELARIA_SERVER_CA) musi być tym, który wypisuje serwer.`,
  SYNC_COMMAND_UNSUPPORTED: () =>
    'Tej czynności nie można jeszcze wykonać, pracując z serwerem urzędu: serwer nie umie jej jeszcze zapisać. Nic nie zostało zmienione; zgłoś to administratorowi.',
  SYNC_COMMAND_UNKNOWN: (p: { name: string }) => `Serwer nie zna czynności „${p.name}”. Zaktualizuj program na tym stanowisku.`,
  SYNC_COMMAND_INVALID: (p: { name: string; detail: string }) => `Serwer nie przyjął czynności „${p.name}”: niepoprawne dane (${p.detail}). Zgłoś to administratorowi.`,
  SYNC_MUTATION_GAP: (p: { expected: number; got: number }) =>
    `Serwer oczekiwał czynności nr ${String(p.expected)}, a otrzymał nr ${String(p.got)}. Stanowisko wyśle brakujące czynności ponownie.`,
  SYNC_CLIENT_OTHER_USER: () => 'To stanowisko wysyła czynności innej osoby niż zalogowana. Zaloguj się ponownie na tym stanowisku.',
  BLOB_HASH_MISMATCH: () => 'Przesłany plik jest uszkodzony (suma kontrolna się nie zgadza). Stanowisko wyśle go jeszcze raz.',
  BLOB_OFFSET_MISMATCH: (p: { expected: number }) => `Serwer ma już ${String(p.expected)} bajtów tego pliku; wysyłanie wznowi się od tego miejsca.`,
  BLOB_NOT_FOUND: () => 'Serwer nie ma tego pliku albo nie masz do niego dostępu.',
  BLOB_TOO_LARGE: (p: { maxMb: number }) => `Plik jest większy niż ${String(p.maxMb)} MB, na które pozwala urząd.`,
  BLOB_QUOTA_EXCEEDED: (p: { quotaMb: number }) =>
    `Wysłano już z tego konta ${String(p.quotaMb)} MB plików w ciągu doby — tyle, ile serwer przyjmuje od jednej osoby. Stanowisko wyśle resztę później; jeśli taka ilość jest potrzebna, administrator może podnieść limit (KANCELARIA_SERVER_UPLOAD_QUOTA_MB).`,
  DECISION_NUMBER_MISMATCH: (p: { number: string }) => `Decyzję podpisano z numerem ${p.number}, którego serwer jej nie nadał. Podpisz ją ponownie.`,
  LOCAL_PASSWORD_WITH_SERVER: () =>
    'Hasła pracowników prowadzi serwer urzędu. Nowe hasło ustawia informatyk na serwerze: npx kancelaria-server user reset-password LOGIN.',
  DATA_KEY_IN_KEYCHAIN: (p: { dir: string }) =>
    `Dane stanowiska w ${p.dir} są zaszyfrowane kluczem, który dla programu Kancelaria przechowuje system (pęk kluczy konta). Otwórz je programem Kancelaria na koncie, na którym je utworzono; tryb przeglądarkowy i polecenia wiersza poleceń tego klucza nie dostają.`,
  DATA_KEY_WRONG: (p: { path: string }) =>
    `Bazy stanowiska ${p.path} nie da się odczytać kluczem danych tego profilu: baza pochodzi z innego komputera lub konta albo jest uszkodzona. Przywróć dane z kopii zapasowej (kancelaria backup restore) albo — w urzędzie z serwerem — zacznij od nowego profilu: dane wrócą z serwera.`,
  DATA_KEY_NO_KEYCHAIN: (p: { backend: string }) =>
    `Kancelaria nie może bezpiecznie przechować klucza danych na tym komputerze: system nie udostępnia pęku kluczy (${p.backend}). Bez niego dane urzędu leżałyby na dysku praktycznie bez ochrony. Poproś informatyka o włączenie pęku kluczy (w Linuksie: GNOME Keyring albo KWallet) i uruchom program ponownie.`,
  DATA_KEY_KEYCHAIN_REFUSED: (p: { dir: string }) =>
    `System nie oddał klucza danych stanowiska (${p.dir}): klucz zapisano na innym koncie lub komputerze albo plik klucza jest uszkodzony. Przywróć dane z kopii zapasowej albo — w urzędzie z serwerem — zacznij od nowego profilu: dane wrócą z serwera.`,
  POSTMARK_NOT_BY_POST: () => 'Datę nadania wpisuje się tylko dla pisma, które przyszło pocztą. Zmień sposób wpływu na „papier” albo usuń datę nadania.',
  POSTMARK_AFTER_RECEIPT: () => 'Data nadania jest późniejsza niż data wpływu. Sprawdź datę stempla pocztowego na kopercie.',
  POSTMARK_BEFORE_LETTER_DATE: () => 'Data nadania jest wcześniejsza niż data pisma. Sprawdź obie daty na piśmie i na kopercie.',
  MAIL_TOO_LARGE: (p: { maxMb: number }) => `Wiadomość jest większa niż ${String(p.maxMb)} MB. Zapisz jej załączniki osobno i zarejestruj je jako skany.`,
  MAIL_TOO_MANY_PARTS: (p: { max: number }) => `Wiadomość ma więcej niż ${String(p.max)} załączników. Podziel ją albo zarejestruj załączniki osobno.`,
  MAIL_UNREADABLE: () => 'Tego pliku wiadomości nie da się odczytać: jest uszkodzony albo niepełny. Zapisz wiadomość z programu pocztowego jeszcze raz (Plik → Zapisz jako) i spróbuj ponownie.',
  MAIL_NOT_A_MESSAGE: () => 'Ten plik nie jest wiadomością e-mail (.eml ani .msg). Wybierz plik zapisany z programu pocztowego.',
  FINALITY_NOT_A_DECISION: () => 'Klauzulę ostateczności nadaje się tylko podpisanej decyzji (nie zaświadczeniu ani pismu w toku sprawy).',
  FINALITY_NOT_YET: (p: { number: string; status: string }) => `Decyzja nr ${p.number} nie jest jeszcze ostateczna (${p.status}). Klauzulę drukuje się, gdy minie termin na odwołanie wszystkich stron albo wszystkie strony zrzekną się odwołania.`,
  OUTGOING_ZPO_NOT_REGISTERED: () => 'Za potwierdzeniem odbioru wysyła się tylko list polecony. Wybierz „list polecony” albo odznacz potwierdzenie odbioru.',
  OUTGOING_NO_ZPO: (p: { label: string }) => `Pismo ${p.label} nie było wysłane za potwierdzeniem odbioru: nie ma do niego formularza ZPO.`,
  EPUAP_NOT_ACCEPTED: () => 'Tego pliku XML nie odczytano: jest większy niż 64 MB albo zawiera deklarację DOCTYPE, której dokumenty ePUAP nie mają. Zapisz dokument ze skrzynki ePUAP jeszcze raz.',
  EDORECZENIA_NOT_ZIP: () => 'To nie jest plik ZIP wiadomości z e-Doręczeń. Pobierz wiadomość ze skrzynki do doręczeń jeszcze raz (jako ZIP) i wczytaj ten plik.',
  EDORECZENIA_TOO_LARGE: () => 'Plik ZIP wiadomości jest większy niż 64 MB po rozpakowaniu albo ma ponad 200 plików — nie wczytano go. Zapisz załączniki osobno i dodaj je jako skany.',
  EDORECZENIA_MALFORMED: (p: { file: string }) => `Wiadomości z e-Doręczeń nie odczytano: plik ${p.file} jest uszkodzony. Pobierz wiadomość ze skrzynki jeszcze raz.`,
  EDORECZENIA_NO_METADATA: () => 'W pliku ZIP nie ma opisu wiadomości e-Doręczeń (metadane.xml, metadata.json, wiadomosc.xml…). Pobierz wiadomość ze skrzynki do doręczeń razem z jej opisem.',
  EVIDENCE_NOT_XML: () => 'Tego pliku nie odczytano jako dowodu doręczenia: to nie jest plik XML, jest większy niż 64 MB albo zawiera deklarację DOCTYPE. Zapisz dowód (e-Doręczenia) albo UPD (ePUAP) ze skrzynki jeszcze raz.',
  EVIDENCE_IS_UPP: () => 'To jest UPP — urzędowe poświadczenie przedłożenia pisma, które wpłynęło do urzędu, a nie dowód doręczenia pisma wysłanego. Dołącz je przy rejestracji tego pisma.',
  EVIDENCE_UNKNOWN: (p: { root: string }) => `Plik XML („${p.root}”) nie jest dowodem e-Doręczeń ani UPD z ePUAP: nie ma w nim rodzaju zdarzenia i jego czasu. Sprawdź, czy zapisano właściwy plik.`,
  EVIDENCE_NO_TIME: (p: { title: string }) => `${p.title} nie podaje daty zdarzenia — nie można z niego ustalić dnia doręczenia. Zapisz dowód ze skrzynki jeszcze raz.`,
  EVIDENCE_UNSIGNED: (p: { title: string }) => `${p.title} nie ma pieczęci ani podpisu dostawcy — nie jest dowodem. Zapisz dowód ze skrzynki jeszcze raz (ze wszystkimi podpisami).`,
  EVIDENCE_SIGNATURE_INVALID: (p: { title: string; summary: string }) => `${p.title} ma NIEWAŻNĄ pieczęć: ${p.summary} Nic nie zapisano. Zapisz dowód ze skrzynki jeszcze raz; jeśli to się powtórzy, zgłoś to administratorowi.`,
  EVIDENCE_NO_LETTER: (p: { title: string; ids: string }) => `${p.title} nie wskazuje żadnego pisma wysłanego z tego urzędu (sprawdzono: ${p.ids}). Sprawdź, czy pismo zarejestrowano w wysyłce.`,
  EVIDENCE_AMBIGUOUS: (p: { title: string; labels: string }) => `${p.title} pasuje do kilku pism (${p.labels}). Otwórz właściwe pismo i wczytaj dowód przy nim.`,
  EVIDENCE_NOT_DELIVERED_BEFORE_SENT: (p: { label: string }) => `Dowód niedoręczenia pisma ${p.label} przyszedł, zanim zapisano jego wysłanie. Wczytaj najpierw dowód wysłania.`,
  EPUAP_MALFORMED: () => 'Plik XML jest uszkodzony (niepoprawna składnia). Zapisz dokument ze skrzynki ePUAP jeszcze raz i spróbuj ponownie.',
  EPUAP_NOT_A_DOCUMENT: () => 'Ten plik XML nie jest dokumentem ePUAP: nie ma w nim tytułu, treści ani załączników.',
  EPUAP_TOO_MANY_ATTACHMENTS: (p: { max: number }) => `Dokument ma więcej niż ${String(p.max)} załączników; zarejestruj je osobno.`,
  APPEAL_NOT_INCOMING: (p: { label: string }) => `Pismo ${p.label} zostało wysłane przez urząd; odwołaniem może być tylko pismo, które wpłynęło.`,
  APPEAL_NOT_MARKED: (p: { label: string }) => `Pismo ${p.label} nie jest wskazane jako odwołanie ani zrzeczenie się odwołania; nie ma czego cofać.`,
  APPEAL_LETTER_IN_OTHER_CASE: (p: { label: string }) => `Pismo ${p.label} jest w aktach innej sprawy niż ta decyzja. Sprawdź, której decyzji dotyczy odwołanie.`,
  APPEAL_DECISION_NOT_SIGNED: () => 'Odwołanie wskazuje się tylko od podpisanej decyzji. Wybierz decyzję podpisaną i wysłaną stronom.',
  APPEAL_PARTY_NOT_ADDRESSEE: (p: { number: string }) => `Ta osoba nie jest adresatem decyzji ${p.number}. Wybierz stronę, której decyzję doręczano.`,
  APPEAL_ALREADY_MARKED: (p: { label: string; number: string }) => `Pismo ${p.label} jest już tak wskazane przy decyzji ${p.number}.`,
  DELIVERY_LETTER_CANCELLED: (p: { label: string }) => `Pismo ${p.label} anulowano: doręczenia się dla niego nie zapisuje.`,
  DELIVERY_WRONG_CHANNEL: (p: { label: string }) =>
    `Pismo ${p.label} wysłano innym kanałem: zwrotkę, awizo i zwrot zapisuje się dla listów wysłanych pocztą, dowody doręczenia elektronicznego — dla wysłanych przez ePUAP lub e-Doręczenia.`,
  DELIVERY_DATE_IN_FUTURE: (p: { date: string }) => `Data ${p.date} jest w przyszłości. Wpisz datę z potwierdzenia odbioru.`,
  DELIVERY_DATE_BEFORE_SENDING: (p: { date: string; sent: string }) => `Data ${p.date} jest wcześniejsza niż wysłanie pisma (${p.sent}). Sprawdź datę na potwierdzeniu odbioru.`,
  DELIVERY_NOTICES_ORDER: () => 'Powtórne awizo musi być późniejsze niż pierwsze. Sprawdź daty na kopercie lub zwrotce.',
  DELIVERY_COLLECTED_BEFORE_NOTICE: () => 'Data odbioru jest wcześniejsza niż awizo (lub wysłanie). Sprawdź daty na zwrotce.',
  SESSION_PICKER_DEMO_ONLY: () =>
    'Wybór konta z listy jest tylko w urzędzie demonstracyjnym. Zaloguj się loginem i hasłem (nadaje je administrator urzędu) albo zgłoś to informatykowi.',
  DECISION_SIGNED_FILE_MISMATCH: (p: { document: string }) => `Przesłany plik nie jest podpisem tego dokumentu (${p.document}): podpis w nim nie obejmuje tej decyzji i jej numeru albo plik zmieniono po podpisaniu. Podpisz dokument ponownie.`,
  DECISION_SIGNING_NEEDS_SERVER: () => 'Podpisanie decyzji wymaga połączenia z serwerem urzędu: numer w rejestrze decyzji nadaje serwer. Spróbuj ponownie, gdy połączenie wróci.',
  DECISION_NOT_SYNCED: () => 'Ta decyzja ma jeszcze niewysłane zmiany. Poczekaj na synchronizację z serwerem i podpisz ją ponownie.',
  JRWA_IMPORT_ON_SERVER: () =>
    'Stanowisko pracuje z serwerem urzędu: wykaz akt importuje się na serwerze (kancelaria-server jrwa import PLIK). Sprawdzenie pliku bez zapisu działa także tutaj.',
  SYNC_CONFLICT: () => 'Ten wpis koliduje z wpisem już zapisanym na serwerze (ten sam kod albo identyfikator). Sprawdź go i wprowadź ponownie.',
  SYNC_NO_SERVER: () => 'To stanowisko pracuje bez serwera urzędu; synchronizacja i logowanie hasłem nie są potrzebne.',
  SYNC_LOGIN_REQUIRED: () => 'W urzędzie pracującym z serwerem zaloguj się swoim loginem i hasłem.',
  SYNC_NOT_SIGNED_IN: () => 'Stanowisko nie jest zalogowane do serwera urzędu. Zaloguj się ponownie.',
  SYNC_SERVER_UNREACHABLE: (p: { url: string }) => `Nie można połączyć się z serwerem urzędu (${p.url}). Pracujesz bez połączenia: zmiany zostaną wysłane, gdy serwer będzie dostępny.`,
  SYNC_COMMAND_NOT_REJECTED: () => 'Tej czynności nie ma już na liście „do wyjaśnienia” (serwer ją przyjął albo została wyjaśniona). Odśwież listę.',
  SYNC_COMMAND_NOT_REOPENABLE: () => 'Tej czynności nie da się otworzyć jako szkicu. Zapisz ją od nowa albo usuń z listy „do wyjaśnienia”.',
  DISPATCH_NOT_FOUND: () => 'Nie znaleziono tego pisma do wysyłki. Odśwież listę.',
  DISPATCH_ALREADY_SENT: () => 'To pismo zostało już wysłane albo wycofane. Odśwież listę.',
  DISPATCH_ADDRESSEE_REQUIRED: (p: { name: string }) =>
    `Adresata „${p.name}” nie ma w bazie stron. Wybierz go z listy albo dodaj jako nową stronę, a potem wyślij pismo.`,
  DISPATCH_NO_ELECTRONIC_ADDRESS: (p: { name: string }) =>
    `${p.name} nie ma adresu do doręczeń elektronicznych. Wyślij pismo pocztą albo uzupełnij adres w danych strony.`,
  DISPATCH_COLLECTED_BY_REQUIRED: () => 'Przy odbiorze osobistym wpisz, kto odebrał pismo (imię, nazwisko i dokument tożsamości).',
  DISPATCH_PACKAGE_NOT_ELECTRONIC: (p: { number: string }) =>
    `Pismo ${p.number} nie jest wysyłane przez ePUAP ani e-Doręczenia; do paczki dla bramki trafiają tylko takie pisma.`,
  DECISION_REMARKS_REQUIRED: () => 'Zwracając projekt, wpisz uwagi: co poprawić.',
  DECISION_NOT_APPROVED: () => 'Podpisać można tylko projekt zaakceptowany na całej ścieżce akceptacji.',
  DECISION_NOT_NUMBERED: (p: { name: string }) => `${p.name} nie dostaje numeru w rejestrze decyzji: podpisuje się je bez numeru.`,
  DECISION_CASE_PROVISIONAL: (p: { sign: string }) => `Sprawa ma dopiero znak tymczasowy (${p.sign}); decyzję można podpisać, gdy serwer nada ostateczny znak sprawy.`,
  CASE_NOT_FOUND: () => 'Nie znaleziono tej sprawy albo nie należy ona do Twojej komórki. Odśwież listę spraw.',
  CASE_ITEM_IN_CASE: (p: { sign: string }) => `To pismo jest już w aktach sprawy ${p.sign}. Otwórz tę sprawę zamiast zakładać nową.`,
  CASE_JRWA_UNKNOWN: (p: { symbol: string }) => `W wykazie akt nie ma klasy ${p.symbol}. Wybierz klasę z drzewa JRWA.`,
  CASE_NOT_OPEN: (p: { sign: string }) => `Sprawa ${p.sign} jest zakończona lub anulowana; najpierw ją wznów.`,
  CASE_REASON_REQUIRED: () => 'Podaj powód (zapisywany w metryce sprawy).',
  SCAN_ONLY_INCOMING: (p: { label: string }) =>
    `${p.label} to pismo wychodzące: jego treścią jest dokument wysłany przez urząd, więc skanów się do niego nie dołącza. Zwrotne potwierdzenie odbioru zarejestruj jako nowe pismo przychodzące.`,
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
  JRWA_PARENT_HAS_CASES: (p: { symbol: string; parent: string; cases: number }) =>
    `Klasa ${p.parent} jest klasą końcową i prowadzi się w niej sprawy (${String(p.cases)}): nie można dodać do niej podklasy ${p.symbol}. Dodaj nową klasę obok niej.`,
  JRWA_LEAF_CATEGORY_MISSING: (p: { symbol: string }) =>
    `Klasa ${p.symbol} jest klasą końcową (nie ma podklas), więc musi mieć kategorię archiwalną dla komórki macierzystej (KATARCHMACIERZYSTA), np. A, B10, BE5 lub Bc. Uzupełnij ją.`,
} satisfies Record<string, (p: never) => string>;

/** Errors of deadlines (core/deadlines/): calendar dates, terms (KPA art. 57), suspensions, settings. */
export const deadlineErrorMessages = {
  CALENDAR_DATE_INVALID: (p: { input: string }) =>
    p.input === ''
      ? 'Nie podano daty. Wpisz datę w postaci RRRR-MM-DD, np. 2026-05-14.'
      : `Data „${p.input}” jest nieprawidłowa. Wpisz istniejącą datę w postaci RRRR-MM-DD, np. 2026-05-14.`,
  HOLIDAY_YEAR_OUT_OF_RANGE: (p: { year: number }) =>
    `Kalendarz dni ustawowo wolnych od pracy obejmuje lata 1951–2200, a potrzebny jest rok ${p.year}. Sprawdź wpisane daty i długość terminu.`,
  DEADLINE_TERM_INVALID: (p: { term: string }) =>
    `Długość terminu (${p.term}) jest nieprawidłowa. Podaj jedną dodatnią liczbę całkowitą: dni, tygodni, miesięcy albo lat.`,
  DEADLINE_BASIS_MISSING: () => 'Nie podano podstawy prawnej terminu. Wpisz przepis, z którego wynika termin, np. „art. 39 ust. 3 ustawy o drogach publicznych”.',
  DEADLINE_SUSPENSION_REVERSED: (p: { from: string; to: string }) =>
    `Okres zawieszenia kończy się (${p.to}) wcześniej, niż się zaczyna (${p.from}). Popraw daty zawieszenia.`,
  DEADLINE_SUSPENSION_BEFORE_START: (p: { from: string; start: string }) =>
    `Okres zawieszenia zaczyna się (${p.from}) przed wszczęciem sprawy (${p.start}). Popraw datę początku zawieszenia.`,
  DEADLINE_WARNING_DAYS_INVALID: (p: { value: number }) =>
    `Liczba dni roboczych, na ile przed terminem ostrzegać (${p.value}), jest nieprawidłowa. Podaj liczbę całkowitą od 0 wzwyż.`,
  DECISION_TYPE_UNKNOWN: (p: { code: string }) =>
    `Nieznany rodzaj sprawy „${p.code}”: nie ma go w słowniku rodzajów decyzji. Wybierz rodzaj z listy.`,
} satisfies Record<string, (p: never) => string>;

/** Errors of cases (core/cases/): case signs, case status, dekretacja, przekazanie, substitutions. */
export const caseErrorMessages = {
  // Unit symbols, case signs and provisional case labels (core/cases/caseSign.ts).
  UNIT_SYMBOL_EMPTY: () =>
    'Nie podano symbolu komórki. Wpisz symbol, np. GK; komórka podległa ma symbol nadrzędnej i po myślniku własny, np. GK-I.',
  UNIT_SYMBOL_CHARACTER: (p: { symbol: string; what: string }) =>
    `Symbol komórki „${p.symbol}” zawiera ${p.what}. Symbol składa się tylko z liter i cyfr, a komórkę podległą dołącza się myślnikiem, np. GK-I.`,
  UNIT_SYMBOL_NO_LETTER: (p: { symbol: string; part: string }) =>
    `Symbol komórki „${p.symbol}” jest nieprawidłowy: ${p.part === p.symbol ? 'nie zawiera żadnej litery' : `symbol komórki nadrzędnej „${p.part}” nie zawiera żadnej litery`}. Symbol komórki to litery i cyfry z co najmniej jedną literą, np. GK albo B2.`,
  UNIT_SYMBOL_HYPHEN: (p: { symbol: string }) =>
    `Symbol komórki „${p.symbol}” ma myślnik na początku, na końcu albo dwa myślniki obok siebie. Myślnik łączy symbol komórki nadrzędnej z symbolem podległej, np. GK-I.`,
  UNIT_SYMBOL_TOO_LONG: (p: { symbol: string; max: number }) =>
    `Symbol komórki „${p.symbol}” jest za długi: może mieć najwyżej ${p.max} znaków. Użyj skrótu, np. GK.`,
  CASE_JRWA_NOT_LEAF: (p: { symbol: string }) =>
    `Klasa JRWA ${p.symbol} ma podklasy, a sprawy zakłada się tylko w klasach końcowych. Wybierz właściwą podklasę klasy ${p.symbol}.`,
  CASE_SEQ_INVALID: (p: { value: string }) =>
    `Numer sprawy „${p.value}” jest nieprawidłowy: to kolejny numer w spisie spraw, liczba całkowita od 1.`,
  CASE_YEAR_INVALID: (p: { value: string }) =>
    `Rok „${p.value}” w znaku sprawy jest nieprawidłowy. Podaj rok założenia sprawy czterema cyframi, np. 2026.`,
  CASE_SUBFOLDER_INVALID: (p: { value: string }) =>
    `Numer podteczki „${p.value}” jest nieprawidłowy: to liczba całkowita od 1.`,
  CASE_SUBFOLDER_OFF: () =>
    'W tym urzędzie znak sprawy nie zawiera numeru podteczki. Usuń numer podteczki albo poproś administratora o włączenie podteczek w ustawieniach.',
  CASE_INITIALS_INVALID: (p: { value: string }) =>
    `Inicjały „${p.value}” są nieprawidłowe: w znaku sprawy to od 1 do 4 liter, bez cyfr i kropek, np. JK.`,
  CASE_INITIALS_MISSING: () =>
    'W tym urzędzie znak sprawy kończy się inicjałami prowadzącego sprawę, np. GK.6730.15.2026.JK. Podaj inicjały.',
  CASE_INITIALS_OFF: () =>
    'W tym urzędzie znak sprawy nie zawiera inicjałów prowadzącego. Usuń je z końca znaku albo poproś administratora o włączenie inicjałów w ustawieniach.',
  CASE_SIGN_FORMAT: (p: { input: string; shape: string; example: string }) =>
    p.input === ''
      ? `Nie podano znaku sprawy. Wpisz znak w postaci ${p.shape}, np. ${p.example}.`
      : `„${p.input}” nie jest znakiem sprawy. Znak ma postać ${p.shape}, np. ${p.example}.`,

  // Case status and who may change it (core/cases/status.ts).
  CASE_NOT_STARTED: () => 'Sprawa nie została jeszcze rozpoczęta, więc nie można jej zawiesić. Najpierw wybierz „Rozpocznij”.',
  CASE_ALREADY_IN_PROGRESS: () => 'Sprawa jest już w toku. Nie trzeba jej rozpoczynać ponownie.',
  CASE_NOT_SUSPENDED: () => 'Sprawa nie jest zawieszona, więc nie ma czego podejmować. Podjąć można tylko sprawę zawieszoną.',
  CASE_ALREADY_SUSPENDED: () => 'Sprawa jest już zawieszona. Gdy ustanie przyczyna zawieszenia, wybierz „Podejmij”.',
  CASE_IS_SUSPENDED: () => 'Sprawa jest zawieszona. Aby ją dalej prowadzić, wybierz „Podejmij”.',
  CASE_CLOSE_SUSPENDED: () =>
    'Nie można zakończyć zawieszonej sprawy. Najpierw podejmij postępowanie („Podejmij”), a potem zakończ sprawę.',
  CASE_NOT_CLOSED: () => 'Sprawa nie jest zakończona, więc nie można jej otworzyć ponownie.',
  CASE_IS_CLOSED: () => 'Sprawa jest zakończona. Jeśli trzeba ją dalej prowadzić, wybierz „Otwórz ponownie”.',
  CASE_ALREADY_CLOSED: () => 'Sprawa jest już zakończona.',
  CASE_CANCEL_CLOSED: () =>
    'Zakończonej sprawy nie można anulować: została załatwiona i pozostaje w spisie spraw. Jeśli zakończono ją przez pomyłkę, otwórz ją ponownie, a potem anuluj.',
  CASE_IS_CANCELLED: () =>
    'Sprawa jest anulowana: jej znak zostaje w spisie spraw, ale sprawy nie można już zmieniać. Jeśli sprawę trzeba prowadzić, załóż nową.',
  CASE_NOT_YOURS: () =>
    'Tę sprawę prowadzi inna osoba. Czynności w sprawie wykonuje prowadzący, osoba, która go zastępuje, albo kierownik komórki. Jeśli sprawa ma przejść do Ciebie, poproś o to kierownika.',
  CASE_REASSIGN_HEAD_ONLY: () => 'Prowadzącego sprawę zmienia kierownik komórki (albo administrator, gdy ktoś odszedł). Poproś kierownika i podaj powód.',
  CASE_OWNER_NOT_IN_UNIT: (p: { sign: string }) => `Sprawę ${p.sign} może prowadzić tylko aktywny pracownik jej komórki. Wybierz osobę z listy.`,
  CASE_PARTY_PRESENT: (p: { name: string }) => `${p.name} jest już stroną tej sprawy.`,
  CASE_PARTY_ABSENT: (p: { name: string }) => `${p.name} nie jest stroną tej sprawy (może ktoś już ją usunął). Odśwież sprawę.`,
  OPINION_COLLEAGUE_INVALID: (p: { sign: string }) => `O opinię w sprawie ${p.sign} można poprosić pracownika (referenta lub kierownika), który widzi tę sprawę — z jej komórki albo z komórki nadrzędnej. Wybierz osobę z listy.`,
  CASE_DOCUMENT_NOT_FOUND: () => 'Tego dokumentu nie ma w aktach sprawy. Odśwież sprawę.',
  OPINION_DUE_PAST: () => 'Termin na opinię nie może być w przeszłości. Podaj dzisiejszą albo późniejszą datę, albo zostaw pole puste.',
  OPINION_ALREADY_ASKED: (p: { name: string }) => `${p.name} ma już niezałatwioną prośbę o opinię w tej sprawie. Poczekaj na opinię albo dopisz pytanie w notatce.`,
  CASE_OWNER_SAME: (p: { name: string }) => `${p.name} już prowadzi tę sprawę. Wybierz inną osobę.`,
  CASE_CANCEL_HEAD_ONLY: () => 'Anulować sprawę może kierownik komórki albo administrator. Poproś kierownika o anulowanie i podaj powód.',
  CASE_ADMIN_CANCEL_ONLY: () =>
    'Administrator może sprawę tylko anulować. Pozostałe czynności wykonuje prowadzący, osoba, która go zastępuje, albo kierownik komórki.',

  // Dekretacja, przekazanie and return to the registry (core/cases/dekretacja.ts).
  ASSIGN_NOT_HEAD: () =>
    'Dekretować pismo może kierownik komórki, w której ono jest (albo komórki nadrzędnej), lub osoba, która go w tym dniu zastępuje. Jeśli pismo trafiło do złej komórki, kierownik może je przekazać albo zwrócić do kancelarii.',
  ASSIGN_NO_TARGETS: () => 'Nie wybrano, komu zadekretować pismo. Wybierz co najmniej jedną osobę lub komórkę.',
  ASSIGN_TARGET_DUPLICATE: (p: { name: string }) => `W tej dekretacji dwa razy występuje: ${p.name}. Zostaw jedną pozycję.`,
  ASSIGN_ONE_LEAD: () =>
    'Do załatwienia dekretuje się pismo jednej osobie lub komórce: ona prowadzi sprawę. Pozostałym zadekretuj pismo do wiadomości albo do opinii.',
  ASSIGN_DEADLINE_PAST: (p: { deadline: string; today: string }) =>
    `Termin ${p.deadline} już minął (dziś jest ${p.today}). Podaj termin od dziś wzwyż albo zostaw pole puste.`,
  ASSIGN_DEADLINE_FOR_INFO: () => 'Pismo dekretowane do wiadomości nie ma terminu. Usuń termin albo wybierz „do załatwienia” lub „do opinii”.',
  ASSIGN_NOTE_TOO_LONG: (p: { max: number }) => `Uwagi do dekretacji są za długie: mogą mieć najwyżej ${p.max} znaków. Skróć je.`,
  ASSIGN_USER_INACTIVE: (p: { name: string }) =>
    `${p.name} nie ma aktywnego konta (np. nie pracuje już w urzędzie), więc nie może otrzymać pisma. Wybierz inną osobę.`,
  ASSIGN_USER_OUTSIDE_UNIT: (p: { name: string }) =>
    `${p.name} nie pracuje w komórce, w której jest pismo, ani w komórce jej podległej. Aby pismo trafiło do innej komórki, użyj „Przekaż”.`,
  ASSIGN_UNIT_OUTSIDE: (p: { symbol: string }) =>
    `Komórka ${p.symbol} nie jest podległa komórce, w której jest pismo. Dekretować można na komórki podległe; aby pismo trafiło do innej komórki, użyj „Przekaż”.`,
  ASSIGN_ALREADY_ASSIGNED: (p: { name: string; instruction: string }) =>
    `Pismo jest już zadekretowane ${p.instruction}, z tym samym terminem, na: ${p.name}. Nic nie trzeba zmieniać.`,
  ASSIGN_METHOD_LOCKED: (p: { name: string; instruction: string; by: string }) =>
    `Pismo jest już zadekretowane na: ${p.name} (${p.instruction}; dekretował(a): ${p.by}). Sposób załatwienia może zmienić tylko ta osoba; poproś ją o zmianę.`,
  ASSIGN_DEADLINE_LOCKED: (p: { deadline: string; by: string }) =>
    `Termin z wcześniejszej dekretacji (${p.deadline}; dekretował(a): ${p.by}) może zmienić tylko ta osoba. Zadekretuj z tym samym terminem albo poproś ją o zmianę.`,
  ASSIGN_LEAD_TAKEN: (p: { name: string; by: string }) =>
    `Pismo prowadzi już: ${p.name} (do załatwienia, dekretował(a): ${p.by}). Prowadzącego może zmienić tylko ta osoba; Ty możesz dodać osoby do wiadomości lub do opinii.`,
  FORWARD_NOT_HEAD: () =>
    'Przekazać pismo innej komórce może kierownik komórki, w której ono jest (albo komórki nadrzędnej), lub osoba, która go w tym dniu zastępuje.',
  FORWARD_SAME_UNIT: () => 'Pismo już jest w tej komórce. Wybierz inną komórkę albo zadekretuj pismo pracownikowi.',
  FORWARD_TO_SUBUNIT: (p: { symbol: string }) =>
    `Komórka ${p.symbol} jest podległa komórce, w której jest pismo: zadekretuj pismo na nią zamiast je przekazywać.`,
  FORWARD_CASE_OPENED: () => 'Z tego pisma założono już sprawę, więc pismo jest w aktach sprawy. Przekaż sprawę zamiast pisma.',
  ROUTING_REASON_MISSING: (p: { what: 'przekazania' | 'zwrotu' }) =>
    `Podaj powód ${p.what}, np. „pismo dotyczy podatku od nieruchomości — właściwy Wydział Finansowy”. Powód trafia do metryki i widzi go odbiorca.`,
  ROUTING_REASON_TOO_LONG: (p: { max: number }) => `Powód jest za długi: może mieć najwyżej ${p.max} znaków. Skróć go.`,
  RETURN_NOT_HEAD: () =>
    'Zwrócić pismo do kancelarii może tylko kierownik komórki, do której kancelaria je skierowała, lub osoba, która go w tym dniu zastępuje.',
  RETURN_CASE_OPENED: () =>
    'Z tego pisma założono już sprawę, więc nie można go zwrócić do kancelarii jako błędnie skierowanego. Jeśli sprawa należy do innej komórki, przekaż sprawę.',

  // Substitutions and acting for someone (core/cases/substitution.ts).
  SUBSTITUTION_RANGE: (p: { from: string; to: string }) =>
    `Zastępstwo kończy się (${p.to}) wcześniej, niż się zaczyna (${p.from}). Popraw daty.`,
  SUBSTITUTION_SELF: () => 'Nie można zastępować samego siebie. Wybierz jako zastępcę inną osobę.',
  SUBSTITUTION_OVERLAP: (p: { substitute: string; absent: string; from: string; to: string }) =>
    `${p.substitute} ma już zastępstwo za: ${p.absent} w dniach ${p.from}–${p.to}, które nakłada się na podane daty. Zmień tamto zastępstwo zamiast dodawać drugie.`,
  SUBSTITUTION_IN_PAST: (p: { to: string }) =>
    `Zastępstwo skończyłoby się ${p.to}, czyli w przeszłości. Sprawdź daty, zwłaszcza rok.`,
  SUBSTITUTION_FORBIDDEN: (p: { absent: string }) =>
    `Zastępstwo za tę osobę (${p.absent}) może ustawić kierownik jej komórki (albo komórki nadrzędnej) lub administrator.`,
  SUBSTITUTE_INACTIVE: (p: { name: string }) => `${p.name} nie ma aktywnego konta, więc nie może nikogo zastępować. Wybierz inną osobę.`,
  ACTING_FOR_NOT_ACTIVE: (p: { absent: string; date: string }) =>
    `W dniu ${p.date} nie masz zastępstwa za: ${p.absent}. Działaj we własnym imieniu albo poproś kierownika lub administratora o ustawienie zastępstwa.`,
} satisfies Record<string, (p: never) => string>;

/** Errors of signing PDFs and checking their signatures (signing/). */
export const signingErrorMessages = {
  SIGN_P12_INVALID: () =>
    'Tego pliku nie da się odczytać jako pliku z certyfikatem i kluczem do podpisu (PKCS#12, rozszerzenie .p12 lub .pfx). Sprawdź, czy wybrano właściwy plik.',
  SIGN_WRONG_PASSWORD: () =>
    'Hasło do pliku z certyfikatem jest nieprawidłowe. Sprawdź, czy nie jest włączony Caps Lock i czy polskie litery wpisują się poprawnie, i wpisz hasło ponownie.',
  SIGN_P12_NO_KEY: () =>
    'W pliku z certyfikatem nie ma klucza prywatnego pasującego do certyfikatu, więc nie można nim podpisywać. Potrzebny jest plik wyeksportowany razem z kluczem prywatnym.',
  SIGN_KEY_UNSUPPORTED: (p: { type: string }) =>
    `Klucz w pliku z certyfikatem jest typu ${p.type}. Podpisywać można kluczem RSA (co najmniej 2048 bitów) albo ECDSA na krzywej P-256.`,
  SIGN_CERT_EXPIRED: (p: { name: string; notAfter: string }) =>
    `Certyfikat „${p.name}” wygasł ${p.notAfter}, więc nie można nim podpisać dokumentu. Potrzebny jest nowy certyfikat od dostawcy usług zaufania.`,
  SIGN_CERT_NOT_YET_VALID: (p: { name: string; notBefore: string }) =>
    `Certyfikat „${p.name}” jest ważny dopiero od ${p.notBefore}. Podpisz dokument po tej chwili albo sprawdź, czy zegar komputera wskazuje właściwą datę.`,
  SIGN_CERT_KEY_USAGE: (p: { name: string }) =>
    `Certyfikat „${p.name}” nie służy do składania podpisu (jest np. certyfikatem do szyfrowania). Wybierz certyfikat do podpisu elektronicznego.`,
  SIGN_PDF_UNREADABLE: () => 'Tego dokumentu nie da się odczytać jako PDF, więc nie można go podpisać ani sprawdzić jego podpisów.',
  SIGN_PDF_ENCRYPTED: () =>
    'Dokument PDF jest zabezpieczony hasłem (zaszyfrowany). Podpisać można tylko dokument bez takiego zabezpieczenia.',
  SIGN_XREF_STREAM: () =>
    'Dokument jest już podpisany, a jego budowa (odsyłacze zapisane jako strumień) nie pozwala dopisać kolejnego podpisu tak, aby poprzednie pozostały ważne. Kolejny podpis trzeba złożyć programem, który dopisuje podpisy do takich plików.',
  SIGN_PDF_STRUCTURE: () =>
    'Dokument jest już podpisany, ale jego zakończenie (tablica odsyłaczy) jest uszkodzone, więc nie można dopisać kolejnego podpisu bez unieważnienia poprzednich. Poproś nadawcę o nienaruszony plik.',
  SIGN_TSA_UNREACHABLE: (p: { url: string }) =>
    `Nie udało się połączyć z usługą znaczników czasu (${p.url}), więc dokumentu nie podpisano. Sprawdź połączenie z siecią i spróbuj ponownie; jeśli to się powtarza, powiedz administratorowi.`,
  SIGN_TSA_REFUSED: (p: { status: number }) =>
    `Usługa znaczników czasu odmówiła wydania znacznika (kod ${p.status}), więc dokumentu nie podpisano. Spróbuj ponownie za chwilę; jeśli to się powtarza, powiedz administratorowi.`,
  SIGN_TSA_ANSWER: () =>
    'Usługa znaczników czasu odpowiedziała czymś, co nie jest znacznikiem czasu dla tego podpisu, więc dokumentu nie podpisano. Powiedz administratorowi, że adres usługi może być błędny.',
  SIGN_VERIFY_TOO_LONG: (p: { seconds: number }) =>
    `Sprawdzanie podpisów w tym pliku trwało dłużej niż ${p.seconds} s i zostało przerwane — plik może być celowo tak zbudowany. Pismo można zarejestrować, ale jego podpisów nie uznawaj bez sprawdzenia przez administratora.`,
  SIGN_VERIFY_TOO_BIG: () =>
    'Sprawdzanie podpisów w tym pliku wymagało więcej pamięci, niż mu wolno, i zostało przerwane. Pismo można zarejestrować, ale jego podpisów nie uznawaj bez sprawdzenia przez administratora.',
  SIGN_LT_NO_REVOCATION: (p: { name: string }) =>
    `Nie udało się pobrać informacji o unieważnieniu certyfikatu „${p.name}” (usługa OCSP ani lista CRL nie odpowiedziały), więc dokumentu nie uzupełniono o dane do długoterminowej weryfikacji. Spróbuj ponownie później.`,
  TRUSTED_LIST_INVALID: () =>
    'To nie jest lista zaufanych usług (plik XML według ETSI TS 119 612) albo jest uszkodzona. Pobierz listę ponownie ze strony Narodowego Centrum Certyfikacji (lub listę UE) i wskaż pobrany plik XML.',
  TRUSTED_LIST_UNSIGNED: () =>
    'Lista zaufanych usług nie ma podpisu elektronicznego, więc nie wiadomo, kto ją wydał. Pobierz oryginalną, podpisaną listę ze strony Narodowego Centrum Certyfikacji.',
  TRUSTED_LIST_SIGNATURE: () =>
    'Podpis listy zaufanych usług się nie zgadza — ktoś zmienił plik po podpisaniu. Nie używaj tej kopii; pobierz listę ponownie ze strony Narodowego Centrum Certyfikacji.',
  SIGN_TOKEN_MODULE: (p: { module: string }) =>
    `Nie udało się użyć sterownika karty kryptograficznej (${p.module}). Sprawdź, czy czytnik jest podłączony, a sterownik karty zainstalowany; jeśli to się powtarza, powiedz administratorowi.`,
  SIGN_TOKEN_NOT_FOUND: () => 'Nie znaleziono karty z wybranym certyfikatem. Włóż kartę do czytnika i wybierz certyfikat ponownie.',
  SIGN_TOKEN_NO_KEY: (p: { name: string }) =>
    `Na karcie jest certyfikat „${p.name}”, ale nie ma klucza, którym się nim podpisuje. Wybierz certyfikat do podpisu (kwalifikowany), nie np. certyfikat wystawcy.`,
  SIGN_PIN_WRONG: () => 'PIN karty jest nieprawidłowy. Po kilku błędnych próbach karta się zablokuje — sprawdź PIN, zanim wpiszesz go ponownie.',
  SIGN_PIN_LOCKED: () => 'Karta jest zablokowana po zbyt wielu błędnych PIN-ach. Odblokuj ją kodem PUK w programie dostawcy karty albo zwróć się do dostawcy.',
  SIGN_SESSION_ENDED: () =>
    'Klucz do podpisu został już zamknięty (po 5 minutach bez podpisu, po wylogowaniu albo po zakończeniu podpisywania). Kliknij „Podpisz” ponownie i podaj PIN albo hasło.',
  SIGN_SECRET_GONE: () => 'PIN albo hasło wpisane w oknie programu wygasło lub zostało już użyte. Kliknij „Podpisz” ponownie i wpisz je jeszcze raz.',
  SIGN_SECRET_IN_PAGE: () => 'W programie na komputerze PIN karty i hasło do pliku wpisuje się w osobnym oknie programu, nie na stronie. Kliknij „Podpisz” ponownie.',
  SIGN_TOKEN_MODULE_UNKNOWN: () =>
    'Ten sterownik karty nie jest dopuszczony na tym stanowisku. Wybierz certyfikat z listy kart; sterowniki wskazuje informatyk (zmienna KANCELARIA_PKCS11).',
  SIGN_CERTIFY_NOT_FIRST: () =>
    'Dokument ma już podpis, a podpis certyfikujący (określający, jakie zmiany wolno potem wprowadzać) musi być pierwszym podpisem dokumentu. Złóż zwykły podpis.',
  SIGN_STAMP_PAGE: (p: { page: number; pages: number }) =>
    `Strony ${p.page} nie ma w dokumencie (liczba stron: ${p.pages}), więc nie można na niej umieścić znaku podpisu.`,
} satisfies Record<string, (p: never) => string>;

/** Errors of decision drafts and of letters made from templates (core/decisions/). */
export const decisionErrorMessages = {
  TEMPLATE_SYNTAX: (p: { list: string }) =>
    `Szablon zawiera źle zapisane pola: ${p.list}. Pole zapisuje się w podwójnych nawiasach klamrowych, np. {{organ}}.`,
  TEMPLATE_PLACEHOLDER_UNKNOWN: (p: { list: string }) =>
    `Szablon zawiera pola, których program nie zna: ${p.list}. Popraw nazwy albo usuń te pola; dostępne pola pokazuje lista obok edytora szablonu.`,
  TEMPLATE_VALUES_MISSING: (p: { list: string }) => `Nie można przygotować pisma, bo brakuje danych: ${p.list}. Uzupełnij je w formularzu.`,
  TEMPLATE_REQUIRED_MISSING: (p: { list: string; basis: string }) =>
    `W szablonie brakuje elementów, których wymaga ${p.basis}: ${p.list}. Dodaj je do szablonu, inaczej pisma z niego nie spełnią wymogów prawa.`,
  TEMPLATE_NOT_FOUND: (p: { code: string }) => `Nie ma szablonu „${p.code}”. Wybierz szablon z listy albo poproś administratora o jego dodanie.`,
  TEMPLATE_KIND_MISMATCH: (p: { code: string; expected: string }) => `Szablon „${p.code}” nie jest szablonem ${p.expected}. Wybierz właściwy szablon.`,
  TEMPLATE_PROCEDURE_MISMATCH: (p: { code: string; procedure: string }) =>
    `Szablon „${p.code}” jest przeznaczony dla innej procedury niż projekt (${p.procedure}). Wybierz szablon właściwy dla rodzaju sprawy.`,
  // Editing templates (core/decisions/templateHandlers.ts).
  TEMPLATE_STALE: (p: { name: string; version: number; who: string }) =>
    `Szablon „${p.name}” zmienił się, odkąd go otwarto: obowiązuje teraz wersja ${p.version} (${p.who}). Otwórz szablon ponownie i wprowadź zmiany w najnowszej wersji.`,
  TEMPLATE_PLACEHOLDER_NOT_FOR_KIND: (p: { list: string }) =>
    `Tych pól nie da się wypełnić w decyzji (są tylko w pismach): ${p.list}. Usuń je z szablonu; dostępne pola pokazuje lista obok edytora szablonu.`,
  TEMPLATE_UNCHANGED: (p: { name: string }) => `Treść szablonu „${p.name}” nie różni się od zapisanej wersji. Nie ma czego zapisywać.`,
  TEMPLATE_ALREADY_DEFAULT: (p: { name: string }) => `Szablon „${p.name}” ma już treść domyślną. Nie ma czego przywracać.`,
  TEMPLATE_STORED_INVALID: (p: { code: string; version: number }) =>
    `Zapisana wersja ${p.version} szablonu „${p.code}” jest uszkodzona i nie można z niej przygotować pisma. Administrator może zapisać szablon ponownie albo przywrócić treść domyślną.`,
  DECISION_ELEMENTS_MISSING: (p: { list: string; basis: string }) =>
    `Projekt decyzji nie zawiera wszystkich elementów wymaganych przez ${p.basis}: ${p.list}. Uzupełnij je; do tego czasu projektu nie można przekazać dalej.`,
  ORGAN_DECLENSION_UNKNOWN: (p: { name: string }) =>
    `Program nie zna odmiany nazwy organu „${p.name}” (potrzebna jest forma „za pośrednictwem kogo?”). Podaj ją wprost, np. „Wójta Gminy Zażółć”.`,
  APPEAL_DAYS_INVALID: (p: { value: number }) => `Termin na odwołanie (${p.value}) jest nieprawidłowy. Podaj liczbę dni: całkowitą i dodatnią, np. 14.`,
  STAMP_DUTY_INVALID: (p: { value: number }) =>
    `Kwota opłaty skarbowej (${p.value}) jest nieprawidłowa. Podaj kwotę w złotych, od 0 wzwyż, z dokładnością do grosza.`,
} satisfies Record<string, (p: never) => string>;

/**
 * Errors of the central server (server/): logging in, sessions, and what the admin CLI and the
 * HTTP API refuse. Login refusals never say whether the login exists.
 */
export const serverErrorMessages = {
  AUTH_LOGIN_FAILED: () =>
    'Nieprawidłowy login lub hasło. Sprawdź, czy nie jest włączony Caps Lock, i wpisz je ponownie. Po kilku nieudanych próbach z rzędu każda następna jest możliwa dopiero po chwili.',
  AUTH_SLOW_DOWN: (p: { seconds: number }) =>
    `Po kilku nieudanych próbach logowania na to konto trzeba odczekać: spróbuj ponownie za ${String(p.seconds)} s. Jeśli nie pamiętasz hasła, poproś administratora o nowe; jeśli to nie Ty próbowałeś, zgłoś to.`,
  AUTH_ACCOUNT_LOCKED: () => 'To konto zablokował administrator. Jeśli to pomyłka, zwróć się do informatyka urzędu.',
  AUTH_ACCOUNT_INACTIVE: () => 'To konto jest wyłączone. Jeśli nadal pracujesz w urzędzie, poproś administratora o jego włączenie.',
  AUTH_RATE_LIMITED: (p: { seconds: number }) =>
    `Z tego komputera było w ostatniej minucie zbyt wiele prób logowania. Odczekaj ${p.seconds} s i spróbuj ponownie; jeśli to nie Ty próbowałeś, zgłoś to administratorowi.`,
  AUTH_TOKEN_MISSING: () => 'Nie jesteś zalogowany do serwera urzędu. Zaloguj się swoim loginem i hasłem.',
  AUTH_SESSION_EXPIRED: () => 'Twoja sesja wygasła. Zaloguj się ponownie; niezapisane zmiany czekają na stanowisku.',
  AUTH_SESSION_REVOKED: () => 'Ta sesja została zakończona (wylogowanie, zmiana hasła albo decyzja administratora). Zaloguj się ponownie.',
  AUTH_REFRESH_INVALID: () => 'Nie udało się przedłużyć sesji: serwer jej nie rozpoznaje. Zaloguj się ponownie.',
  AUTH_REFRESH_EXPIRED: (p: { hours: number }) => `Sesja trwa najwyżej ${p.hours} godzin i właśnie się skończyła. Zaloguj się ponownie.`,
  AUTH_REFRESH_REUSED: () =>
    'Sesję zakończono, bo użyto wcześniejszego, już wymienionego klucza sesji (mógł zostać skopiowany). Zaloguj się ponownie; jeśli to się powtarza, zgłoś to administratorowi.',
  AUTH_PASSWORD_TOO_SHORT: (p: { min: number }) => `Hasło jest za krótkie: musi mieć co najmniej ${p.min} znaków. Wymyśl dłuższe hasło, np. kilka słów.`,
  AUTH_PASSWORD_MISMATCH: () => 'Hasła się różnią. Wpisz to samo hasło dwa razy.',
  SERVER_ROUTE_NOT_FOUND: (p: { method: string; path: string }) =>
    `Serwer nie obsługuje ${p.method} ${p.path}. Sprawdź adres; jeśli stanowisko jest nowsze od serwera, poproś administratora o aktualizację serwera.`,
  SERVER_OUT_OF_UNIT_SCOPE: (p: { unit: string }) => `Ta czynność dotyczy komórki ${p.unit}, która nie należy do Twojego zakresu. Poproś kierownika tej komórki albo sekretariat.`,
  SERVER_DATABASE_UNAVAILABLE: () => 'Serwer urzędu nie może połączyć się ze swoją bazą danych. Spróbuj za chwilę; jeśli to trwa, zgłoś to administratorowi.',
  SERVER_REQUEST_TOO_LARGE: (p: { limit: string }) => `Wysłane dane są za duże (ta czynność przyjmuje najwyżej ${p.limit}). Podziel je na mniejsze części.`,
  SERVER_BAD_URL: () => 'Adres żądania jest nieprawidłowy (zły znak % albo zbyt długi fragment). Stanowisko wysyła tylko poprawne adresy: jeśli to powtarza się, zgłoś to informatykowi.',
  SERVER_BAD_JSON: () => 'Serwer otrzymał uszkodzone dane (to nie jest poprawny JSON). Spróbuj ponownie; jeśli się powtórzy, zgłoś to administratorowi.',
  SERVER_UNSUPPORTED_MEDIA: (p: { type: string }) => `Serwer nie przyjmuje danych typu „${p.type}” pod tym adresem. Wyślij JSON (application/json).`,
  SERVER_DATA_DIR_BUSY: (p: { dir: string; pid: number }) =>
    `Katalog danych serwera ${p.dir} jest używany przez inny proces${p.pid > 0 ? ` (PID ${p.pid})` : ''}. Zatrzymaj działający serwer Kancelarii, zanim uruchomisz drugi lub użyjesz narzędzi administratora; kilka procesów naraz obsługuje tylko PostgreSQL (DATABASE_URL).`,
  DIRECTORY_NOTHING_CHANGED: () => 'Nic nie zmieniono. Zmień co najmniej jedno pole albo zamknij okno.',
  DIRECTORY_UNIT_PARENT_LOOP: (p: { symbol: string }) => `Komórka ${p.symbol} nie może podlegać sobie ani swojej komórce podległej. Wybierz inną komórkę nadrzędną.`,
  DIRECTORY_UNIT_NOT_EMPTY: (p: { symbol: string; people: number; units: number }) =>
    `Komórki ${p.symbol} nie można zamknąć: pracuje w niej osób: ${String(p.people)}, otwartych komórek podległych: ${String(p.units)}. Najpierw przenieś ludzi i zamknij komórki podległe.`,
  DIRECTORY_NOT_YOURSELF: () => 'Nie możesz odebrać sobie roli administratora ani oznaczyć siebie jako osoby, która odeszła. Poproś o to innego administratora.',
  DIRECTORY_LAST_ADMIN: () => 'To ostatni administrator urzędu. Najpierw nadaj rolę administratora komuś innemu.',
  DIRECTORY_OPEN_WORK: (p: { name: string; cases: number; letters: number }) =>
    `${p.name} ma jeszcze otwarte sprawy (${String(p.cases)}) i pisma w skrzynce (${String(p.letters)}). Przekaż je innym osobom (zmiana prowadzącego, dekretacja), zanim ta osoba odejdzie lub zmieni komórkę.`,
  SERVER_LOGIN_FORMAT: (p: { login: string }) =>
    `Login „${p.login}” jest nieprawidłowy: użyj od 2 do 64 małych liter bez polskich znaków, cyfr, kropek, myślników lub podkreśleń, zaczynając od litery (np. akowalska).`,
  SERVER_LOGIN_TAKEN: (p: { login: string }) => `Login „${p.login}” jest już zajęty. Wybierz inny, np. z drugą literą imienia.`,
  SERVER_USER_UNKNOWN: (p: { login: string }) => `Nie ma użytkownika o loginie „${p.login}”. Sprawdź pisownię (listę pokazuje: kancelaria-server user list).`,
  SERVER_UNIT_UNKNOWN: (p: { symbol: string }) => `Nie ma komórki o symbolu „${p.symbol}”. Sprawdź symbol (listę pokazuje: kancelaria-server unit list) albo najpierw dodaj komórkę.`,
  SERVER_UNIT_SYMBOL_TAKEN: (p: { symbol: string }) => `Komórka o symbolu „${p.symbol}” już istnieje. Wybierz inny symbol.`,
  SERVER_OFFICE_EXISTS: (p: { name: string }) => `Urząd jest już założony w tej bazie (${p.name}). Aby zacząć od nowa, użyj pustej bazy danych.`,
  SERVER_NO_DATA_DIR: (p: { dir: string }) =>
    `W katalogu ${p.dir} nie ma danych serwera Kancelarii. Podaj właściwy katalog (--data KATALOG albo zmienna KANCELARIA_SERVER_DATA) lub adres PostgreSQL (DATABASE_URL); nowy urząd zakłada: kancelaria-server office init.`,
  SERVER_NO_OFFICE: () => 'W tej bazie nie założono jeszcze urzędu. Najpierw uruchom: kancelaria-server office init --name "…" --city "…" (albo --demo).',
} satisfies Record<string, (p: never) => string>;

/** Every message by code: the catalogue `fail()` renders from. */
export const allErrorMessages = { ...errorMessages, ...intakeErrorMessages, ...ruleErrorMessages, ...deadlineErrorMessages, ...caseErrorMessages, ...signingErrorMessages, ...decisionErrorMessages, ...serverErrorMessages };
export type ErrorCode = keyof typeof allErrorMessages;
export type ErrorParams<C extends ErrorCode> = Parameters<(typeof allErrorMessages)[C]>[0];
