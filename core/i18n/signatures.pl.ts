import { pluralWord } from '#core/i18n/plural.pl';

/**
 * How the verification of electronic signatures is worded for a person: the verdicts of ETSI
 * EN 319 102-1 (§5.1.3) and their sub-indications, each check, and each change found after a
 * signature. The codes stay in the JSON for IT staff; people read these words.
 */

export const indicationLabels = {
  TOTAL_PASSED: 'ważny',
  INDETERMINATE: 'nierozstrzygnięty',
  TOTAL_FAILED: 'NIEWAŻNY',
} as const;

/** What each sub-indication means, in words a clerk understands. */
export const subIndicationTexts = {
  FORMAT_FAILURE: 'podpis ma nieprawidłową budowę i nie da się go sprawdzić',
  HASH_FAILURE: 'dokument zmieniono po podpisaniu',
  SIG_CRYPTO_FAILURE: 'podpis nie zgadza się z kluczem certyfikatu — nie złożył go właściciel certyfikatu albo podpis uszkodzono',
  REVOKED: 'certyfikat unieważniono przed złożeniem podpisu',
  NOT_YET_VALID: 'podpis złożono przed początkiem ważności certyfikatu',
  EXPIRED: 'podpis złożono po wygaśnięciu certyfikatu',
  NO_SIGNING_CERTIFICATE_FOUND: 'nie da się ustalić, czyim certyfikatem złożono podpis',
  NO_CERTIFICATE_CHAIN_FOUND: 'podpis nienaruszony, ale wystawca certyfikatu nieznany — nie ma go wśród zaufanych urzędów certyfikacji',
  CHAIN_CONSTRAINTS_FAILURE: 'ścieżka certyfikatów nie spełnia wymagań (wystawca nie jest urzędem certyfikacji)',
  SIG_CONSTRAINTS_FAILURE: 'certyfikat nie służy do składania podpisów',
  CRYPTO_CONSTRAINTS_FAILURE: 'podpis użyto algorytmu, który nie jest już uznawany za bezpieczny albo nie jest obsługiwany',
  OUT_OF_BOUNDS_NO_POE: 'certyfikat nie jest już ważny, a nic nie dowodzi, że podpis złożono, gdy był ważny (brak znacznika czasu)',
  REVOKED_NO_POE: 'certyfikat unieważniono, a nic nie dowodzi, że podpis złożono wcześniej (brak znacznika czasu)',
  TRY_LATER: 'nie udało się sprawdzić, czy certyfikat nie został unieważniony — spróbuj później',
  TIMESTAMP_ORDER_FAILURE: 'znacznik czasu jest wcześniejszy niż to, co ma poświadczać',
} as const;
export type SubIndication = keyof typeof subIndicationTexts;

/** The checks, by name, in the order they are made and shown. */
export const checkLabels = {
  structure: 'Budowa podpisu',
  integrity: 'Nienaruszalność podpisanej treści',
  cryptography: 'Podpis kryptograficzny',
  signingCertificate: 'Certyfikat wskazany w podpisie',
  keyUsage: 'Przeznaczenie certyfikatu',
  chain: 'Ścieżka do zaufanego wystawcy',
  timestamp: 'Znacznik czasu',
  validity: 'Ważność certyfikatu',
  revocation: 'Unieważnienie certyfikatu',
  revisions: 'Zmiany po podpisaniu',
  level: 'Rodzaj podpisu',
} as const;
export type CheckId = keyof typeof checkLabels;

