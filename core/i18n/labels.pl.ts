import type { Channel, OutgoingChannel, Role, PartyKind } from '#core/contract';
import type { CaseAction } from '#core/cases/status';

/** Polish names of enumerations, shared by the UI, documents and CSV. */
export const roleLabels: Record<Role, string> = {
  registry: 'kancelaria',
  clerk: 'referent',
  head: 'kierownik',
  admin: 'administrator',
};

export const channelLabels: Record<Channel, string> = {
  paper: 'papier (poczta, kurier)',
  epuap: 'ePUAP',
  edoreczenia: 'e-Doręczenia',
  email: 'e-mail',
  fax: 'faks',
  in_person: 'osobiście',
};

export const outgoingChannelLabels: Record<OutgoingChannel, string> = {
  registered: 'list polecony',
  registered_priority: 'list polecony priorytetowy',
  ordinary: 'list zwykły',
  ordinary_priority: 'list zwykły priorytetowy',
  epuap: 'ePUAP',
  edoreczenia: 'e-Doręczenia',
  in_person: 'odbiór osobisty',
};

export const partyKindLabels: Record<PartyKind, string> = {
  person: 'osoba fizyczna',
  company: 'firma',
  institution: 'instytucja',
};

/** A party's fields as the sender form names them. */
export const partyFieldLabels = {
  firstName: 'Imię',
  lastName: 'Nazwisko',
  name: 'Nazwa',
  pesel: 'PESEL',
  nip: 'NIP',
  regon: 'REGON',
  street: 'Ulica i numer',
  postalCode: 'Kod pocztowy',
  city: 'Miejscowość',
  email: 'E-mail',
  phone: 'Telefon',
  electronicAddress: 'Adres do doręczeń elektronicznych (e-Doręczenia / ePUAP)',
} as const;

/** Field names as a person knows them, for validation messages. */
export const fieldLabels: Record<string, string> = {
  means: 'Klucz do podpisu',
  password: 'Hasło lub PIN',
  channel: 'Kanał wpływu',
  receivedAt: 'Data i godzina wpływu',
  senderId: 'Nadawca',
  senderReference: 'Znak pisma nadawcy',
  letterDate: 'Data pisma',
  subject: 'Dotyczy',
  attachmentsCount: 'Liczba załączników',
  trackingNumber: 'Numer nadania',
  remarks: 'Uwagi',
  unitId: 'Komórka',
  scans: 'Skany',
  kind: 'Rodzaj nadawcy',
  ...partyFieldLabels,
  reason: 'Powód',
  incomingPattern: 'Wzór numeru RPW',
  scanFolder: 'Folder skanów',
  maxScanMb: 'Największy skan (MB)',
  deadlineWarningDays: 'Ostrzeżenie o terminie (dni robocze)',
  addresseeId: 'Adresat',
  organ: 'Organ wydający decyzje',
  appealBody: 'Organ odwoławczy',
  dispatchedOn: 'Data nadania',
  postageGrosze: 'Opłata',
  massGrams: 'Masa (g)',
};

/** How the metryka names a case action (workstation and server write the same words). */
/** Rola strony w sprawie, as the case shows it. */
export const casePartyRoleLabels = { strona: 'strona', wnioskodawca: 'wnioskodawca', pelnomocnik: 'pełnomocnik', uczestnik: 'uczestnik na prawach strony' } as const;

export const caseActionSummaries: Record<CaseAction, string> = {
  start: 'Rozpoczęto prowadzenie sprawy',
  suspend: 'Zawieszono postępowanie w sprawie',
  resume: 'Podjęto zawieszone postępowanie w sprawie',
  close: 'Zakończono sprawę',
  reopen: 'Wznowiono sprawę',
  cancel: 'Anulowano sprawę (znak zachowany)',
};

/** A letter's channel in words: how it came in, or for an outgoing one how it was sent. */
export function letterChannelLabel(direction: 'in' | 'out', channel: Channel | OutgoingChannel): string {
  const labels: Partial<Record<string, string>> = direction === 'out' ? outgoingChannelLabels : channelLabels;
  return labels[channel] ?? channel;
}
