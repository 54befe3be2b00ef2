import { readTrustedList } from '#signing/trustedList';
import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { JrwaImportReport, User } from '#core/contract';
import { fail, failOn } from '#core/errors';
import { requireRole, requireUser } from '#core/services/access';
import { saveJrwaClass } from '#core/commands/jrwa';
import { execute } from '#core/services/execute';
import { updateSettings } from '#core/commands/admin';
import { runCommand } from '#core/services/commands';
import { readSettings } from '#core/admin/settings';
import { parseJrwa } from '#core/jrwa/import';
import { listJrwa, upsertJrwa, recomputeJrwaLeaves } from '#db/jrwaRepo';
import { eventLogPage, verifyEventChain } from '#db/eventLog';
import { addDays, type CalendarDate } from '#core/deadlines/holidays';
import { warsawDayStart } from '#core/time';

/**
 * Imports a JRWA list: a dry run only reports; a real run stores every good row in one
 * transaction (all of them or, on any failure, none) and reports the bad ones by line.
 */
export function importJrwa(ctx: Ctx, user: User, args: { fileName: string; text: string; dryRun: boolean }): JrwaImportReport {
  const parsed = parseJrwa(args.text);
  const problems = parsed.problems.map((p) => ({ line: p.line, lineLabel: p.lineLabel, symbol: p.symbol, reason: p.reason }));
  if (args.dryRun) {
    const existing = new Set(listJrwa(ctx.store).map((c) => c.symbol));
    const added = parsed.classes.filter((c) => !existing.has(c.symbol)).length;
    return { dryRun: true, accepted: parsed.classes.length, added, updated: parsed.classes.length - added, problems, notices: parsed.notices };
  }
  // The office's one wykaz akt lives on its server: imported there, it reaches every workstation.
  if (ctx.sync) throw fail('JRWA_IMPORT_ON_SERVER');
  return runCommand(ctx, user, 'importJrwa', { fileName: args.fileName, classes: parsed.classes.length }, (c) => {
    const { added, updated } = upsertJrwa(
      ctx.store,
      parsed.classes.map((k) => ({ ...k, importedAt: c.nowIso })),
    );
    recomputeJrwaLeaves(ctx.store);
    c.event({
      action: 'jrwa.imported',
      entityType: 'jrwa',
      entityId: 'jrwa',
      documentRef: args.fileName,
      summary: `Import JRWA z pliku ${args.fileName}: przyjęto ${parsed.classes.length} klas (nowe ${added}, zmienione ${updated}), odrzucono ${problems.length}`,
      data: { added, updated, rejected: problems.length },
    });
    return { dryRun: false, accepted: parsed.classes.length, added, updated, problems, notices: parsed.notices };
  });
}

function jrwaList(ctx: Ctx) {
  return listJrwa(ctx.store).map((c) => ({ symbol: c.symbol, name: c.name, parentSymbol: c.parentSymbol, categoryOwner: c.categoryOwner, categoryOther: c.categoryOther, remarks: c.remarks, isLeaf: c.isLeaf }));
}

export const adminHandlers = {
  'admin.settings': (ctx) => {
    requireRole(ctx, ['admin'], 'ustawienia urzędu');
    return readSettings(ctx.store);
  },
  'admin.updateSettings': (ctx, s) => {
    // Only the administrator's changes reach the file system check (nobody else learns which paths exist).
    const user = requireRole(ctx, ['admin'], 'zmiana ustawień urzędu');
    // A new scan folder is tried from this workstation before it is saved: a typo or a share
    // the workstation cannot write to would otherwise show up only at the registry's next scan.
    // (Only a change: a share down for a moment must not block saving the other settings.)
    if (s.scanFolder !== null && s.scanFolder !== readSettings(ctx.store).scanFolder) {
      const problem = ctx.scanFolder.probe(s.scanFolder);
      if (problem) throw failOn('scanFolder', 'SCAN_FOLDER_UNUSABLE', { problem });
    }
    execute(ctx, user, updateSettings, { settings: s });
    return readSettings(ctx.store);
  },
  'admin.trustedListImport': (ctx, { text, dryRun }) => {
    const user = requireRole(ctx, ['admin'], 'import listy zaufanych usług');
    const list = readTrustedList(text);
    if (!dryRun) {
      // The whole list replaces the previous one: a service withdrawn since is withdrawn here too.
      const settings = readSettings(ctx.store);
      execute(ctx, user, updateSettings, { settings: { ...settings, trustedList: { ...list, importedAt: ctx.clock().toISOString() } } });
    }
    return {
      territory: list.territory,
      sequenceNumber: list.sequenceNumber,
      issuedAt: list.issuedAt,
      nextUpdate: list.nextUpdate,
      signer: list.signer,
      services: list.services.length,
      qualifiedCas: list.services.filter((x) => x.type === 'CA/QC').length,
      qualifiedTsas: list.services.filter((x) => x.type === 'TSA/QTST').length,
    };
  },
  'admin.jrwaList': (ctx) => {
    requireRole(ctx, ['admin', 'registry', 'head', 'clerk'], 'przegląd JRWA');
    return jrwaList(ctx);
  },
  'admin.jrwaSave': (ctx, a) => {
    execute(ctx, requireUser(ctx), saveJrwaClass, a);
    return jrwaList(ctx);
  },
  'admin.jrwaImport': (ctx, args) => importJrwa(ctx, requireRole(ctx, ['admin'], 'import JRWA'), args),
  'admin.eventLog': (ctx, f) => {
    requireRole(ctx, ['admin'], 'przegląd dziennika zdarzeń');
    if (f.from !== null && f.to !== null && f.to < f.from) throw failOn('to', 'EVENT_LOG_RANGE');
    // Days are the office's (Europe/Warsaw): "to" takes in the whole of its day.
    return eventLogPage(ctx.store, {
      text: f.text,
      actorId: f.actorId,
      fromAt: f.from === null ? null : warsawDayStart(f.from),
      untilAt: f.to === null ? null : warsawDayStart(addDays(f.to as CalendarDate, 1)),
      beforeSeq: f.beforeSeq,
      limit: f.limit,
    });
  },
  'admin.eventLogVerify': (ctx) => {
    requireRole(ctx, ['admin'], 'sprawdzenie dziennika zdarzeń');
    return verifyEventChain(ctx.store);
  },
} satisfies Handlers<'admin.settings' | 'admin.updateSettings' | 'admin.trustedListImport' | 'admin.jrwaList' | 'admin.jrwaSave' | 'admin.jrwaImport' | 'admin.eventLog' | 'admin.eventLogVerify'>;
