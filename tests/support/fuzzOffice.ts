/**
 * The contract fuzzer's office: a real demo profile at work (letters with scans, a case with a
 * document and decisions, an outgoing letter, a scan folder), the ids and codes a real client
 * would send, and `runMethod`, which feeds one method inputs made from its zod schema through
 * the real dispatch and judges every answer. Shared by tests/integration/fuzzContract.test.ts
 * (fixed seed) and bench/fuzz.ts (any seed, many more runs).
 *
 * Judged: the answer is a success or a refusal in Polish from the catalogue (INTERNAL is what
 * any exception other than a DomainError becomes: a failure); a refused call leaves every table's
 * row count, the committed-write counter (data_version) and the blob store as they were; the
 * call answers within CALL_MS; Object.prototype stays clean.
 *
 * What could leave the temporary profile is pinned inside it: settings keep their folders (scan
 * folder, backups) in the profile's own directory and their time-stamping address on a closed
 * loopback port. Methods whose valid inputs would use keys or the machine cannot be reached by
 * random input anyway: signing needs a real .p12 and its password or a card module (the profile
 * has none); the server's methods (session.login, sync.*) have no server here.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { contract, type MethodName } from '#core/contract';
import { dispatch } from '#core/services/dispatch';
import type { UploadSource } from '#core/services/handlers';
import { approvedDecision } from './decisions.ts';
import { describeInput, edgeCases, fuzzCases, mutateBytes, prototypePolluted, refusalProblem, samples, within } from './fuzz.ts';
import { jpegImage, onePagePdf, pngImage } from './pdfs.ts';
import { call, createSender, DATABASE_FILE, filesUnder, letterInput, openDemoProfile, profileDatabase, removeDir, signIn, stageScan, unitId, uploadOf, type TestProfile } from './profile.ts';

/** One call must answer within this, whatever it was given. */
export const CALL_MS = 15_000;
/** Who calls, in turn: each method is tried by every role (admin, registry, clerk, head). */
const CALLERS = ['gszymanski', 'akowalska', 'tlukasik', 'kzielinska'] as const;

/** What one method did with its inputs. */
export type MethodFuzzResult = { method: MethodName; calls: number; ok: number; codes: Map<string, number>; failures: string[]; ms: number };

/** Every method of the contract, in its order. */
export const contractMethods = Object.keys(contract) as MethodName[];

/**
 * Opens the office and returns the fuzzer over it. `trace`: a file to log every call to, with
 * its time, to find what is slow or stuck.
 */