export const checkTexts = {
  byteRangeBroken: 'zakres podpisanych bajtów (/ByteRange) jest nieprawidłowy — nie wiadomo, co podpisano',
  revisionUnreadable: 'podpisana część pliku nie jest kompletnym dokumentem PDF',
  cmsUnreadable: 'nie da się odczytać danych podpisu (struktura CMS jest uszkodzona)',
  signerCount: (count: number) => `dane podpisu zawierają ${count} ${pluralWord(count, 'podpisującego', 'podpisujących', 'podpisujących')} zamiast jednego`,
  noSignerCertificate: 'w danych podpisu brak certyfikatu osoby podpisującej',
  hashRefused: (label: string) => `algorytm skrótu ${label} nie jest akceptowany`,
  algorithmUnsupported: 'nieobsługiwany algorytm podpisu albo niezgodny z kluczem certyfikatu',
  digestMismatch: 'treść dokumentu zmieniono po podpisaniu (skrót nie zgadza się z podpisanym)',
  digestMatches: 'podpisane bajty są takie jak w chwili podpisu',
  signatureInvalid: 'podpis nie zgadza się z kluczem publicznym certyfikatu',
  signatureValid: (algorithm: string, hash: string) => `podpis ${algorithm} z ${hash} zgadza się z kluczem certyfikatu`,
  noSignedAttributes: 'podpis bez atrybutów podpisanych (niezgodny z PAdES)',
  contentTypeNotData: 'atrybut contentType nie wskazuje danych (id-data)',
  signingCertificateOther: 'atrybut signing-certificate wskazuje inny certyfikat niż ten, którym złożono podpis',
  signingCertificateMatches: 'podpis wskazuje ten właśnie certyfikat (signing-certificate-v2)',
  signingCertificateMissing: 'brak atrybutu signing-certificate-v2 wymaganego przez PAdES',
  signingTimeAttribute: 'atrybut signingTime w podpisie PAdES (czas podpisu powinien być tylko w /M)',
  keyUsageWrong: 'certyfikat nie służy do składania podpisu (niewłaściwe użycie klucza)',
  keyUsageRight: 'certyfikat służy do składania podpisu',
  chainTrusted: (chain: string) => chain,
  rootNotCa: (name: string) => `zaufany certyfikat „${name}” nie jest certyfikatem urzędu certyfikacji`,
  issuerNotCa: (name: string) => `certyfikat wystawcy „${name}” nie jest certyfikatem urzędu certyfikacji`,
  unknownIssuer: (name: string) => `wystawca „${name}” nie jest wśród zaufanych certyfikatów głównych`,
  notYetValid: (whose: string, at: string, from: string, to: string) => `${whose} nie był ważny w chwili podpisu ${at} (ważny od ${from} do ${to})`,
  expiredNoProof: (whose: string, to: string) => `${whose} nie jest już ważny (ważny do ${to}); czas podpisu pochodzi z oświadczenia podpisującego (/M), bez znacznika czasu`,
  notValidAtProof: (whose: string, at: string, from: string, to: string) =>
    `${whose} nie był ważny w chwili potwierdzonej znacznikiem czasu ${at} (ważny od ${from} do ${to})`,
  validAtProof: (at: string, to: string) => `certyfikaty ścieżki ważne w chwili potwierdzonej znacznikiem czasu ${at} (certyfikat podpisującego do ${to})`,
  validNow: (to: string) => `certyfikaty ścieżki ważne teraz i w chwili podpisu (certyfikat podpisującego do ${to})`,
  theCertificate: 'certyfikat',
  issuerCertificate: (name: string) => `certyfikat wystawcy „${name}”`,
  noChanges: 'dokument nie był zmieniany po podpisaniu',
  onlyAllowedChanges: 'po podpisaniu dokonano tylko dozwolonych zmian',
  disallowedChanges: (texts: string) => `dokument zmieniono po podpisaniu w sposób niedozwolony: ${texts}`,
  serviceNotGranted: (name: string, at: string) => `usługa „${name}” z listy zaufanych nie była usługą kwalifikowaną w chwili ${at}`,
  fromTrustedList: (provider: string, name: string) => `wystawca z listy zaufanych usług: ${provider} — ${name}`,
  qualified: (card: boolean) => `kwalifikowany podpis elektroniczny (certyfikat kwalifikowany${card ? ', klucz na karcie lub w urządzeniu kwalifikowanym' : ''})`,
  advanced: 'zaawansowany podpis elektroniczny (certyfikat nie jest kwalifikowany albo wystawca nie jest na liście zaufanych usług)',
  revocationNotChecked: 'nie sprawdzono (brak odpowiedzi OCSP lub listy CRL w dokumencie)',
  signerClaims: 'podpisujący deklaruje',
} as const;

