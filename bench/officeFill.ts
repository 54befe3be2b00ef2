/**
 * An office's worth of cases loaded into a profile in SQL (what is loaded is not what is
 * measured): shared by the benchmarks that need a full profile (bench/cases.ts, bench/backup.ts).
 */
import { createHash } from 'node:crypto';
import type { Ctx } from '#core/services/context';
import { foldText } from '#core/text/fold';
import { warsawDate } from '#core/time';
import { chainInput, GENESIS_HASH, type ChainedEvent } from '#core/events/canonical';
import { dayNumber, fromDayNumber, type CalendarDate } from '#core/deadlines/holidays';
import { caseDeadline, type StatutoryDeadlineKind } from '#core/deadlines/kpa';
import { pick, seeded } from '#tests/support/random';

/** Years of cases in the profile, the current one included. */
export const YEARS = 5;
let CASES = 100_000;
let EVENTS_PER_CASE = 10;
let SPIS = 5_000;


type Person = { id: string; login: string; fullName: string; position: string; unitId: string };
type Status = 'opened' | 'in_progress' | 'suspended' | 'closed' | 'cancelled';
type CaseDraft = {
  unit: string;
  jrwa: string;
  startDay: number;
  owner: Person;
  party: number;
  status: Status;
  kind: StatutoryDeadlineKind;
  year: number;
  seq: number;
  sign: string;
  dueOn: string | null;
  closedOn: string | null;
  letterNumber: string;
  /** Minutes after 07:00 UTC on the start day when the case was opened. */
  openedMinutes: number;
};

// Which classes a unit's cases fall in (the demo JRWA has no civil-status class, so USC, like
// GK, settles tree-removal permits here) and who owns them: mostly the unit's clerk.
const UNIT_SHARE: readonly [string, number][] = [
  ['GK', 0.45],
  ['GK-I', 0.15],
  ['FN', 0.25],
  ['USC', 0.15],
];
const OWNERS: Record<string, readonly [string, number][]> = {
  GK: [['tlukasik', 0.85], ['kzielinska', 0.15]],
  'GK-I': [['mwojcik', 1]],
  FN: [['edabrowska', 0.9], ['jnowak', 0.1]],
  USC: [['blewandowska', 1]],
};
const KINDS: Record<string, StatutoryDeadlineKind> = { '6730': 'kpa35-complicated', '6733': 'kpa35-standard', '3120': 'op139-standard', '6131': 'kpa35-standard' };
const TITLES: Record<string, readonly string[]> = {
  '6730': ['Warunki zabudowy — budynek mieszkalny jednorodzinny, dz. {n}, obręb Żółtki', 'Warunki zabudowy — budynek gospodarczy, dz. {n}', 'Warunki zabudowy — zmiana sposobu użytkowania, ul. Łąkowa {n}'],
  '6733': ['Lokalizacja inwestycji celu publicznego — sieć wodociągowa, ul. Polna {n}', 'Lokalizacja inwestycji celu publicznego — oświetlenie drogi gminnej nr {n}'],
  '3120': ['Wymiar podatku od nieruchomości — korekta informacji IN-1 nr {n}', 'Podatek od nieruchomości — zwolnienie, dz. {n}'],
  '6131': ['Zezwolenie na usunięcie drzewa (dąb szypułkowy), dz. {n}', 'Usunięcie drzew i krzewów — pas drogowy ul. Źródlanej {n}'],
};
const SURNAMES = ['Kowalski', 'Nowak', 'Wiśniewska', 'Łęcka', 'Żółkiewski', 'Dąbrowski', 'Zieliński', 'Szymańska', 'Woźniak', 'Kamińska'];
const TOWNS = ['Łódź', 'Kraków', 'Przykładowo', 'Gdańsk', 'Żółtki'];


/**
 * Status by age, as an office's log looks after some years: old cases are settled, a few
 * stragglers run over their term, recent ones are mostly open.
 */
