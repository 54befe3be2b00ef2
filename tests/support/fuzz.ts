/**
 * Fuzzing helpers: inputs made from the very zod schemas the transports check, spoilt in the
 * ways a broken client, a hand-made request or an attacker would spoil them, and files
 * damaged the ways disks, scanners and transfers damage them. Everything is seeded: the same
 * seed gives the same inputs, so a failure is reproduced by its seed and index.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { allErrorMessages } from '#core/i18n/errors.pl';
import { seeded } from './random.ts';

// --- Inputs from a schema -------------------------------------------------------------------

/** JSON Schema as z.toJSONSchema writes it (the subset we read). */
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

export type SchemaFuzzOptions = {
  /** Real values to reuse by JSON Schema format (`uuid`): ids of rows that exist, so handlers get past "not found". */
  formats?: Partial<Record<string, readonly string[]>>;
  /** Values to offer for a property of this name (`sha256`, `jrwaSymbol`, `code`…), besides what the schema allows. */
  properties?: Partial<Record<string, readonly unknown[]>>;
  /** The longest array generated for a valid-looking value (the schema's own maximum is tried separately). */
  maxArray?: number;
  /** Objects with their required keys only: the least a client can send. */
  requiredOnly?: boolean;
};

/** Strings that break naive code: empty, blank, control and bidi characters, lone surrogates, injections, paths. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n',
  'Zażółć gęślą jaźń',
  'ZAŻÓŁĆ GĘŚLĄ JAŹŃ',
  'a\u0000b',
  '\u202Eevil.pdf',
  '\u200B',
  '\uFEFF',
  '\uD800',
  'x\uDC00y',
  '\uD83D\uDE00',
  "'; DROP TABLE correspondence; --",
  '" OR 1=1 --',
  '%s%s%n',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..\\..\\Windows\\win.ini',
  'CON',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1F',
  '١٢٣',
  '2026-02-30',
  '2026-13-01T25:61:61Z',
  '0000-00-00',
  '99-999',
  '__proto__',
  'constructor',
];

const interestingNumbers = [0, -0, 1, -1, 0.5, 2 ** 31, -(2 ** 31), 2 ** 53, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1e308, 5e-324] as const;

/** Days where calendars are odd: the zone's history (Warsaw kept local mean time until 1915), DST changes, leap days, the epoch. */
export const ODD_DAYS = ['1900-01-01', '1915-08-04', '1944-04-03', '1970-01-01', '2000-02-29', '2026-03-29', '2026-10-25', '2100-02-28', '2200-12-31'] as const;

function isoDate(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...ODD_DAYS), fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
}

/** Today's start (UTC): instants are made around it, so a seed gives the same inputs all day. */
const TODAY = Math.floor(Date.now() / 86_400_000) * 86_400_000;

function isoDateTime(): fc.Arbitrary<string> {
  // Mostly around now (the rules care about "in the future"), sometimes anywhere.
  const now = TODAY;
  return fc.oneof(
    fc.integer({ min: -400 * 86_400_000, max: 3 * 86_400_000 }).map((ms) => new Date(now + ms).toISOString()),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  );
}

