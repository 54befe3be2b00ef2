import type { Handlers } from '#core/services/handlers';
import type { Ctx } from '#core/services/context';
import type { CaseSummary, InboxItem } from '#core/contract';
import { requireRole, requireUser } from '#core/services/access';
import { execute } from '#core/services/execute';
import { assignItem } from '#core/commands/routing';
import { fail, isDomainError } from '#core/errors';
import { officeContext, personById } from '#core/cases/office';
import { headsUnit, visibleInboxOwners } from '#core/cases/substitution';
import { caseSummarizer } from '#core/cases/handlers';
import { labelOf } from '#core/intake/handlers';
import { correspondenceByIds, getCorrespondence, type CorrespondenceRow } from '#db/correspondenceRepo';
import { activeAssignmentsOf, unassignedItemIds, type AssignmentRow } from '#db/assignmentRepo';
import { openCasesOwnedBy, openCasesOfUnits, openOpinionRequestsOf } from '#db/caseRepo';
import { caseLabel } from '#core/commands/cases';
import { getUser, listUnits } from '#db/directory';
import { lastDueNotOk } from '#core/deadlines/status';
import { readSettings } from '#core/admin/settings';


function inboxItem(ctx: Ctx, unitSymbols: ReadonlyMap<string, string>, c: CorrespondenceRow | undefined, a: AssignmentRow | null, forUser: { id: string; fullName: string } | null): InboxItem | null {
  if (!c) return null;
  return {
    id: c.id,
    label: labelOf(c),
    receivedAt: c.receivedAt,
    senderName: c.senderName,
    subject: c.subject,
    unitSymbol: unitSymbols.get(c.unitId) ?? '?',
    instruction: a?.instruction ?? null,
    deadline: a?.deadline ?? null,
    assignedByName: a ? (getUser(ctx.store, a.assignedBy)?.fullName ?? null) : null,
    note: a?.note ?? null,
    forUserId: forUser?.id ?? null,
    forUserName: forUser?.fullName ?? null,
  };
}

export const inboxHandlers = {
  /**
   * The four trays of a working day: items to assign (heads), items assigned to me, deadlines,
   * my cases — including those of the people I substitute today.
   */
  'inbox.summary': (ctx) => {
    const user = requireUser(ctx);
    const office = officeContext(ctx, user);
    const owners = visibleInboxOwners(user.id, office.substitutions, office.today);
    const people = owners.map((id) => personById(office, id)).filter((p) => p !== null);
    const forUser = (id: string) => (id === user.id ? null : personById(office, id));
    const unitSymbols = new Map(listUnits(ctx.store).map((u) => [u.id, u.symbol]));
    // A head sees the items routed to their unit (and sub-units) that nobody was assigned yet;
    // a substitute sees those of the head they stand in for, to assign in that head's name.
    const toAssign: InboxItem[] = [];
    const seen = new Set<string>();
    for (const p of people.filter((x) => x.role === 'head')) {
      const units = office.units.filter((u) => headsUnit(p, u.id, office.units)).map((u) => u.id);
      const ids = unassignedItemIds(ctx.store, units).filter((id) => !seen.has(id));
      const letters = correspondenceByIds(ctx.store, ids);
      for (const id of ids) {
        seen.add(id);
        const item = inboxItem(ctx, unitSymbols, letters.get(id), null, forUser(p.id));
        if (item) toAssign.push(item);
      }
    }
    const headedUnits = office.units.filter((u) => people.some((p) => p.role === 'head' && headsUnit(p, u.id, office.units))).map((u) => u.id);
    const active = activeAssignmentsOf(ctx.store, owners);
    const assigned = correspondenceByIds(ctx.store, active.map((a) => a.correspondenceId));
    const mine = active
      .map((a) => inboxItem(ctx, unitSymbols, assigned.get(a.correspondenceId), a, forUser(a.assigneeUserId ?? user.id)))
      .filter((x) => x !== null);
    const summarize = caseSummarizer(ctx, office.today);
    const myCases = openCasesOwnedBy(ctx.store, owners).map(summarize);
    // The tray lists only deadlines near or past: cases due later need not be read at all.
    const dueBy = lastDueNotOk(office.today, { warnWorkingDays: readSettings(ctx.store).deadlineWarningDays });
    const watched = headedUnits.length > 0 ? openCasesOfUnits(ctx.store, headedUnits, dueBy).map(summarize) : myCases;
    const deadlines = watched
      .filter((c) => c.deadline === 'due-soon' || c.deadline === 'due-today' || c.deadline === 'overdue')
      .sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''));
    // Opinions asked of this person: only they give them (a substitute's opinion is their own).
    const toOpine = openOpinionRequestsOf(ctx.store, [user.id]).map(({ r, c }) => ({
      id: r.id,
      caseId: c.id,
      caseLabel: caseLabel(c),
      caseTitle: c.title,
      question: r.question,
      askedByName: personById(office, r.askedBy)?.fullName ?? '?',
      askedAt: r.askedAt,
      dueOn: r.dueOn,
    }));
    return { toAssign, mine, deadlines, myCases, toOpine };
  },

  /**
   * Dekretacja of one or many items (bulk): each item in its own transaction, so one refusal
   * does not hold back the others; the answer says per item what happened and why.
   */
  'dekretacja.assign': (ctx, input) => {
    const user = requireUser(ctx);
    const results = [];
    for (const itemId of input.itemIds) {
      const item = getCorrespondence(ctx.store, itemId);
      if (!item) {
        results.push({ itemId, label: '?', ok: false, message: fail('CORRESPONDENCE_NOT_FOUND').message });
        continue;
      }
      try {
        execute(ctx, user, assignItem, {
          itemId,
          assignmentIds: input.userIds.map(() => crypto.randomUUID()),
          userIds: input.userIds,
          instruction: input.instruction,
          deadline: input.deadline,
          note: input.note,
          actingForId: input.actingForId,
        });
        results.push({ itemId, label: labelOf(item), ok: true, message: `${labelOf(item)}: zadekretowano.` });
      } catch (e) {
        if (!isDomainError(e)) throw e;
        results.push({ itemId, label: labelOf(item), ok: false, message: e.message });
      }
    }
    return results;
  },

  /** A head's view of deadlines per clerk in the units they head: open, due soon, overdue. */
  'cases.overdueByClerk': (ctx) => {
    const user = requireRole(ctx, ['head'], 'przegląd terminów komórki');
    const office = officeContext(ctx, user);
    const headed = office.units.filter((u) => headsUnit(office.actor, u.id, office.units)).map((u) => u.id);
    const byOwner = new Map<string, CaseSummary[]>();
    const summarize = caseSummarizer(ctx, office.today);
    for (const c of openCasesOfUnits(ctx.store, headed)) {
      const list = byOwner.get(c.ownerId) ?? [];
      list.push(summarize(c));
      byOwner.set(c.ownerId, list);
    }
    return [...byOwner.entries()]
      .map(([ownerId, cases]) => ({
        ownerId,
        ownerName: personById(office, ownerId)?.fullName ?? '?',
        open: cases.length,
        dueSoon: cases.filter((c) => c.deadline === 'due-soon' || c.deadline === 'due-today').length,
        overdue: cases.filter((c) => c.deadline === 'overdue').length,
        cases: cases.filter((c) => c.deadline !== 'ok'),
      }))
      .sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.ownerName.localeCompare(b.ownerName, 'pl'));
  },
} satisfies Handlers<'inbox.summary' | 'dekretacja.assign' | 'cases.overdueByClerk'>;

