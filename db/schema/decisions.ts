import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { cases } from './cases.ts';
import { users } from './users.ts';

/**
 * Decyzja (or another letter drafted in a case): a draft that goes through approval and is
 * signed. Its number in the decision register (per year) is given at signing, like other
 * register numbers: counter in the command's transaction, UNIQUE below.
 */
export const decisions = sqliteTable(
  'decisions',
  {
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    caseId: text('case_id').notNull().references(() => cases.id),
    typeCode: text('type_code').notNull(),
    status: text('status', { enum: ['draft', 'submitted', 'returned', 'approved', 'signed', 'cancelled'] }).notNull(),
    currentVersion: integer('current_version').notNull(),
    authorId: text('author_id').notNull().references(() => users.id),
    /** The person it waits for while submitted (the current stage of its approval path). */
    approverId: text('approver_id').references(() => users.id),
    /**
     * Ścieżka akceptacji fixed at submission: the user ids that approve in turn (JSON array), and
     * the index of the stage it waits at. Fixed then so that a path the admin changes later does
     * not move drafts already on their way.
     */
    approvalPath: text('approval_path'),
    approvalStage: integer('approval_stage'),
    /** The template version the signed document was printed from (kept with the record). */
    templateVersion: integer('template_version'),
    year: integer('year'),
    seq: integer('seq'),
    number: text('number'),
    signedAt: text('signed_at'),
    signedPdfSha256: text('signed_pdf_sha256'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('decisions_number').on(t.year, t.seq), index('decisions_case').on(t.caseId), index('decisions_approver').on(t.approverId, t.status), index('decisions_signed').on(t.status, t.signedAt)],
);

/** Every version of a draft is kept: what was submitted, returned, approved, signed. */
export const decisionVersions = sqliteTable(
  'decision_versions',
  {
    decisionId: text('decision_id').notNull().references(() => decisions.id),
    version: integer('version').notNull(),
    /** The draft's fields as JSON (validated by the contract on every write). */
    content: text('content').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
  },
  (t) => [uniqueIndex('decision_versions_pk').on(t.decisionId, t.version)],
);

/** Akceptacja: a head's approval or return (with remarks) of one version. */
export const decisionReviews = sqliteTable(
  'decision_reviews',
  {
    decisionId: text('decision_id').notNull().references(() => decisions.id),
    version: integer('version').notNull(),
    reviewerId: text('reviewer_id').notNull().references(() => users.id),
    outcome: text('outcome', { enum: ['approved', 'returned'] }).notNull(),
    remarks: text('remarks'),
    at: text('at').notNull(),
  },
  (t) => [index('decision_reviews_decision').on(t.decisionId, t.version)],
);

/**
 * Szablony pism edited by the administrator: every saved version is kept (who changed the
 * wording of a decision, and when, is part of the record). Without a row the built-in template
 * of core/decisions/defaultTemplates.ts applies, as version 0.
 */
export const documentTemplates = sqliteTable(
  'document_templates',
  {
    code: text('code').notNull(),
    version: integer('version').notNull(),
    /** The template as JSON (documentTemplateSchema, checked with validateDocumentTemplate). */
    template: text('template').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
  },
  (t) => [uniqueIndex('document_templates_pk').on(t.code, t.version)],
);