function stringArbitrary(s: JsonSchema, name: string | undefined, o: SchemaFuzzOptions, edgy: boolean): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 60;
  const choices: fc.Arbitrary<string>[] = [];
  const fromPool = s.format === undefined ? undefined : o.formats?.[s.format];
  switch (s.format) {
    case 'uuid':
      choices.push(fc.uuid());
      break;
    case 'date':
      choices.push(isoDate());
      break;
    case 'date-time':
      choices.push(isoDateTime());
      break;
    case 'email':
      choices.push(fc.emailAddress());
      break;
    case 'uri':
      choices.push(fc.webUrl());
      break;
    default:
      // Only the schema's own limits filter (a default one could reject every match: endless).
      if (s.pattern !== undefined) choices.push(fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && (s.maxLength === undefined || v.length <= s.maxLength)));
      else if (edgy) choices.push(fc.string({ minLength: min, maxLength: Math.min(max, 40), unit: fc.oneof(fc.constantFrom('a', 'ą', 'Ż', ' ', '1', '-', '/'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }));
      else choices.push(fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(Math.max(min, 1), Math.min(max, 30)), unit: fc.constantFrom('a', 'b', 'k', 'ą', 'ż', 'Ł', 'O', '1', '7', '-', '.') }));
  }
  const weighted: fc.WeightedArbitrary<string>[] = choices.map((arbitrary) => ({ arbitrary, weight: 6 }));
  if (fromPool !== undefined && fromPool.length > 0) weighted.push({ arbitrary: fc.constantFrom(...fromPool), weight: 10 });
  const named = (name === undefined ? undefined : o.properties?.[name])?.filter((v): v is string => typeof v === 'string') ?? [];
  if (named.length > 0) weighted.push({ arbitrary: fc.constantFrom(...named), weight: 8 });
  if (!edgy) return fc.oneof(...weighted);
  // Right at the limits, and just past them: the off-by-one lives there.
  if (s.maxLength !== undefined) weighted.push({ arbitrary: fc.constantFrom('x'.repeat(s.maxLength), 'ż'.repeat(s.maxLength), 'x'.repeat(s.maxLength + 1)), weight: 1 });
  if (s.minLength !== undefined && s.minLength > 0) weighted.push({ arbitrary: fc.constant('x'.repeat(s.minLength - 1)), weight: 1 });
  weighted.push({ arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 2 });
  return fc.oneof(...weighted);
}

function numberArbitrary(s: JsonSchema, integer: boolean, edgy: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum === undefined ? undefined : s.exclusiveMinimum + (integer ? 1 : Number.EPSILON));
  const max = s.maximum ?? (s.exclusiveMaximum === undefined ? undefined : s.exclusiveMaximum - (integer ? 1 : Number.EPSILON));
  const lo = Math.max(min ?? -1_000_000, Number.MIN_SAFE_INTEGER);
  const hi = Math.min(max ?? 1_000_000, Number.MAX_SAFE_INTEGER);
  const inRange = integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true });
  if (!edgy) return fc.oneof(inRange, fc.constantFrom(Math.ceil(lo), Math.floor(hi)), fc.integer({ min: Math.max(Math.ceil(lo), 0), max: Math.max(Math.ceil(lo), Math.min(Math.floor(hi), 10)) }));
  const edges = [lo, hi, lo - 1, hi + 1, ...interestingNumbers];
  return fc.oneof({ arbitrary: inRange, weight: 8 }, { arbitrary: fc.constantFrom(...edges), weight: 2 });
}