export async function fuzzOffice(opts: { trace?: string } = {}) {
  const TRACE = opts.trace;
  const p: TestProfile = openDemoProfile({ demoLetters: true });
  let reader: Database.Database | null = null;
  let tables: string[] = [];
  const scanFolder = join(p.dir, 'skany');
  const pools = { uuid: [] as string[], sha256: [] as string[], jrwa: [] as string[], codes: [] as string[], names: [] as string[], logins: [] as string[] };
  let properties: Record<string, readonly unknown[]> = {};
  const db = (): Database.Database => {
    if (!reader) throw new Error('fuzzOffice: closed');
    return reader;
  };

  type Snapshot = { version: number; rows: Record<string, number>; blobFiles: number; tmpFiles: string[] };

  /** What a refused call must leave unchanged: every table's row count, committed writes at all (data_version), blob files. */
  function snapshot(): Snapshot {
    const rows: Record<string, number> = {};
    for (const t of tables) rows[t] = db().prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number;
    return {
      version: db().pragma('data_version', { simple: true }) as number,
      rows,
      blobFiles: filesUnder(join(p.dir, 'blobs')).length,
      tmpFiles: filesUnder(join(p.dir, 'blobs', 'tmp')),
    };
  }

  function changes(before: Snapshot, after: Snapshot): string[] {
    const out: string[] = [];
    for (const t of tables) if (before.rows[t] !== after.rows[t]) out.push(`${t}: ${String(before.rows[t])} → ${String(after.rows[t])}`);
    if (before.blobFiles !== after.blobFiles) out.push(`blob files: ${String(before.blobFiles)} → ${String(after.blobFiles)}`);
    if (after.tmpFiles.length > 0) out.push(`temporary files left: ${after.tmpFiles.join(', ')}`);
    if (out.length === 0 && before.version !== after.version) out.push('a write was committed (data_version moved) though no row count changed');
    return out;
  }

  /** Uploads for the two upload methods: real files, damaged files, junk, nothing. */
  async function uploadsFor(seed: number, n: number): Promise<(UploadSource | undefined)[]> {
    const pdf = await onePagePdf('Skan do fuzzingu');
    const bases = [pdf, pngImage(7), jpegImage('fuzz')];
    return Array.from({ length: n }, (_, i) => {
      const base = bases[i % bases.length] ?? pdf;
      switch (i % 4) {
        case 0:
          return undefined;
        case 1:
          return uploadOf(base);
        case 2:
          return uploadOf(mutateBytes(base, seed + i).bytes);
        default:
          // A source that claims one size and gives another.
          return { size: 3, bytes: () => mutateBytes(base, seed + i).bytes };
      }
    });
  }

  /** Ids of rows of `table` (what a client picks from a list). */
  function idsOf(table: string): string[] {
    return db().prepare(`SELECT id FROM "${table}" LIMIT 50`).pluck().all() as string[];
  }

  /** Property values worth offering besides random ones: ids of the right kind of row, real codes, symbols and names. */
  function propertyPools(): Record<string, readonly unknown[]> {
    const users = idsOf('users');
    const units = idsOf('units');
    const letters = idsOf('correspondence');
    const cases = idsOf('cases');
    const parties = idsOf('parties');
    return {
      userId: users,
      userIds: users,
      ownerId: users,
      askedOf: users,
      substituteId: users,
      forUserId: users,
      actorId: users,
      approverIds: users,
      actingForId: [null, ...users],
      unitId: units,
      toUnitId: units,
      parentId: [null, ...units],
      itemId: letters,
      itemIds: letters,
      ids: [...letters, ...idsOf('decisions')],
      caseId: cases,
      partyId: parties,
      partyIds: parties,
      senderId: parties,
      addresseeId: parties,
      outgoingIds: letters,
      documentId: idsOf('case_documents'),
      id: [...letters, ...cases, ...idsOf('decisions'), ...idsOf('substitutions'), ...idsOf('dispatch_items'), ...users, ...units],
      sha256: pools.sha256,
      jrwaSymbol: pools.jrwa,
      symbol: [...pools.jrwa, 'FN-II', 'XYZ'],
      code: pools.codes,
      typeCode: pools.codes,
      name: pools.names,
      inboxFiles: pools.names,
      login: [...pools.logins, 'nowy.pracownik'],
      // Identifiers with valid check digits, and addresses in the shapes the registers use.
      pesel: [null, '44051401359', '02270803628'],
      nip: [null, '5260250274', '1234563218'],
      regon: [null, '123456785', '12345678512347'],
      postalCode: [null, '00-950', '99-999'],
      electronicAddress: [null, 'AE:PL-12345-67890-ABCDE-12', '/gmina/skrytka'],
      email: [null, 'sekretariat@gmina.pl'],
      trackingNumber: [null, '(00)159007734000021384', 'RR123456785PL'],
      // Folders a valid settings value may point at: never outside the profile.
      scanFolder: [null, scanFolder, join(scanFolder, 'nie-ma'), join(p.dir, 'blobs')],
      folder: [null, join(p.dir, 'kopie')],
      tsaUrl: [null, 'http://127.0.0.1:9/tsa'],
    };
  }

  /** Pins what must not leave the profile whatever the generator made (settings' folders). */
  function pinned(method: MethodName, input: unknown): unknown {
    if (method !== 'admin.updateSettings' || input === null || typeof input !== 'object' || Array.isArray(input)) return input;
    const s = input as Record<string, unknown>;
    if (typeof s.scanFolder === 'string' && !s.scanFolder.startsWith(p.dir)) s.scanFolder = scanFolder;
    const backup = s.backup;
    if (backup !== null && typeof backup === 'object' && !Array.isArray(backup)) {
      const b = backup as Record<string, unknown>;
      if (typeof b.folder === 'string' && !b.folder.startsWith(p.dir)) b.folder = join(p.dir, 'kopie');
    }
    if (typeof s.tsaUrl === 'string') s.tsaUrl = 'http://127.0.0.1:9/tsa';
    return input;
  }

  try {
    mkdirSync(scanFolder, { recursive: true });
    writeFileSync(join(scanFolder, 'skan-1.pdf'), await onePagePdf('Skan w folderze'));
    writeFileSync(join(scanFolder, 'zdjecie.png'), pngImage(3));
    writeFileSync(join(scanFolder, 'uszkodzony.pdf'), mutateBytes(await onePagePdf('Uszkodzony'), 1).bytes);

    // A small office at work, so ids in the inputs lead somewhere: letters with scans, a case
    // with parties, a document and a decision, a substitution, an outgoing letter.
    await signIn(p.ctx, 'gszymanski');
    const settings = await call(p.ctx, 'admin.settings', {});
    await call(p.ctx, 'admin.updateSettings', { ...settings, scanFolder });
    await signIn(p.ctx, 'akowalska');
    const sender = await createSender(p.ctx, 'Fuzzowska');
    const gk = await unitId(p.ctx, 'GK');
    const scan = await stageScan(p.ctx, 'wniosek.pdf', await onePagePdf('Wniosek'));
    const letter = await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { scans: [{ sha256: scan.sha256, fileName: 'wniosek.pdf' }] }));
    await call(p.ctx, 'intake.register', letterInput(sender.id, gk, { subject: 'Drugie pismo' }));
    await signIn(p.ctx, 'tlukasik');
    const c = await call(p.ctx, 'cases.open', { itemId: letter.id, jrwaSymbol: '6730', title: 'Warunki zabudowy (fuzz)', deadlineKind: 'kpa35-standard' });
    const doc = await call(p.ctx, 'cases.stageDocument', { fileName: 'protokol.png' }, uploadOf(pngImage(11)));
    await call(p.ctx, 'cases.addDocument', { caseId: c.id, sha256: doc.sha256, fileName: 'protokol.png', title: 'Protokół' });
    await approvedDecision(p, c.id, 'ustalam warunki zabudowy');
    await signIn(p.ctx, 'tlukasik');
    await call(p.ctx, 'decisions.create', { caseId: c.id, typeCode: 'WZ' });
    await signIn(p.ctx, 'akowalska');
    await call(p.ctx, 'outgoing.register', { addresseeId: sender.id, subject: 'Odpowiedź', channel: 'ordinary', dispatchedOn: '2026-01-05' });

    reader = profileDatabase(p.dir);
    tables = db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    // Every id of every row, every blob hash, every code and symbol: what a real client would send.
    for (const t of tables) {
      const columns = db().prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[];
      for (const col of columns) {
        const values = db().prepare(`SELECT DISTINCT "${col}" FROM "${t}" WHERE typeof("${col}") = 'text' LIMIT 200`).pluck().all() as string[];
        for (const v of values) {
          if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) pools.uuid.push(v);
          else if (/^[0-9a-f]{64}$/.test(v)) pools.sha256.push(v);
          else if (col === 'symbol' || col === 'jrwa_symbol') pools.jrwa.push(v);
          else if (col === 'code' || col === 'type_code') pools.codes.push(v);
          else if (col === 'login') pools.logins.push(v);
        }
      }
    }
    pools.names.push('skan-1.pdf', 'zdjecie.png', 'uszkodzony.pdf', '../kancelaria.sqlite', '..', '.', 'zarejestrowane', join(p.dir, DATABASE_FILE));
    for (const k of Object.keys(pools) as (keyof typeof pools)[]) pools[k] = [...new Set(pools[k])];
    properties = propertyPools();
  } catch (e) {
    p.close();
    removeDir(p.dir);
    throw e;
  }

  return {
    pools,
    ctx: p.ctx,
    /** What a refused call is compared on (for the test's check that a write is seen). */
    snapshot,
    /** What changed between two snapshots, in words; empty when nothing did. */
    changes,
    /** Feeds `method` `runs` inputs for `seed` and judges every answer. */
    async runMethod(method: MethodName, seed: number, runs: number): Promise<MethodFuzzResult> {
      const began = performance.now();
      const spec = contract[method];
      const options = { formats: { uuid: pools.uuid }, properties, structured: true };
      // The fixed edge cases go to every caller in turn (the i-th call is made by CALLERS[i % 4]).
      const edges = edgeCases(spec.input, options).flatMap((c) => CALLERS.map(() => c));
      const cases = [...edges, ...samples(fuzzCases(spec.input, options), seed, runs)];
      const uploads = spec.kind === 'upload' ? await uploadsFor(seed, runs) : [];
      const failures: string[] = [];
      let ok = 0;
      const codes = new Map<string, number>();
      for (const [i, fuzz] of cases.entries()) {
        const who = CALLERS[i % CALLERS.length] ?? 'gszymanski';
        await signIn(p.ctx, who);
        const input = pinned(method, fuzz.input);
        const before = snapshot();
        const where = `#${String(i)} (${who}, ${fuzz.kind}${fuzz.mutation ? ` ${fuzz.mutation.op} ${fuzz.mutation.path.join('.')}${fuzz.mutation.key === undefined ? '' : ` +${fuzz.mutation.key}`}` : ''}) ${describeInput(input)}`;
        let answer: Awaited<ReturnType<typeof dispatch>>;
        const started = performance.now();
        if (TRACE !== undefined) appendFileSync(TRACE, `${method} ${where.slice(0, 300)}\n`);
        try {
          answer = await within(CALL_MS, method, () => dispatch(p.ctx, method, input, uploads[i]));
        } catch (e) {
          failures.push(`${where}: threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          continue;
        }
        if (TRACE !== undefined) appendFileSync(TRACE, `  ${(performance.now() - started).toFixed(0)} ms\n`);
        if (prototypePolluted()) failures.push(`${where}: Object.prototype was polluted`);
        if (answer.ok) {
          ok++;
          continue;
        }
        codes.set(answer.error.code, (codes.get(answer.error.code) ?? 0) + 1);
        const problem = refusalProblem(answer.error, input);
        if (problem) failures.push(`${where}: ${problem}`);
        const left = changes(before, snapshot());
        if (left.length > 0) failures.push(`${where}: refused (${answer.error.code}) but left behind: ${left.join('; ')}`);
      }
      return { method, calls: cases.length, ok, codes, failures, ms: performance.now() - began };
    },
    close(): void {
      reader?.close();
      reader = null;
      p.close();
      removeDir(p.dir);
    },
  };
}