/** The one line a person reads for a signature. */
export const verdictTexts = {
  head: (index: number, fields: string, who: string, when: string) => `Podpis ${index} (${fields}): ${who}${when}`,
  signedAt: (time: string) => `, złożony ${time}`,
  provenAt: (time: string, tsa: string) => `, złożony najpóźniej ${time} (znacznik czasu: ${tsa})`,
  documentHead: (index: number, fields: string, tsa: string, when: string) => `Znacznik czasu dokumentu ${index} (${fields}): ${tsa}${when}`,
  passedTimestamp: (scope: string, notes: string) => `ważny: ${scope}; urząd znacznika czasu zaufany.${notes}`,
  unknownSigner: 'nieznany podpisujący',
  moreFields: (count: number) => `i ${count} ${pluralWord(count, 'inne pole', 'inne pola', 'innych pól')}`,
  passedQualified: (scope: string, notes: string) => `ważny podpis kwalifikowany: ${scope}; certyfikat kwalifikowany od dostawcy z listy zaufanych usług.${notes}`,
  passed: (scope: string, notes: string) => `ważny: ${scope}; certyfikat zaufany i ważny w chwili podpisu.${notes}`,
  notes: (warnings: string) => ` Uwagi: ${warnings}.`,
  indeterminate: (meaning: string, details: string) => `nie można potwierdzić ważności: ${meaning}${details}.`,
  failed: (details: string) => `NIEWAŻNY: ${details}.`,
  wholeFile: 'dokument nie był zmieniany po podpisaniu',
  earlierRevision: 'późniejsze zmiany są dozwolone (kolejne podpisy lub dane do weryfikacji)',
  document: {
    none: 'Dokument nie ma podpisów elektronicznych.',
    allPassed: (count: number) => `Dokument ma ${count} ${pluralWord(count, 'podpis', 'podpisy', 'podpisów')}: ${count === 1 ? 'ważny' : 'wszystkie ważne'}.`,
    someFailed: (count: number, failed: number) =>
      `Dokument ma ${count} ${pluralWord(count, 'podpis', 'podpisy', 'podpisów')}, w tym ${failed} ${pluralWord(failed, 'nieważny', 'nieważne', 'nieważnych')}.`,
    someIndeterminate: (count: number, open: number) =>
      `Dokument ma ${count} ${pluralWord(count, 'podpis', 'podpisy', 'podpisów')}, w tym ${open} ${pluralWord(open, 'nierozstrzygnięty', 'nierozstrzygnięte', 'nierozstrzygniętych')} — ważności nie da się potwierdzić.`,
  },
} as const;

/** RFC 3161 time-stamps (signing/timestamp.ts). */
export const timestampTexts = {
  unreadable: 'znacznika czasu nie da się odczytać',
  imprintMismatch: 'znacznik czasu dotyczy innych danych niż ten podpis',
  noTsaCertificate: 'w znaczniku czasu brak certyfikatu urzędu znacznika czasu',
  signatureInvalid: 'podpis urzędu znacznika czasu nie zgadza się',
  untrusted: (why: string) => `urząd znacznika czasu nie jest zaufany: ${why}`,
  notForTimestamps: 'certyfikat urzędu znacznika czasu nie służy do wydawania znaczników czasu',
  certificateNotValidThen: 'certyfikat urzędu znacznika czasu nie był ważny w chwili wydania znacznika',
  proven: (time: string, tsa: string) => `znacznik czasu z „${tsa}” dowodzi, że podpis istniał ${time}`,
  ignored: (why: string) => `znacznik czasu pominięto: ${why}`,
  none: 'brak znacznika czasu — czas podpisu jest tylko deklaracją podpisującego',
  claimedAfterProof: (claimed: string, proven: string) => `podpisujący deklaruje czas ${claimed}, późniejszy niż znacznik czasu ${proven}`,
  documentTimestamp: (time: string, tsa: string) => `znacznik czasu dokumentu z „${tsa}”: dokument w tej postaci istniał ${time}`,
  provenByDocument: (time: string, tsa: string) => `znacznik czasu dokumentu z „${tsa}” dowodzi, że podpis istniał ${time}`,
} as const;