function resolve(s: JsonSchema, root: JsonSchema): JsonSchema {
  if (s.$ref === undefined) return s;
  const name = s.$ref.replace(/^#\/\$defs\//, '');
  const target = root.$defs?.[name];
  if (target === undefined) throw new Error(`fuzz: unresolved $ref ${s.$ref}`);
  return target;
}

type Walk = { root: JsonSchema; o: SchemaFuzzOptions; edgy: boolean };

function fromJsonSchema(raw: JsonSchema, w: Walk, name: string | undefined, depth: number): fc.Arbitrary<unknown> {
  const s = resolve(raw, w.root);
  const inner = fromJsonSchemaInner(s, w, name, depth);
  // Values offered by name that are not strings (null, numbers) go with what the schema makes.
  const named = (name === undefined ? undefined : w.o.properties?.[name])?.filter((v) => typeof v !== 'string') ?? [];
  if (named.length === 0 || s.type === 'array' || s.type === 'object') return inner;
  return fc.oneof(inner, fc.constantFrom(...named));
}

function fromJsonSchemaInner(s: JsonSchema, w: Walk, name: string | undefined, depth: number): fc.Arbitrary<unknown> {
  const { o, edgy } = w;
  if (depth > 12) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum !== undefined) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((a) => fromJsonSchema(a, w, name, depth + 1)));
  if (s.allOf !== undefined && s.allOf.length > 0) return fromJsonSchema(s.allOf[0] ?? {}, w, name, depth + 1);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((t) => fromJsonSchemaInner({ ...s, type: t }, w, name, depth + 1)));
  switch (s.type) {
    case 'string':
      return stringArbitrary(s, name, o, edgy);
    case 'integer':
      return numberArbitrary(s, true, edgy);
    case 'number':
      return numberArbitrary(s, false, edgy);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (s.prefixItems !== undefined) return fc.tuple(...s.prefixItems.map((p) => fromJsonSchema(p, w, undefined, depth + 1)));
      const item = fromJsonSchema(s.items ?? {}, w, name, depth + 1);
      const minLength = s.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? 4, o.maxArray ?? 4));
      return fc.array(item, { minLength, maxLength });
    }
    case 'object': {
      const props = s.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(props)) record[key] = fromJsonSchema(value, w, key, depth + 1);
      const requiredKeys = (s.required ?? []).filter((k) => k in props);
      if (o.requiredOnly === true) for (const key of Object.keys(record)) if (!requiredKeys.includes(key)) Reflect.deleteProperty(record, key);
      // Plain objects, as JSON.parse and structured clone make them (fast-check's default has no prototype).
      if (Object.keys(props).length === 0 && s.additionalProperties !== false) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3, noNullPrototype: true });
      return fc.record(record, { requiredKeys, noNullPrototype: true });
    }
    default:
      // `{}`: anything (z.unknown(), z.custom()).
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/**
 * Values shaped by a zod schema (its input side): right types, formats and lengths, real ids
 * from `o.formats` and `o.properties`. Not `edgy`: within the limits, so most pass the schema
 * (refinements aside) and exercise the handlers, not only the validation. `edgy`: also at and
 * just past the limits, and strings that break naive code.
 */
export function schemaArbitrary(schema: z.ZodType, o: SchemaFuzzOptions = {}, edgy = true): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return fromJsonSchema(json, { root: json, o, edgy }, undefined, 0);
}

// --- Malformed values -----------------------------------------------------------------------

/** An object with own `__proto__` / `constructor` keys, as JSON.parse makes them (assignment would not). */
export function pollutionObject(): Record<string, unknown> {
  return JSON.parse('{"__proto__":{"polluted":"tak","isAdmin":true},"constructor":{"prototype":{"polluted":"tak"}},"prototype":{"polluted":"tak"}}') as Record<string, unknown>;
}

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 'dno';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

export type MalformedOptions = {
  /** Also values that only structured clone carries (Electron IPC): Date, Map, Set, BigInt, typed arrays. Not for JSON transports. */
  structured?: boolean;
};

/**
 * Values no form sends: the wrong type, huge strings, deep nesting, very long arrays,
 * prototype-pollution keys, numbers as text ("NaN", "Infinity"), invalid UTF-16.
 */
export function malformedArbitrary(o: MalformedOptions = {}): fc.Arbitrary<unknown> {
  const plain: fc.Arbitrary<unknown>[] = [
    fc.constantFrom<unknown>(null, undefined, true, false, 0, -1, 1.5, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 64, [], {}, [null], [[]], { '': '' }),
    fc.constantFrom(...NASTY_STRINGS),
    fc.constantFrom(10_000, 100_000, 1_000_000).map((n) => 'x'.repeat(n)),
    fc.constantFrom(5_000, 200_000).map((n) => 'ż\uD800'.repeat(n)),
    fc.constantFrom(100, 1_000, 5_000).chain((d) => fc.constantFrom('array' as const, 'object' as const).map((k) => nested(d, k))),
    fc.constantFrom(1_000, 50_000).map((n) => new Array<string>(n).fill('00000000-0000-0000-0000-000000000000')),
    fc.constant(null).map(() => pollutionObject()),
    fc.anything({ maxDepth: 3, maxKeys: 4, withNullPrototype: true, withObjectString: true }),
  ];
  if (o.structured === true) {
    plain.push(
      fc.constantFrom<unknown>(new Date(Number.NaN), new Date(8.64e15), new Map([['a', 1]]), new Set([1]), 10n ** 30n, new Uint8Array([1, 2, 3]), new Float64Array([Number.NaN]), /x/g, new Error('obcy błąd')),
    );
  }
  return fc.oneof(...plain);
}

