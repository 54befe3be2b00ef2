/**
 * What a command's decision returns: rows to write, numbers to take, metryka entries. Stores
 * apply effects in the order given and hold no rule of their own.
 *
 * - `number`: the next number in a register's scope. The numbering authority (the server, or a
 *   workstation without one) takes it in the command's transaction and writes it into the row;
 *   a synced workstation leaves the row with its provisional label (DESIGN.md "Numbers").
 * - `metryka`: an action and its data; the store stamps it with its id (metrykaId), its time
 *   and the actor, and words it through the one catalogue (metryka.ts). `numbered` names a
 *   letter numbered by this command: its label, final or provisional, fills `label`.
 * - `rehome`: a record moved to another unit takes its history along (the server keeps the
 *   metryka per unit for its pulls; the workstation's log has no units).
 */
import type { CasePartyRecord, JrwaRecord, Tables, UpdatableTable } from '#core/commands/records';
import type { Settings } from '#core/contract';
import type { Actor } from '#core/commands/engine';
import { formatNumber } from '#core/numbering/pattern';
import { formatCaseSign } from '#core/cases/caseSign';
import { valueOrThrow } from '#core/checkResult';
import { canonicalJson, type ChainedEvent } from '#core/events/canonical';
import { metrykaSentence, type MetrykaAction, type MetrykaData } from '#core/commands/metryka';

export type InsertEffect = { [T in keyof Tables]: { kind: 'insert'; table: T; rows: Tables[T][] } }[keyof Tables];

export type UpdateEffect = { [T in UpdatableTable]: { kind: 'update'; table: T; ids: string[]; set: Partial<Omit<Tables[T], 'id'>> } }[UpdatableTable];

/**
 * How a register prints its numbers: the office's pattern (`RPW/{nr}/{rok}`) with the year and
 * date of numbering, or a case sign (`GK.6730.15.2026`) in the unit's spis spraw.
 */
export type NumberFormat = { kind: 'pattern'; pattern: string; year: number; at: string } | { kind: 'caseSign'; unit: string; jrwa: { symbol: string; isLeaf: boolean }; year: number };

/** The next number of `scope` for a letter (seq, number) or a case (seq, sign). */
export type NumberEffect = { kind: 'number'; table: 'correspondence' | 'cases' | 'decisions'; id: string; scope: string; format: NumberFormat };

/** The suspension of a case that still runs ends on `toOn` (its last day standing still). */
export type EndSuspensionEffect = { kind: 'endSuspension'; caseId: string; toOn: string };

export type MetrykaEntry = { [A in MetrykaAction]: { action: A; data: MetrykaData[A] } }[MetrykaAction];

export type MetrykaEffect = {
  kind: 'metryka';
  entityType: 'correspondence' | 'case' | 'party' | 'user' | 'unit' | 'jrwa' | 'settings' | 'template';
  entityId: string;
  /** The unit whose people see this entry (the server pulls the metryka per unit). */
  unitId: string;
  documentRef: string | null;
  /**
   * Records numbered by this command whose label (final or provisional) fills a field of the
   * data, by field name (`{ label: letterId, caseLabel: caseId }`); `documentRef` follows `label`.
   */
  numbered?: Readonly<Record<string, string>>;
  onBehalfOf: { id: string; fullName: string } | null;
  entry: MetrykaEntry;
};

/** The office settings, replaced whole. */
export type SettingsEffect = { kind: 'settings'; value: Settings };

/** A class of the wykaz akt, written whole (added, or its name and categories corrected). */
export type JrwaClassEffect = { kind: 'jrwaClass'; row: JrwaRecord };

/** The case's row for this party, written whole (added, taken off, or added again). */
export type CasePartyEffect = { kind: 'caseParty'; row: CasePartyRecord };

export type RehomeEffect = { kind: 'rehome'; entityType: 'correspondence'; entityId: string; fromUnitId: string; unitId: string };

export type Effect = InsertEffect | UpdateEffect | NumberEffect | EndSuspensionEffect | MetrykaEffect | RehomeEffect | SettingsEffect | CasePartyEffect | JrwaClassEffect;

/** The printed number for `seq` in a register. */
export function renderNumber(format: NumberFormat, seq: number): string {
  if (format.kind === 'caseSign') return valueOrThrow(formatCaseSign({ unit: format.unit, jrwa: format.jrwa, seq, year: format.year }));
  return formatNumber(format.pattern, { seq, year: format.year, date: new Date(format.at) });
}

/** A metryka entry as both stores keep it (the event log's fields, summary worded; the chain's links are the store's). */
export type MetrykaRow = Omit<ChainedEvent, 'seq' | 'prevHash'>;

/**
 * The entry a store writes for a metryka effect: stamped with its id, the authority's time and
 * the actor, with the label of a letter the command numbered (`labels` by letter id).
 */
export function metrykaRow(e: MetrykaEffect, stamp: { id: string; at: string; actor: Actor; labels: ReadonlyMap<string, string> }): MetrykaRow {
  const filled = Object.entries(e.numbered ?? {}).flatMap(([field, id]) => {
    const value = stamp.labels.get(id);
    return value === undefined ? [] : [[field, value] as const];
  });
  const data = filled.length === 0 ? e.entry.data : { ...e.entry.data, ...Object.fromEntries(filled) };
  const label = filled.find(([field]) => field === 'label')?.[1];
  const entry = { action: e.entry.action, data } as MetrykaEntry;
  return {
    id: stamp.id,
    at: stamp.at,
    actorId: stamp.actor.id,
    actorName: stamp.actor.fullName,
    actorPosition: stamp.actor.position,
    onBehalfOfId: e.onBehalfOf?.id ?? null,
    onBehalfOfName: e.onBehalfOf?.fullName ?? null,
    action: entry.action,
    entityType: e.entityType,
    entityId: e.entityId,
    documentRef: label ?? e.documentRef,
    summary: metrykaSentence(entry.action, entry.data as never),
    // Canonical, so the stored text is the same bytes whichever store wrote it.
    data: canonicalJson(data),
  };
}