/** Revocation of certificates (signing/revocation.ts). */
export const revocationTexts = {
  source: (kind: 'ocsp' | 'crl', embedded: boolean, at: string) => `${kind === 'ocsp' ? 'OCSP' : 'lista CRL'}${embedded ? ' zapisana w dokumencie' : ''}, stan na ${at}`,
  good: (whose: string, source: string) => `„${whose}” nie unieważniony (${source})`,
  revoked: (whose: string, at: string, source: string) => `certyfikat „${whose}” unieważniono ${at} (${source})`,
  revokedAfter: (whose: string, at: string, source: string) => `„${whose}” unieważniono ${at}, po złożeniu podpisu potwierdzonym znacznikiem czasu (${source})`,
  unknown: (whose: string, source: string) => `usługa OCSP nie zna certyfikatu „${whose}” (${source})`,
  noAnswer: (whose: string) => `nie udało się sprawdzić, czy certyfikat „${whose}” nie został unieważniony (brak odpowiedzi OCSP i listy CRL)`,
  noSource: (whose: string) => `certyfikat „${whose}” nie wskazuje usługi OCSP ani listy CRL — nie da się sprawdzić jego unieważnienia`,
} as const;

/** Long-term validation of archival documents (signing/longTerm.ts). */
export const longTermTexts = {
  extended: 'Jako dokument kategorii archiwalnej A uzupełniono go o dane do długoterminowej weryfikacji i znacznik czasu dokumentu (PAdES B-LTA).',
  notExtended: (why: string) => `Nie uzupełniono go jeszcze o dane do długoterminowej weryfikacji (kategoria A): ${why}`,
} as const;

/** What changed after a signature (signing/revisions.ts). */
export const revisionTexts = {
  content: (page: number) => `zmieniono treść strony ${page} (tekst, obrazy lub czcionki)`,
  pagesAdded: (added: number, was: number, is: number) => `dodano ${added} ${pluralWord(added, 'stronę', 'strony', 'stron')} (było ${was}, jest ${is})`,
  pagesRemoved: (removed: number, was: number, is: number) => `usunięto ${removed} ${pluralWord(removed, 'stronę', 'strony', 'stron')} (było ${was}, jest ${is})`,
  annotationOver: (subtype: string, page: number) => `na stronie ${page} dodano adnotację (${subtype}) nałożoną na treść`,
  annotationAdded: (subtype: string, page: number) => `na stronie ${page} dodano adnotację (${subtype})`,
  annotationChanged: (subtype: string, page: number) => `na stronie ${page} zmieniono adnotację (${subtype})`,
  annotationRemoved: (subtype: string, page: number) => `na stronie ${page} usunięto adnotację (${subtype})`,
  widgetChanged: (page: number) => `na stronie ${page} zmieniono położenie lub wygląd pola formularza`,
  timestampAdded: (field: string) => `dodano znacznik czasu dokumentu (pole „${field}”)`,
  signatureAdded: (field: string) => `dodano kolejny podpis (pole „${field}”)`,
  emptySignatureField: (field: string) => `dodano puste pole podpisu „${field}”`,
  signatureReplaced: (field: string) => `podmieniono podpis w polu „${field}”`,
  fieldAdded: (field: string) => `dodano pole formularza „${field}”`,
  fieldShowsOldSignature: (field: string) => `dodano pole „${field}” pokazujące podpis złożony wcześniej`,
  moreChanges: (count: number) => `i ${count} ${pluralWord(count, 'inna zmiana', 'inne zmiany', 'innych zmian')}`,
  fieldRemoved: (field: string) => `usunięto pole formularza „${field}”`,
  fieldChanged: (field: string) => `zmieniono ustawienia pola formularza „${field}”`,
  formFilled: (field: string, was: string, is: string) => `wypełniono pole formularza „${field}”: „${was}” → „${is}”`,
  lockedFieldChanged: (field: string, was: string, is: string) => `zmieniono zablokowane pole formularza „${field}”: „${was}” → „${is}”`,
  catalogChanged: (key: string) => `zmieniono budowę dokumentu (/${key} w katalogu)`,
  formSettingsChanged: (key: string) => `zmieniono ustawienia formularza (/${key})`,
  dssAdded: 'dodano dane do długoterminowej weryfikacji podpisów (DSS)',
  metadataChanged: 'zmieniono dane opisowe dokumentu (tytuł, autor, metadane)',
} as const;