function statusFor(rand: () => number, age: number): Status {
  if (age > 120) return pick(rand, [['closed', 0.985], ['cancelled', 0.01], ['in_progress', 0.005]]);
  if (age > 60) return pick(rand, [['closed', 0.7], ['in_progress', 0.25], ['suspended', 0.05]]);
  return pick(rand, [['closed', 0.15], ['opened', 0.25], ['in_progress', 0.52], ['suspended', 0.08]]);
}

/** What the event log says happened to a case, by its status: always EVENTS_PER_CASE entries. */
function eventActions(status: Status): string[] {
  const middle = (n: number) => Array.from({ length: Math.max(0, n) }, () => 'case.itemLinked');
  const n = EVENTS_PER_CASE;
  switch (status) {
    case 'closed':
      return ['case.opened', 'case.start', ...middle(n - 3), 'case.close'];
    case 'in_progress':
      return ['case.opened', 'case.start', ...middle(n - 2)];
    case 'opened':
      return ['case.opened', ...middle(n - 1)];
    case 'suspended':
      return ['case.opened', 'case.start', ...middle(n - 3), 'case.suspend'];
    case 'cancelled':
      return ['case.opened', ...middle(n - 2), 'case.cancel'];
  }
}

const ACTIONS: Record<Status, string[]> = {
  opened: eventActions('opened'),
  in_progress: eventActions('in_progress'),
  suspended: eventActions('suspended'),
  closed: eventActions('closed'),
  cancelled: eventActions('cancelled'),
};

const SUMMARY: Record<string, string> = {
  'case.start': 'Rozpoczęto prowadzenie sprawy',
  'case.close': 'Zakończono sprawę',
  'case.suspend': 'Zawieszono postępowanie w sprawie',
  'case.cancel': 'Anulowano sprawę (znak zachowany)',
};

/**
 * Fills the profile with CASES cases over YEARS years, each started by a letter and with
 * EVENTS_PER_CASE events, plus a few hundred fresh letters for the trays. One transaction.
 */
