/**
 * One command engine (DESIGN.md "Commands are defined once"; STYLE.md rule 17).
 *
 * A command is defined once: its arguments (one zod schema for the API's payload after the
 * workstation has chosen ids, and for the wire), what it reads, and a pure, synchronous
 * `decide` over that snapshot which either throws a DomainError (the refusal, in Polish) or
 * returns effects. Each store reads through `Reads` and applies effects; neither holds a rule.
 *
 * Reading is a generator: `read` yields queries and receives their answers, so the same
 * definition runs synchronously against SQLite (readSync) and asynchronously against
 * PostgreSQL (readAsync), and a later query may depend on an earlier answer.
 */
import type { z } from 'zod';
import type { Role } from '#core/contract';
import { READ_NAMES, type AsyncReads, type Reads } from '#core/commands/reads';
import type { Effect } from '#core/commands/effects';

/** Who acts. The position goes into the metryka ("who acted: name, position"). */
export type Actor = { id: string; fullName: string; position: string; role: Role; unitId: string };

/** What a decision may know besides its snapshot: who acts and the authority's time. */
export type CommandEnv = { actor: Actor; now: Date };

/** One query a command asks of the store. */
export type Query = { readonly [K in keyof Reads]: { query: K; args: Parameters<Reads[K]> } }[keyof Reads];

/** A read in progress: yields queries, receives answers, returns the snapshot. */
export type Ask<T> = Generator<Query, T, unknown>;

type Asker = { readonly [K in keyof Reads]: (...args: Parameters<Reads[K]>) => Ask<ReturnType<Reads[K]>> };

function asker<K extends keyof Reads>(query: K) {
  return function* (...args: Parameters<Reads[K]>): Ask<ReturnType<Reads[K]>> {
    // The store answers exactly the query yielded (readSync/readAsync), so the answer has its type.
    return (yield { query, args } as Query) as ReturnType<Reads[K]>;
  };
}

/** The queries, to be used as `yield* ask.letter(id)` inside a command's `read`. */
export const ask: Asker = Object.fromEntries(Object.keys(READ_NAMES).map((k) => [k, asker(k as keyof Reads)])) as unknown as Asker;

type AnyQueryFn = (...a: unknown[]) => unknown;

/** Runs a read against a synchronous store (the workstation, inside its transaction). */
export function readSync<T>(read: Ask<T>, reads: Reads): T {
  let step = read.next();
  while (!step.done) {
    const q = step.value;
    step = read.next((reads[q.query] as AnyQueryFn)(...q.args));
  }
  return step.value;
}

/** Runs a read against an asynchronous store (the server, inside its transaction). */
export async function readAsync<T>(read: Ask<T>, reads: AsyncReads): Promise<T> {
  let step = read.next();
  while (!step.done) {
    const q = step.value;
    step = read.next(await (reads[q.query] as (...a: unknown[]) => Promise<unknown>)(...q.args));
  }
  return step.value;
}

/** A command as defined once in core/commands. */
export type Command<A, S> = {
  /** The name on the wire and in the outbox. */
  readonly name: string;
  readonly args: z.ZodType<A>;
  read(args: A, env: CommandEnv): Ask<S>;
  /** Pure: refuses by throwing a DomainError, or returns what to write. */
  decide(snapshot: S, args: A, env: CommandEnv): Effect[];
  /** How the sync panel names the command ("Rejestracja RPW/tymcz./A7K2: …"). */
  describe(snapshot: S, args: A): string;
};

// Commands of different argument types live in one registry; each is called with its own.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry erases A and S on purpose
export type AnyCommand = Command<any, any>;

export function defineCommand<A, S>(c: Command<A, S>): Command<A, S> {
  return c;
}

/** A command's outcome before a store writes it: its effects and its label. */
export type Decided = { effects: Effect[]; label: string };

/** Reads and decides on a synchronous store. */
export function decideSync<A, S>(c: Command<A, S>, args: A, env: CommandEnv, reads: Reads): Decided {
  const snapshot = readSync(c.read(args, env), reads);
  return { effects: c.decide(snapshot, args, env), label: c.describe(snapshot, args) };
}

/** Reads and decides on an asynchronous store. */
export async function decideAsync<A, S>(c: Command<A, S>, args: A, env: CommandEnv, reads: AsyncReads): Promise<Decided> {
  const snapshot = await readAsync(c.read(args, env), reads);
  return { effects: c.decide(snapshot, args, env), label: c.describe(snapshot, args) };
}
