import { checkFailure, type CheckResult } from '#core/checkResult';
import type { DocumentTemplate, TemplateFields, TemplateKind } from '#core/decisions/templates';

// The templates an office starts with: one per decision type of core/reference/decision-types.json
// and the three letters every case needs. Plain data: the administrator's edited copies replace
// them in the settings (parsed with documentTemplateSchema, checked with
// validateDocumentTemplate); nothing here is code.
//
// Wording decisions:
// - A KPA decision names its legal basis as `{{podstawa_prawna}}` (the substantive provisions,
//   typed per case) followed by art. 104 KPA, the provision by which an organ settles a case by
//   decision. The tax decision instead opens with art. 21 §1 pkt 2 (the tax liability arises on
//   delivery of the decision fixing it) and art. 207 §1 of the Ordynacja podatkowa (the tax
//   organ settles a case by decision), "w związku z" the tax act and the council's resolution.
// - Parties and subjects are introduced after a colon ("złożonego przez: Jan Kowalski"), so the
//   values stay in the nominative a clerk types and a party register holds; Polish declension of
//   names is not something to guess.
// - The ruling is announced by the organ in the third person under a centred heading
//   ("Wójt Gminy Zażółć / ustala warunki zabudowy"), which also names the organ (art. 107 §1
//   pkt 1). A refusal needs its own template (its heading reads "odmawia …").
// - The appeal instruction (`{{pouczenie}}`) comes from appealInstruction() (art107.ts), the
//   ponaglenie instruction of the art. 36 notice from ponaglenieInstruction() (clauses.ts), so
//   the legally required wording is written once; the certificate has no instruction at all.
// - Acts are cited by date and title, without the Dziennik Ustaw position: consolidated texts
//   change every year or two and a stale position is a common error on decisions. An office
//   that wants it adds it in its own copy.

const KPA = 'ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego';
const OP = 'ustawy z dnia 29 sierpnia 1997 r. – Ordynacja podatkowa';

// Every template shares where the sign, the date and the signature go.
const FRAME = {
  reference: '{{znak_sprawy}}',
  placeDate: '{{miejscowosc}}, dnia {{data}}',
  signature: '{{podpis_imie_nazwisko}}\n{{podpis_stanowisko}}',
} as const satisfies Partial<TemplateFields>;

const UZASADNIENIE_POUCZENIE = `## Uzasadnienie

{{uzasadnienie}}

## Pouczenie

{{pouczenie}}`;

/** A KPA decision issued on request: the usual shape of WZ, ULICP, DSU, DRZEWA, PASDROGI. */
function kpaDecisionBody(matter: string, ruling: string): string {
  return `Na podstawie {{podstawa_prawna}} oraz art. 104 ${KPA}, po rozpatrzeniu wniosku z dnia {{data_wniosku}} złożonego przez: {{strony}}, ${matter}: {{przedmiot}},

## {{organ}}
## ${ruling}

{{rozstrzygniecie}}

${UZASADNIENIE_POUCZENIE}

{{oplata}}`;
}

function kpaDecision(code: string, name: string, subtitle: string, matter: string, ruling: string): DocumentTemplate {
  return {
    code,
    name,
    kind: 'decision',
    procedure: 'kpa',
    decisionType: code,
    fields: { ...FRAME, title: `DECYZJA nr {{numer}}\n${subtitle}`, body: kpaDecisionBody(matter, ruling) },
  };
}

