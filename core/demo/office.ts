import type { Role, Settings } from '#core/contract';

/** The demo office "Gmina Przykładowa": what `npm start` opens on a fresh machine. */
export const DEMO_SETTINGS: Settings = {
  office: {
    name: 'Urząd Gminy Przykładowa',
    shortName: 'UG Przykładowa',
    addressLines: ['ul. Główna 1', '99-999 Przykładowo'],
    city: 'Przykładowo',
  },
  incomingPattern: 'RPW/{nr}/{rok}',
  scanFolder: null,
  maxScanMb: 100,
  deadlineWarningDays: 3,
  organ: 'Wójt Gminy Przykładowa',
  trustedRootsPem: [],
  tsaUrl: null,
  trustedList: null,
  appealBody: 'Samorządowego Kolegium Odwoławczego w Łodzi',
  approvalPaths: [],
  backup: { folder: null, hour: 12, keepDaily: 7, keepMonthly: 12 },
};

export const DEMO_UNITS: { symbol: string; name: string; parent?: string }[] = [
  { symbol: 'SEK', name: 'Sekretarz Gminy' },
  { symbol: 'OR', name: 'Referat Organizacyjny (kancelaria ogólna)' },
  { symbol: 'FN', name: 'Referat Finansowy' },
  { symbol: 'GK', name: 'Referat Gospodarki Komunalnej i Przestrzennej' },
  { symbol: 'GK-I', name: 'Zespół ds. Inwestycji', parent: 'GK' },
  { symbol: 'USC', name: 'Urząd Stanu Cywilnego' },
];

export const DEMO_USERS: { login: string; fullName: string; position: string; role: Role; unit: string }[] = [
  { login: 'akowalska', fullName: 'Anna Kowalska', position: 'Podinspektor ds. kancelaryjnych', role: 'registry', unit: 'OR' },
  { login: 'pwisniewski', fullName: 'Piotr Wiśniewski', position: 'Referent ds. obsługi kancelarii', role: 'registry', unit: 'OR' },
  { login: 'kzielinska', fullName: 'Katarzyna Zielińska', position: 'Kierownik Referatu Gospodarki Komunalnej i Przestrzennej', role: 'head', unit: 'GK' },
  { login: 'tlukasik', fullName: 'Tomasz Łukasik', position: 'Inspektor ds. planowania przestrzennego', role: 'clerk', unit: 'GK' },
  { login: 'mwojcik', fullName: 'Magdalena Wójcik', position: 'Podinspektor ds. inwestycji', role: 'clerk', unit: 'GK-I' },
  { login: 'jnowak', fullName: 'Jan Nowak', position: 'Skarbnik Gminy, Kierownik Referatu Finansowego', role: 'head', unit: 'FN' },
  { login: 'edabrowska', fullName: 'Ewa Dąbrowska', position: 'Inspektor ds. wymiaru podatków', role: 'clerk', unit: 'FN' },
  { login: 'blewandowska', fullName: 'Barbara Lewandowska', position: 'Kierownik Urzędu Stanu Cywilnego', role: 'head', unit: 'USC' },
  { login: 'mkaminski', fullName: 'Marek Kamiński', position: 'Sekretarz Gminy', role: 'admin', unit: 'SEK' },
  { login: 'gszymanski', fullName: 'Grzegorz Szymański', position: 'Informatyk', role: 'admin', unit: 'OR' },
];

export const DEMO_PARTIES = [
  { kind: 'person', firstName: 'Jan', lastName: 'Żółkiewski', pesel: '44051401359', street: 'ul. Polna 3', postalCode: '99-999', city: 'Przykładowo' },
  { kind: 'person', firstName: 'Małgorzata', lastName: 'Łęcka', street: 'ul. Łąkowa 12/4', postalCode: '90-001', city: 'Łódź' },
  { kind: 'company', name: 'Przedsiębiorstwo Budowlane „Żuraw” Sp. z o.o.', nip: '5261040828', street: 'ul. Przemysłowa 8', postalCode: '00-950', city: 'Warszawa' },
  { kind: 'institution', name: 'Starostwo Powiatowe w Przykładowie', regon: '123456785', street: 'pl. Wolności 2', postalCode: '99-998', city: 'Przykładowo' },
  { kind: 'institution', name: 'Samorządowe Kolegium Odwoławcze w Łodzi', street: 'ul. Piotrkowska 104', postalCode: '90-926', city: 'Łódź' },
] as const;

/** A few letters so the register is not empty on first start. */
export const DEMO_LETTERS: { party: number; unit: string; channel: 'paper' | 'epuap' | 'email' | 'in_person'; subject: string; reference: string | null; hoursAgo: number }[] = [
  { party: 0, unit: 'GK', channel: 'paper', subject: 'Wniosek o wydanie decyzji o warunkach zabudowy — działka nr 123/4, obręb Przykładowo', reference: null, hoursAgo: 70 },
  { party: 2, unit: 'GK-I', channel: 'epuap', subject: 'Zawiadomienie o rozpoczęciu robót budowlanych — przebudowa drogi gminnej nr 110234E', reference: 'ŻB/2026/11/045', hoursAgo: 50 },
  { party: 1, unit: 'FN', channel: 'in_person', subject: 'Korekta informacji o nieruchomościach i obiektach budowlanych (IN-1)', reference: null, hoursAgo: 28 },
  { party: 3, unit: 'GK', channel: 'paper', subject: 'Uzgodnienie projektu decyzji o lokalizacji inwestycji celu publicznego', reference: 'AB.6740.112.2026', hoursAgo: 6 },
  { party: 4, unit: 'SEK', channel: 'email', subject: 'Przekazanie odwołania od decyzji w sprawie usunięcia drzew', reference: 'SKO.4170.88.2026', hoursAgo: 2 },
];