type Path = (string | number)[];

function pathsOf(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (out.length > 200 || prefix.length > 200) return out;
  out.push(prefix);
  if (Array.isArray(v)) v.slice(0, 20).forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, item] of Object.entries(v)) pathsOf(item, [...prefix, k], out);
  return out;
}

/** A copy of the plain-JSON part of `v` to `depth` levels; deeper it is shared (mutations stop at pathsOf's depth). */
function cloneJsonish(v: unknown, depth = 0): unknown {
  if (depth > 300) return v;
  if (Array.isArray(v)) return v.map((item) => cloneJsonish(item, depth + 1));
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) Object.defineProperty(out, k, { value: cloneJsonish(item, depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

function setOwn(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'nieznane', ''] as const;

/** What one mutation of a valid value does, to say in a failure. */
export type Mutation = { op: 'replace' | 'delete' | 'addKey' | 'wrap' | 'repeat'; path: Path; key?: string };

/** Spoils one place in `value`: replaces a node with `bad`, drops a key, adds a hostile key, wraps it, or repeats an item many times. */
export function mutateValue(value: unknown, pick: number, opIndex: number, bad: unknown, keyIndex: number): { value: unknown; mutation: Mutation } {
  const root = cloneJsonish(value);
  const paths = pathsOf(root);
  const path = paths[pick % paths.length] ?? [];
  const ops = ['replace', 'delete', 'addKey', 'wrap', 'repeat'] as const;
  const op = ops[opIndex % ops.length] ?? 'replace';
  if (path.length === 0) {
    if (op === 'addKey' && root !== null && typeof root === 'object') {
      const key = EXTRA_KEYS[keyIndex % EXTRA_KEYS.length] ?? '__proto__';
      setOwn(root as Record<string, unknown>, key, bad);
      return { value: root, mutation: { op, path, key } };
    }
    return { value: op === 'wrap' ? [root] : bad, mutation: { op: op === 'wrap' ? 'wrap' : 'replace', path } };
  }
  let parent = root as Record<string, unknown> | unknown[];
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[step] as Record<string, unknown> | unknown[];
  const last = path.at(-1) ?? 0;
  const current = (parent as Record<string | number, unknown>)[last];
  switch (op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else Reflect.deleteProperty(parent, last);
      break;
    case 'addKey':
      if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
        const key = EXTRA_KEYS[keyIndex % EXTRA_KEYS.length] ?? '__proto__';
        setOwn(current as Record<string, unknown>, key, bad);
        return { value: root, mutation: { op, path, key } };
      }
      setOwn(parent, last, bad);
      return { value: root, mutation: { op: 'replace', path } };
    case 'wrap':
      setOwn(parent, last, [current]);
      break;
    case 'repeat':
      if (Array.isArray(current) && current.length > 0) setOwn(parent, last, new Array<unknown>(1_000 + keyIndex * 97).fill(current[0]));
      else setOwn(parent, last, bad);
      break;
    default:
      setOwn(parent, last, bad);
  }
  return { value: root, mutation: { op, path } };
}

export type FuzzCase = { kind: 'valid' | 'edgy' | 'mutated' | 'malformed'; input: unknown; mutation?: Mutation };

/**
 * The input mix for one method or route: shaped by the schema (valid as far as types and limits
 * go), shaped at and past the limits, a valid one with one place spoilt, and plainly malformed.
 */
export function fuzzCases(schema: z.ZodType, o: SchemaFuzzOptions & MalformedOptions = {}): fc.Arbitrary<FuzzCase> {
  const valid = schemaArbitrary(schema, o, false);
  const shaped = schemaArbitrary(schema, o, true);
  const bad = malformedArbitrary(o);
  return fc.oneof(
    { weight: 5, arbitrary: valid.map((input): FuzzCase => ({ kind: 'valid', input })) },
    { weight: 2, arbitrary: shaped.map((input): FuzzCase => ({ kind: 'edgy', input })) },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, fc.nat(), fc.nat(), bad, fc.nat({ max: 50 })).map(([v, pick, op, b, key]): FuzzCase => {
        const m = mutateValue(v, pick, op, b, key);
        return { kind: 'mutated', input: m.value, mutation: m.mutation };
      }),
    },
    { weight: 1, arbitrary: bad.map((input): FuzzCase => ({ kind: 'malformed', input })) },
  );
}