export function fillCases(ctx: Ctx, o: { cases: number; eventsPerCase: number; spis: number }) {
  CASES = o.cases;
  EVENTS_PER_CASE = o.eventsPerCase;
  SPIS = o.spis;
  const db = ctx.store.sqlite;
  const rand = seeded(2026);
  const people = db.prepare('SELECT id, login, full_name AS fullName, position, unit_id AS unitId FROM users').all() as Person[];
  const person = (login: string) => {
    const p = people.find((x) => x.login === login);
    if (!p) throw new Error(`no demo user ${login}`);
    return p;
  };
  const unitIds = new Map((db.prepare('SELECT symbol, id FROM units').all() as { symbol: string; id: string }[]).map((u) => [u.symbol, u.id]));
  const unitId = (symbol: string) => unitIds.get(symbol) ?? '';
  const registry = person('akowalska');
  const today = warsawDate(new Date()) as CalendarDate;
  const todayN = dayNumber(today);
  const currentYear = Number(today.slice(0, 4));
  const firstDay = dayNumber(`${String(currentYear - YEARS + 1)}-01-01` as CalendarDate);

  // 1. What each case is, in the order cases were opened (signs are numbered in that order).
  const drafts: CaseDraft[] = [];
  for (let i = 0; i < CASES; i++) {
    const unit = pick(rand, UNIT_SHARE);
    const startDay = firstDay + Math.floor(rand() * (todayN - firstDay + 1));
    const jrwa = unit === 'GK' ? '6730' : unit === 'GK-I' ? '6733' : unit === 'FN' ? '3120' : '6131';
    const status = statusFor(rand, todayN - startDay);
    drafts.push({ unit, jrwa, startDay, owner: person(pick(rand, OWNERS[unit] ?? [])), party: Math.floor(rand() * 2000), status, kind: KINDS[jrwa] ?? 'kpa35-standard', year: 0, seq: 0, sign: '', dueOn: null, closedOn: null, letterNumber: '', openedMinutes: 300 + Math.floor(rand() * 120) });
  }
  drafts.sort((a, b) => a.startDay - b.startDay);
  // GK's cases of this year: SPIS of them (evenly spread over the year) in 6730, the printed
  // spis; the rest in 6131. Other years of GK alternate between the two classes.
  const gkNow = drafts.filter((d) => d.unit === 'GK' && fromDayNumber(d.startDay).startsWith(String(currentYear)));
  const inSpis = Math.min(SPIS, gkNow.length);
  const every = gkNow.length / Math.max(1, inSpis);
  const chosen = new Set(Array.from({ length: inSpis }, (_, k) => Math.floor(k * every)));
  const thisYear = new Set(gkNow);
  gkNow.forEach((d, i) => (d.jrwa = chosen.has(i) ? '6730' : '6131'));
  drafts.forEach((d, i) => {
    if (d.unit === 'GK' && !thisYear.has(d)) d.jrwa = i % 3 === 0 ? '6131' : '6730';
    d.kind = KINDS[d.jrwa] ?? 'kpa35-standard';
  });

  const counters = new Map<string, number>();
  const bump = (scope: string) => {
    const next = (counters.get(scope) ?? 0) + 1;
    counters.set(scope, next);
    return next;
  };
  for (const d of drafts) {
    const start = fromDayNumber(d.startDay);
    d.year = Number(start.slice(0, 4));
    d.seq = bump(`SPIS/${d.unit}/${d.jrwa}/${String(d.year)}`);
    d.sign = `${d.unit}.${d.jrwa}.${String(d.seq)}.${String(d.year)}`;
    d.letterNumber = `RPW/${String(bump(`RPW/${String(d.year)}`))}/${String(d.year)}`;
    const due = d.status === 'suspended' ? null : caseDeadline({ kind: d.kind, start });
    d.dueOn = due?.state === 'running' ? due.due : null;
    if (d.status === 'closed' || d.status === 'cancelled') {
      const dueN = d.dueOn ? dayNumber(d.dueOn as CalendarDate) : d.startDay + 30;
      // Most are settled in term, some late; never after today.
      d.closedOn = fromDayNumber(Math.min(todayN, d.startDay + 3 + Math.floor(rand() * (dueN - d.startDay + 8))));
    }
  }

  // 2. Parties, letters, cases and their index rows.
  const insParty = db.prepare("INSERT INTO parties (id, kind, name, search_text, city, created_at, created_by) VALUES (?, 'person', ?, ?, ?, ?, ?)");
  const insLetter = db.prepare(
    `INSERT INTO correspondence (id, direction, register, year, seq, number, status, received_at, channel, sender_id, sender_name, sender_reference, subject, attachments_count, unit_id, status_code, registered_by, registered_at, updated_at, revision)
     VALUES (?, 'in', 'RPW', ?, ?, ?, 'registered', ?, ?, ?, ?, NULL, ?, 1, ?, ?, ?, ?, ?, 1)`,
  );
  const insLetterFts = db.prepare('INSERT INTO correspondence_fts (rowid, numbers, sender, subject, reference, remarks) VALUES (?, ?, ?, ?, ?, ?)');
  const insCase = db.prepare(
    `INSERT INTO cases (id, unit_id, unit_symbol, jrwa_symbol, year, seq, sign, title, owner_id, status, deadline_kind, started_on, due_on, opened_at, opened_by, closed_on, cancel_reason, revision)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insCaseFts = db.prepare('INSERT INTO cases_fts (rowid, sign, title, parties, remarks) VALUES (?, ?, ?, ?, ?)');
  const insCaseParty = db.prepare("INSERT INTO case_parties (case_id, party_id, role, added_at) VALUES (?, ?, 'wnioskodawca', ?)");
  const insCaseItem = db.prepare('INSERT INTO case_items (case_id, correspondence_id, initiating, linked_at, linked_by) VALUES (?, ?, 1, ?, ?)');
  const insSuspension = db.prepare("INSERT INTO case_suspensions (case_id, from_on, to_on, reason) VALUES (?, ?, NULL, 'Oczekiwanie na uzupełnienie wniosku')");
  const insAssignment = db.prepare(
    "INSERT INTO assignments (id, correspondence_id, assigned_by, assignee_user_id, instruction, deadline, at, state) VALUES (?, ?, ?, ?, 'do_zalatwienia', ?, ?, 'active')",
  );
  const insEvent = db.prepare(
    `INSERT INTO events (seq, id, at, actor_id, actor_name, actor_position, on_behalf_of_id, on_behalf_of_name, action, entity_type, entity_id, document_ref, summary, data, prev_hash, hash)
     VALUES (@seq, @id, @at, @actorId, @actorName, @actorPosition, @onBehalfOfId, @onBehalfOfName, @action, @entityType, @entityId, @documentRef, @summary, @data, @prevHash, @hash)`,
  );
  const setCounter = db.prepare('INSERT INTO counters (scope, last) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET last = excluded.last');
  const channels = ['paper', 'epuap', 'edoreczenia', 'email', 'in_person'];
  const at = (day: number, minutes: number) => `${fromDayNumber(day)}T${String(7 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`;

  const timings = { rows: 0, events: 0 };
  const caseIds: string[] = [];
  db.transaction(() => {
    const t0 = performance.now();
    const parties: { id: string; name: string; city: string }[] = [];
    for (let i = 0; i < 2000; i++) {
      const name = `${['Jan', 'Anna', 'Piotr', 'Maria'][i % 4] ?? ''} ${SURNAMES[i % SURNAMES.length] ?? ''} ${String(i)}`;
      const city = TOWNS[i % TOWNS.length] ?? '';
      const id = crypto.randomUUID();
      insParty.run(id, name, foldText(name), city, new Date().toISOString(), registry.id);
      parties.push({ id, name, city });
    }
    let statusCode = 0;
    for (const d of drafts) {
      const party = parties[d.party] ?? parties[0];
      if (!party) throw new Error('no parties');
      const titles = TITLES[d.jrwa] ?? [''];
      const title = (titles[d.seq % titles.length] ?? '').replace('{n}', `${String(d.seq % 900)}/${String(1 + (d.seq % 17))}`);
      // The letter comes in during the morning; the case is opened from it after noon.
      const receivedAt = at(d.startDay, Math.floor(rand() * 240));
      const letterId = crypto.randomUUID();
      const letterSeq = Number(d.letterNumber.split('/')[1]);
      const letter = insLetter.run(letterId, d.year, letterSeq, d.letterNumber, receivedAt, channels[letterSeq % channels.length], party.id, party.name, `Wniosek: ${title}`, unitId(d.unit), `B${String(statusCode++).padStart(8, '0')}`, registry.id, receivedAt, receivedAt);
      insLetterFts.run(letter.lastInsertRowid, foldText(d.letterNumber), foldText(`${party.name} ${party.city}`), foldText(`Wniosek: ${title}`), '', '');
      const caseId = crypto.randomUUID();
      caseIds.push(caseId);
      const openedAt = at(d.startDay, d.openedMinutes);
      const c = insCase.run(caseId, unitId(d.unit), d.unit, d.jrwa, d.year, d.seq, d.sign, title, d.owner.id, d.status, d.kind, fromDayNumber(d.startDay), d.dueOn, openedAt, d.owner.id, d.closedOn, d.status === 'cancelled' ? 'Pomyłkowo założona' : null, EVENTS_PER_CASE);
      insCaseFts.run(c.lastInsertRowid, foldText(d.sign), foldText(title), foldText(`${party.name} ${party.city}`), '');
      insCaseParty.run(caseId, party.id, openedAt);
      insCaseItem.run(caseId, letterId, openedAt, d.owner.id);
      if (d.status === 'suspended') insSuspension.run(caseId, fromDayNumber(Math.min(todayN, d.startDay + 7)));
    }
    // Fresh letters for the trays: half assigned to a clerk ("Moje"), half waiting for the head.
    const trayUnits = ['GK', 'GK-I', 'FN', 'USC'];
    for (let i = 0; i < 400; i++) {
      const unit = trayUnits[i % trayUnits.length] ?? 'GK';
      const day = todayN - (i % 5);
      const party = parties[i % parties.length];
      if (!party) throw new Error('no parties');
      const number = `RPW/${String(bump(`RPW/${String(currentYear)}`))}/${String(currentYear)}`;
      const receivedAt = at(day, i % 480);
      const subject = `Pismo w sprawie ${(TITLES['6730']?.[0] ?? '').replace('{n}', String(i))}`;
      const letterId = crypto.randomUUID();
      const letter = insLetter.run(letterId, currentYear, Number(number.split('/')[1]), number, receivedAt, 'paper', party.id, party.name, subject, unitId(unit), `F${String(i).padStart(8, '0')}`, registry.id, receivedAt, receivedAt);
      insLetterFts.run(letter.lastInsertRowid, foldText(number), foldText(`${party.name} ${party.city}`), foldText(subject), '', '');
      if (Math.floor(i / trayUnits.length) % 2 === 0) {
        const [clerk] = OWNERS[unit]?.[0] ?? ['tlukasik'];
        const head = unit === 'GK' || unit === 'GK-I' ? 'kzielinska' : unit === 'FN' ? 'jnowak' : 'blewandowska';
        insAssignment.run(crypto.randomUUID(), letterId, person(head).id, person(clerk).id, fromDayNumber(day + 14), receivedAt);
      }
    }
    for (const [scope, last] of counters) setCounter.run(scope, last);
    timings.rows = performance.now() - t0;

    // 3. The event log: every case's entries, in the order they happened across the office,
    // chained like appendEvent chains them (so `kancelaria db check` passes on this profile).
    const t1 = performance.now();
    const total = drafts.length * EVENTS_PER_CASE;
    const when = new Float64Array(total);
    drafts.forEach((d, ci) => {
      const end = d.closedOn ? dayNumber(d.closedOn as CalendarDate) : todayN;
      const startMs = d.startDay * 86_400_000 + (7 * 60 + d.openedMinutes) * 60_000;
      const spanMs = Math.max(1, end - d.startDay) * 86_400_000;
      const offsets = Array.from({ length: EVENTS_PER_CASE }, (_, k) => (k === 0 ? 0 : rand() * spanMs)).sort((a, b) => a - b);
      offsets.forEach((o, k) => (when[ci * EVENTS_PER_CASE + k] = startMs + o));
    });
    const order = new Uint32Array(total).map((_, i) => i);
    order.sort((a, b) => (when[a] ?? 0) - (when[b] ?? 0) || a - b);
    const last = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    for (const index of order) {
      const ci = Math.floor(index / EVENTS_PER_CASE);
      const k = index % EVENTS_PER_CASE;
      const d = drafts[ci];
      const caseId = caseIds[ci];
      if (!d || !caseId) throw new Error('event without a case');
      const action = ACTIONS[d.status][k] ?? 'case.itemLinked';
      const summary =
        action === 'case.opened'
          ? `Założono sprawę ${d.sign} (termin: ${d.dueOn ?? '—'})`
          : action === 'case.itemLinked'
            ? `Do akt sprawy dołączono pismo nr ${String(k)} (notatka, projekt lub korespondencja)`
            : `${SUMMARY[action] ?? action} ${d.sign}`;
      const row: ChainedEvent = {
        seq: ++seq,
        id: crypto.randomUUID(),
        at: new Date(when[index] ?? 0).toISOString(), // day numbers count from 1970-01-01, as epoch ms do
        actorId: d.owner.id,
        actorName: d.owner.fullName,
        actorPosition: d.owner.position,
        onBehalfOfId: null,
        onBehalfOfName: null,
        action,
        entityType: 'case',
        entityId: caseId,
        documentRef: k === 1 && action === 'case.itemLinked' ? d.letterNumber : d.sign,
        summary,
        data: action === 'case.opened' ? JSON.stringify({ sign: d.sign, jrwa: d.jrwa }) : '{}',
        prevHash,
      };
      const hash = createHash('sha256').update(chainInput(row), 'utf8').digest('hex');
      insEvent.run({ ...row, hash });
      prevHash = hash;
    }
    timings.events = performance.now() - t1;
  })();
  return { timings, drafts, caseIds, currentYear };
}