/** The templates shipped with the program, in the order the list shows them. */
export const DEFAULT_TEMPLATES: readonly DocumentTemplate[] = [
  kpaDecision(
    'WZ',
    'Decyzja o warunkach zabudowy',
    'o warunkach zabudowy',
    'w sprawie ustalenia warunków zabudowy dla inwestycji',
    'ustala warunki zabudowy',
  ),
  kpaDecision(
    'ULICP',
    'Decyzja o ustaleniu lokalizacji inwestycji celu publicznego',
    'o ustaleniu lokalizacji inwestycji celu publicznego',
    'w sprawie ustalenia lokalizacji inwestycji celu publicznego',
    'ustala lokalizację inwestycji celu publicznego',
  ),
  kpaDecision(
    'DSU',
    'Decyzja o środowiskowych uwarunkowaniach',
    'o środowiskowych uwarunkowaniach',
    'w sprawie wydania decyzji o środowiskowych uwarunkowaniach dla przedsięwzięcia',
    'określa środowiskowe uwarunkowania realizacji przedsięwzięcia',
  ),
  kpaDecision(
    'DRZEWA',
    'Zezwolenie na usunięcie drzew lub krzewów',
    'w sprawie zezwolenia na usunięcie drzew lub krzewów',
    'w sprawie wydania zezwolenia na usunięcie drzew lub krzewów',
    'zezwala na usunięcie drzew lub krzewów',
  ),
  kpaDecision(
    'PASDROGI',
    'Zezwolenie na lokalizację urządzenia w pasie drogowym drogi gminnej',
    'w sprawie zezwolenia na lokalizację urządzenia w pasie drogowym',
    'w sprawie wydania zezwolenia na lokalizację w pasie drogowym drogi gminnej urządzenia',
    'zezwala na lokalizację urządzenia w pasie drogowym',
  ),
  {
    code: 'PODATEK',
    name: 'Decyzja ustalająca wysokość podatku od nieruchomości',
    kind: 'decision',
    procedure: 'op',
    decisionType: 'PODATEK',
    fields: {
      ...FRAME,
      title: 'DECYZJA nr {{numer}}\nw sprawie ustalenia wysokości podatku od nieruchomości',
      // Issued by the organ of its own motion on the taxpayer's information, not on a request:
      // no "po rozpatrzeniu wniosku", and no stamp duty.
      body: `Na podstawie art. 21 § 1 pkt 2 i art. 207 § 1 ${OP} w związku z {{podstawa_prawna}}

## {{organ}}
## ustala

dla podatnika: {{strony}}

{{rozstrzygniecie}}

${UZASADNIENIE_POUCZENIE}`,
    },
  },
  {
    code: 'ZASW',
    name: 'Zaświadczenie',
    kind: 'certificate',
    procedure: 'kpa',
    decisionType: 'ZASW',
    fields: {
      ...FRAME,
      title: 'ZAŚWIADCZENIE',
      // A certificate is not a decision (KPA art. 217): no ruling, no appeal instruction. A
      // refusal is a postanowienie open to zażalenie (art. 219), a different document.
      body: `Na podstawie {{podstawa_prawna}}, na wniosek z dnia {{data_wniosku}} złożony przez: {{strony}},

## {{organ}}
## zaświadcza, że

{{tresc}}

{{oplata}}`,
    },
  },
  {
    code: 'ZAWIADOMIENIE_WSZCZECIE',
    name: 'Zawiadomienie o wszczęciu postępowania',
    kind: 'start-notice',
    procedure: 'kpa',
    decisionType: null,
    fields: {
      ...FRAME,
      title: 'ZAWIADOMIENIE\no wszczęciu postępowania administracyjnego',
      body: `Na podstawie art. 61 § 4 ${KPA} {{organ}} zawiadamia, że na wniosek z dnia {{data_wniosku}} złożony przez: {{strony}} zostało wszczęte postępowanie administracyjne w sprawie: {{przedmiot}}.

Strony mają prawo czynnego udziału w każdym stadium postępowania, a przed wydaniem decyzji – prawo wypowiedzenia się co do zebranych dowodów i materiałów oraz zgłoszonych żądań (art. 10 § 1 Kodeksu postępowania administracyjnego). Strona ma prawo wglądu w akta sprawy, sporządzania z nich notatek, kopii lub odpisów (art. 73 § 1 Kodeksu postępowania administracyjnego). Akta sprawy są dostępne do wglądu: {{miejsce_wgladu}}.

W toku postępowania strony oraz ich przedstawiciele i pełnomocnicy mają obowiązek zawiadomić organ o każdej zmianie swojego adresu. W razie zaniedbania tego obowiązku doręczenie pisma pod dotychczasowym adresem ma skutek prawny (art. 41 Kodeksu postępowania administracyjnego).`,
    },
  },
  {
    code: 'WEZWANIE_BRAKI',
    name: 'Wezwanie do usunięcia braków wniosku',
    kind: 'deficiency-request',
    procedure: 'kpa',
    decisionType: null,
    fields: {
      ...FRAME,
      title: 'WEZWANIE\ndo usunięcia braków wniosku',
      // KPA art. 64 §2: a term of at least seven days, and the warning that unremedied defects
      // leave the request unexamined.
      body: `Na podstawie art. 64 § 2 ${KPA} {{organ}} wzywa stronę: {{strony}} do usunięcia braków wniosku z dnia {{data_wniosku}} w sprawie: {{przedmiot}}, w terminie 7 dni od dnia doręczenia niniejszego wezwania, przez:

{{braki}}

## Pouczenie

Nieusunięcie wskazanych braków w terminie 7 dni od dnia doręczenia wezwania spowoduje pozostawienie wniosku bez rozpoznania (art. 64 § 2 Kodeksu postępowania administracyjnego).`,
    },
  },
  {
    code: 'ZAWIADOMIENIE_ZWLOKA',
    name: 'Zawiadomienie o niezałatwieniu sprawy w terminie',
    kind: 'delay-notice',
    procedure: 'kpa',
    decisionType: null,
    fields: {
      ...FRAME,
      title: 'ZAWIADOMIENIE\no niezałatwieniu sprawy w terminie',
      // KPA art. 36 §1: the reason for the delay, the new deadline, and the instruction on the
      // right to a ponaglenie (art. 37).
      body: `Na podstawie art. 36 § 1 ${KPA} {{organ}} zawiadamia, że sprawa z wniosku z dnia {{data_wniosku}} dotycząca: {{przedmiot}} nie zostanie załatwiona w terminie.

Przyczyna zwłoki: {{przyczyna_zwloki}}

Nowy termin załatwienia sprawy: {{nowy_termin}}

## Pouczenie

{{pouczenie}}`,
    },
  },
];

/** The template with `code`, from the office's list (the shipped one by default). */
export function templateByCode(code: string, templates: readonly DocumentTemplate[] = DEFAULT_TEMPLATES): CheckResult<DocumentTemplate> {
  const template = templates.find((t) => t.code === code);
  if (template === undefined) return checkFailure('TEMPLATE_NOT_FOUND', { code });
  return { ok: true, value: template };
}

/** The templates of one kind: the letters a case can send, the decisions of a type. */
export function templatesOfKind(kind: TemplateKind, templates: readonly DocumentTemplate[] = DEFAULT_TEMPLATES): DocumentTemplate[] {
  return templates.filter((t) => t.kind === kind);
}