/** `value` with every string in it (at any depth) replaced by `blank`: the empty form a careless client sends. */
export function blanked(value: unknown, blank: string, depth = 0): unknown {
  if (typeof value === 'string') return blank;
  if (depth > 50) return value;
  if (Array.isArray(value)) return value.map((v) => blanked(v, blank, depth + 1));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blanked(v, blank, depth + 1)]));
  return value;
}

/**
 * A few inputs every method gets first, whatever the seed: no fields at all, and a valid one
 * with every text blank or a single space.
 */
export function edgeCases(schema: z.ZodType, o: SchemaFuzzOptions = {}): FuzzCase[] {
  const [valid] = samples(schemaArbitrary(schema, o, false), 1, 1);
  return [
    { kind: 'edgy', input: {} },
    { kind: 'edgy', input: blanked(valid, '') },
    { kind: 'edgy', input: blanked(valid, ' ') },
  ];
}

/** `n` values of `arbitrary` for `seed`: the same on every run. */
export function samples<T>(arbitrary: fc.Arbitrary<T>, seed: number, n: number): T[] {
  return fc.sample(arbitrary, { seed, numRuns: n });
}

/** JSON.stringify as it really is: undefined for undefined, a function or a symbol (its declared type says string). */
export function jsonText(v: unknown, replacer?: (key: string, value: unknown) => unknown): string | undefined {
  return JSON.stringify(v, replacer);
}

