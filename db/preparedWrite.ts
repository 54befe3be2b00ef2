import { getTableColumns, type Column } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Statement } from 'better-sqlite3';
import type { Store } from '#db/store';

// A pull writes tens of thousands of rows. Through the query builder each row's statement is
// built as text and prepared by SQLite again (bench/RESULTS.md: most of a first sync). Here a
// table's upsert is prepared once per set of columns the rows carry and run with the values as
// drizzle would bind them (the columns' own mapping: flags as 0/1, JSON as text, defaults).

type Row = Record<string, unknown>;

export type UpsertOptions = {
  /**
   * The conflict target: JS keys of the primary key or a unique index; none with
   * `update: 'nothing'` for "any conflict leaves the row here".
   */
  target: readonly string[];
  /**
   * What a row already here takes from the new one: every column but the target (the default),
   * only the ones named, or nothing (the row here stays as it is).
   */
  update?: 'all' | 'nothing' | readonly string[];
  /** Columns that keep the value here when the new row has none (COALESCE). */
  keepWhenNull?: readonly string[];
  /** Columns the statement returns (db names), for `get`. */
  returning?: string;
};

export type PreparedUpsert = {
  run(row: Row): void;
  /** With `returning`: the row written (undefined when a DO NOTHING left it alone). */
  get(row: Row): Row | undefined;
};

const cache = new WeakMap<Store['sqlite'], Map<string, Statement>>();

function quote(name: string) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** An upsert of `table` prepared once per database and per set of columns present. */
export function preparedUpsert(store: Store, table: SQLiteTable, o: UpsertOptions): PreparedUpsert {
  const columns = getTableColumns(table) as Record<string, Column>;
  const tableName = getTableConfig(table).name;
  let held = cache.get(store.sqlite);
  if (!held) {
    held = new Map<string, Statement>();
    cache.set(store.sqlite, held);
  }
  const statements = held;
  const dbName = (key: string) => {
    const c = columns[key];
    if (!c) throw new Error(`${tableName} has no column ${key}`);
    return quote(c.name);
  };
  const update = o.update ?? 'all';
  if (o.target.length === 0 && update !== 'nothing') throw new Error(`an upsert of ${tableName} needs its conflict target`);
  const keep = new Set(o.keepWhenNull ?? []);
  // What is fixed for this upsert, worked out once: per row only the columns present vary.
  const entries = Object.entries(columns);
  const fixed = `${tableName}|${o.target.join(',')}|${String(update)}|${[...keep].join(',')}|${o.returning ?? ''}`;

  // This upsert's statements by the shape of a row: per column, present, defaulted or absent.
  const byShape = new Map<string, Statement>();

  function statementFor(shape: string, keys: readonly string[], defaulted: readonly string[]): Statement {
    let s = byShape.get(shape);
    if (s) return s;
    const signature = `${fixed}|${keys.join(',')}|${defaulted.join(',')}`;
    s = statements.get(signature);
    if (s) {
      byShape.set(shape, s);
      return s;
    }
    const names = keys.map(dbName);
    const set = keys.filter((k) => !o.target.includes(k) && !defaulted.includes(k) && (update === 'all' || (update !== 'nothing' && update.includes(k))));
    const conflict = o.target.length > 0 ? `(${o.target.map(dbName).join(', ')})` : '';
    const assignments = set.map((k) => {
      const c = dbName(k);
      return keep.has(k) ? `${c} = COALESCE(excluded.${c}, ${quote(tableName)}.${c})` : `${c} = excluded.${c}`;
    });
    // SET never names the key: setting it (even to itself) makes SQLite look for rows that
    // refer to the old key in every table with a foreign key to this one.
    const onConflict = assignments.length > 0 ? `DO UPDATE SET ${assignments.join(', ')}` : 'DO NOTHING';
    s = store.sqlite.prepare(
      `INSERT INTO ${quote(tableName)} (${names.join(', ')}) VALUES (${keys.map(() => '?').join(', ')}) ON CONFLICT${conflict ? ` ${conflict}` : ''} ${onConflict}${o.returning ? ` RETURNING ${o.returning}` : ''}`,
    );
    statements.set(signature, s);
    byShape.set(shape, s);
    return s;
  }

  function bind(row: Row): [Statement, unknown[]] {
    const keys: string[] = [];
    const defaulted: string[] = [];
    const values: unknown[] = [];
    let shape = '';
    for (const [k, c] of entries) {
      let v = row[k];
      // As drizzle's insert does: a missing value takes the column's default function (for a
      // new row only: the row already here keeps its value).
      if (v === undefined && c.defaultFn) {
        v = c.defaultFn();
        defaulted.push(k);
        shape += 'd';
      } else shape += v === undefined ? '-' : '+';
      if (v === undefined) continue;
      keys.push(k);
      values.push(v === null ? null : c.mapToDriverValue(v));
    }
    return [statementFor(shape, keys, defaulted), values];
  }

  return {
    run(row) {
      const [s, values] = bind(row);
      s.run(...values);
    },
    get(row) {
      const [s, values] = bind(row);
      return s.get(...values) as Row | undefined;
    },
  };
}
