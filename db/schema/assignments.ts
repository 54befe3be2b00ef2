import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';
import { correspondence } from './correspondence.ts';
import { users } from './users.ts';
import { units } from './units.ts';

/**
 * Dekretacja: an item routed to a person (or unit) with an instruction and maybe a deadline.
 * Rows are never rewritten; a later dekretacja adds rows, and `state` records what became of
 * each (done when the person finished with it, withdrawn when replaced).
 */
export const assignments = sqliteTable(
  'assignments',
  {
    id: text('id').primaryKey(),
    correspondenceId: text('correspondence_id').notNull().references(() => correspondence.id),
    assignedBy: text('assigned_by').notNull().references(() => users.id),
    /** Set when the head acted in a substitution: the person they acted for. */
    onBehalfOf: text('on_behalf_of').references(() => users.id),
    assigneeUserId: text('assignee_user_id').references(() => users.id),
    assigneeUnitId: text('assignee_unit_id').references(() => units.id),
    instruction: text('instruction', { enum: ['do_zalatwienia', 'do_wiadomosci', 'do_opinii'] }).notNull(),
    deadline: text('deadline'),
    note: text('note'),
    at: text('at').notNull(),
    state: text('state', { enum: ['active', 'done', 'withdrawn'] }).notNull(),
  },
  (t) => [index('assignments_item').on(t.correspondenceId), index('assignments_user').on(t.assigneeUserId, t.state)],
);

/**
 * The letters waiting for dekretacja (registered, incoming, with no active assignment and in no
 * case): derived data of this workstation, kept by triggers on correspondence, assignments and
 * case_items (migration 0018), so a head's tray reads a few rows instead of testing every letter
 * of the unit. The rule is the view awaiting_rule; nothing but the triggers writes here.
 */
export const awaitingAssignment = sqliteTable(
  'awaiting_assignment',
  {
    correspondenceId: text('correspondence_id').primaryKey(),
    unitId: text('unit_id').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [index('awaiting_assignment_unit').on(t.unitId, t.receivedAt)],
);

/** Zastępstwo: one person acts for another in an inclusive date range. */
export const substitutions = sqliteTable(
  'substitutions',
  {
    id: text('id').primaryKey(),
    substituteId: text('substitute_id').notNull().references(() => users.id),
    forUserId: text('for_user_id').notNull().references(() => users.id),
    fromOn: text('from_on').notNull(),
    toOn: text('to_on').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
    cancelledAt: text('cancelled_at'),
  },
  (t) => [index('substitutions_substitute').on(t.substituteId, t.fromOn), index('substitutions_for').on(t.forUserId, t.fromOn)],
);