/** A fuzz value as a request body: BigInts as text, and a value nested too deep for JSON.stringify written by hand. */
export function jsonBody(value: unknown): string {
  try {
    return jsonText(value, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? 'null';
  } catch {
    return `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
  }
}

/** A short, printable description of a fuzz input (huge strings and arrays cut). */
export function describeInput(v: unknown, max = 400): string {
  let text: string;
  try {
    const json = jsonText(v, (_k, x: unknown) => {
      if (typeof x === 'string' && x.length > 60) return `${x.slice(0, 20)}…(${String(x.length)} znaków)`;
      if (Array.isArray(x) && x.length > 10) return [...(x as unknown[]).slice(0, 3), `…(${String(x.length)} pozycji)`];
      if (typeof x === 'bigint') return `${x.toString()}n`;
      if (x instanceof Error) return `(${x.name}: ${x.message})`;
      if (x instanceof Date) return `(Date ${String(x.getTime())})`;
      if (x instanceof Map || x instanceof Set) return `(${x.constructor.name} of ${String(x.size)})`;
      return x;
    });
    text = json ?? typeof v;
  } catch {
    // Too deep for JSON (and for String(), which recurses as deep): say what it is.
    text = `${Object.prototype.toString.call(v)} (zbyt głęboko zagnieżdżone, by wypisać)`;
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Whether Object.prototype was polluted (a failure whatever the call answered). */
export function prototypePolluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe.polluted !== undefined || probe.isAdmin !== undefined;
}

// --- Is a refusal Polish, from the catalogue? ----------------------------------------------

const SENTINEL = '\uE000';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const templateCache = new Map<string, RegExp[]>();

/**
 * The shapes a catalogue message can take: the message rendered with every parameter a
 * placeholder (as text, as numbers for plural forms, absent; all alike or each its own), the
 * placeholders then matching anything.
 */
export function catalogueTemplates(code: string): RegExp[] {
  const cached = templateCache.get(code);
  if (cached) return cached;
  const render = (allErrorMessages as Record<string, ((p: unknown) => string) | undefined>)[code];
  const out: RegExp[] = [];
  if (render !== undefined) {
    // As text and as numbers (plural forms), and absent (a message that says less without it);
    // every parameter the same value, and each its own (a message comparing two of them).
    const variants: [number | null, boolean][] = [0, 1, 2, 5, 22, null].flatMap((n): [number | null, boolean][] => [
      [n, false],
      [n, true],
    ]);
    for (const [n, distinct] of variants) {
      const make = () => (n === null ? null : { toString: () => SENTINEL, valueOf: () => n, [Symbol.toPrimitive]: (hint: string) => (hint === 'number' ? n : SENTINEL) });
      const shared = make();
      const own = new Map<PropertyKey, unknown>();
      const proxy = new Proxy(
        {},
        {
          get: (_t, key) => {
            if (key === Symbol.toPrimitive) return undefined;
            if (!distinct) return shared;
            if (!own.has(key)) own.set(key, make());
            return own.get(key);
          },
        },
      );
      try {
        const text = render(proxy);
        const source = escapeRegExp(text).split(SENTINEL).join('[\\s\\S]*?');
        if (!out.some((r) => r.source === `^${source}$`)) out.push(new RegExp(`^${source}$`));
      } catch {
        // a message that computes on its parameters: the other renderings still count
      }
    }
  }
  templateCache.set(code, out);
  return out;
}

/** Whether `message` is catalogue messages joined by spaces, the first of `code` (as fieldProblems joins them). */
function catalogueSentences(message: string, code: string): boolean {
  const ends = [...message.matchAll(/[.!?] /g)].map((m) => m.index + 1);
  ends.push(message.length);
  const reachable = new Set<number>([0]);
  for (const start of [0, ...ends.map((e) => e + 1)]) {
    if (!reachable.has(start)) continue;
    for (const end of ends) {
      if (end <= start) continue;
      const part = message.slice(start, end);
      const templates = start === 0 ? catalogueTemplates(code) : anyCatalogueTemplates();
      if (templates.some((t) => t.test(part))) reachable.add(end + 1);
    }
  }
  return reachable.has(message.length + 1) && message.length > 0;
}

/** Every catalogue message's shapes, whatever its code. */
function anyCatalogueTemplates(): RegExp[] {
  return Object.keys(allErrorMessages).flatMap((c) => catalogueTemplates(c));
}

/** Words and shapes that betray a message not written for a person in Polish. */
const FOREIGN =
  /\b(invalid|expected|received|required|must|should|unexpected|undefined|cannot|can't|failed|error|exception|TypeError|RangeError|SyntaxError|ReferenceError|is not|not a|object Object|NaN|Infinity|null)\b|\n\s+at |\.ts:\d+|node_modules|SQLITE_|ENOENT|EACCES/i;
/** Something Polish: a letter with a diacritic, Polish quotation marks, or a common Polish word. */
const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”]|\b(nie|jest|to|od|do|co|na|w|z|o|i|lub|albo|oraz|dla|przy|po|Podaj|Wpisz|Wybierz|Napisz|pole|Sprawdź|liczb\w*|znak\w*|pozycj\w*|danych?|plik\w*|Najwyżej|Zaznacz|Formularz)\b/;

function stringsIn(v: unknown, out: Set<string>, depth = 0): Set<string> {
  if (depth > 30 || out.size > 2_000) return out;
  // An Error's name and message are inherited or own-but-hidden, yet a schema reads them as fields.
  if (v instanceof Error) {
    out.add(v.name);
    out.add(v.message);
  }
  if (typeof v === 'string') {
    out.add(v);
    out.add(v.trim());
  } else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') out.add(String(v));
  else if (Array.isArray(v)) v.slice(0, 50).forEach((x) => stringsIn(x, out, depth + 1));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v).slice(0, 50)) {
      out.add(k);
      stringsIn(x, out, depth + 1);
    }
  }
  return out;
}

/** The message with everything the caller sent taken out: echoed input says nothing about our wording. */
function withoutEchoes(message: string, input: unknown): string {
  let text = message;
  const echoes = [...stringsIn(input, new Set())].filter((s) => s.length >= 2).sort((a, b) => b.length - a.length);
  for (const e of echoes) {
    if (text.includes(e)) text = text.split(e).join(' ');
    // Long input is echoed cut short ("…") or upper-cased.
    const head = e.slice(0, 30);
    if (head.length >= 8 && text.includes(head)) text = text.split(head).join(' ');
    const upper = e.toUpperCase();
    if (upper !== e && text.includes(upper)) text = text.split(upper).join(' ');
  }
  return text;
}

/**
 * Why a refusal is not one a person may read, or null when it is: a code from the catalogue
 * other than INTERNAL (that is an unexpected exception), a message of that code's shape, with
 * no English, stack, "undefined" or "NaN" of our own making, and each field's message Polish.
 */
export function refusalProblem(error: { code?: unknown; message?: unknown; fields?: unknown }, input: unknown): string | null {
  const { code, message } = error;
  if (typeof code !== 'string' || typeof message !== 'string') return `the refusal is not { code, message }: ${describeInput(error)}`;
  if (code === 'INTERNAL') return 'INTERNAL: an exception that is not a DomainError (see the log)';
  if (!Object.hasOwn(allErrorMessages, code)) return `code ${code} is not in the catalogue (core/i18n/errors.pl.ts)`;
  if (message.trim() === '') return `${code}: empty message`;
  const fieldTexts = error.fields !== null && typeof error.fields === 'object' ? Object.values(error.fields as Record<string, unknown>) : [];
  // A form's refusal names every problem at once (core/errors.ts fieldProblems): the fields'
  // messages, each the catalogue's, joined into one sentence for the banner.
  const joined = code !== 'INVALID_INPUT' && fieldTexts.length > 1 && fieldTexts.every((t) => typeof t === 'string') && message === fieldTexts.join(' ');
  const parts = joined ? fieldTexts : [message];
  for (const [i, part] of parts.entries()) {
    const templates = i === 0 ? catalogueTemplates(code) : anyCatalogueTemplates();
    // Over the wire (a pushed command's refusal) the fields are gone: the sentence may still be several of the catalogue's.
    if (templates.length > 0 && !templates.some((t) => t.test(part)) && !(i === 0 && !joined && catalogueSentences(part, code))) {
      return `${code}: the message is not the catalogue's: ${JSON.stringify(part)}`;
    }
  }
  const own = withoutEchoes(message, input);
  const foreign = FOREIGN.exec(own);
  if (foreign) return `${code}: the message has "${foreign[0]}" (not Polish, or a value that is not text): ${describeInput(message)}`;
  if (error.fields !== undefined) {
    if (error.fields === null || typeof error.fields !== 'object') return `${code}: fields is not an object`;
    for (const [field, text] of Object.entries(error.fields)) {
      if (typeof text !== 'string' || text.trim() === '') return `${code}: field ${field} has no message`;
      const ownField = withoutEchoes(text, input);
      const bad = FOREIGN.exec(ownField);
      if (bad) return `${code}: field ${field} says "${bad[0]}": ${describeInput(text)}`;
      if (!POLISH.test(ownField) && !POLISH.test(text)) return `${code}: field ${field} is not Polish: ${describeInput(text)}`;
    }
  }
  if (code === 'INVALID_INPUT') {
    const detail = own.replace(/^Nieprawidłowe dane:\s*/, '');
    if (!POLISH.test(detail) && !POLISH.test(message.replace(/^Nieprawidłowe dane:\s*/, ''))) return `INVALID_INPUT: the detail is not Polish: ${describeInput(message)}`;
  }
  return null;
}

/** Runs `work` but gives up after `ms`: a fuzz input must not hang what it is fed to. */
export async function within<T>(ms: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${String(ms)} ms`)), ms);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// --- Damaged files --------------------------------------------------------------------------

export type ByteMutation = { bytes: Uint8Array; ops: string[] };

const PDF_OBJECT = /\d+ \d+ obj[\s\S]*?endobj/g;

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/**
 * Damages a real file the ways files get damaged: bit flips, bytes set to 0x00/0xFF, cut short,
 * a range duplicated, removed or swapped, junk inserted, a PDF object repeated many times, a
 * number in the text made huge or negative. Deterministic for a seed; `ops` says what was done.
 */
export function mutateBytes(original: Uint8Array, seed: number, rounds?: number): ByteMutation {
  const rand = seeded(seed);
  const int = (n: number) => Math.floor(rand() * n);
  let b = Buffer.from(original);
  const ops: string[] = [];
  const count = rounds ?? 1 + int(4);
  for (let r = 0; r < count && b.length > 0; r++) {
    const at = int(b.length);
    const len = 1 + int(Math.min(b.length - at, 1 + int(512)));
    switch (int(10)) {
      case 0: {
        const n = 1 + int(16);
        for (let i = 0; i < n; i++) {
          const p = int(b.length);
          b[p] = (b[p] ?? 0) ^ (1 << int(8));
        }
        ops.push(`flip ${String(n)} bits`);
        break;
      }
      case 1: {
        const v = [0x00, 0xff, 0x7f, 0x80, 0x25, 0x0a][int(6)] ?? 0;
        b.fill(v, at, at + Math.min(len, 16));
        ops.push(`set ${String(Math.min(len, 16))} bytes at ${String(at)} to 0x${v.toString(16)}`);
        break;
      }
      case 2:
        b = b.subarray(0, at);
        ops.push(`cut at ${String(at)}`);
        break;
      case 3:
        b = Buffer.concat([b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len)]);
        ops.push(`duplicate ${String(len)} bytes at ${String(at)}`);
        break;
      case 4:
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + len)]);
        ops.push(`remove ${String(len)} bytes at ${String(at)}`);
        break;
      case 5: {
        const junk = Buffer.alloc(1 + int(256));
        for (let i = 0; i < junk.length; i++) junk[i] = int(256);
        b = Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
        ops.push(`insert ${String(junk.length)} junk bytes at ${String(at)}`);
        break;
      }
      case 6: {
        const objects = [...latin1(b).matchAll(PDF_OBJECT)];
        const obj = objects[int(Math.max(1, objects.length))];
        if (obj?.index === undefined) {
          b = Buffer.concat([b, b.subarray(0, Math.min(b.length, 4096))]);
          ops.push('append the first 4 KiB again');
          break;
        }
        const times = 2 + int(200);
        const copy = Buffer.from(obj[0], 'latin1');
        b = Buffer.concat([b.subarray(0, obj.index), ...new Array<Buffer>(times).fill(copy), b.subarray(obj.index)]);
        ops.push(`repeat object "${obj[0].slice(0, 12)}" ${String(times)} times`);
        break;
      }
      case 7: {
        const text = latin1(b);
        const numbers = [...text.matchAll(/\d{1,9}/g)];
        const n = numbers[int(Math.max(1, numbers.length))];
        if (n?.index === undefined) break;
        const replacement = ['0', '-1', '99999999999', '4294967295', '2147483648', '1e9', '-0'][int(7)] ?? '0';
        b = Buffer.concat([b.subarray(0, n.index), Buffer.from(replacement, 'latin1'), b.subarray(n.index + n[0].length)]);
        ops.push(`number ${n[0]} at ${String(n.index)} → ${replacement}`);
        break;
      }
      case 8: {
        const other = int(b.length);
        const l = Math.min(len, b.length - Math.max(at, other));
        if (l <= 0) break;
        const a = Buffer.from(b.subarray(at, at + l));
        b.copy(b, at, other, other + l);
        a.copy(b, other);
        ops.push(`swap ${String(l)} bytes between ${String(at)} and ${String(other)}`);
        break;
      }
      default: {
        const p = int(b.length);
        b[p] = int(256);
        ops.push(`byte ${String(p)} random`);
      }
    }
  }
  return { bytes: new Uint8Array(b), ops };
}
