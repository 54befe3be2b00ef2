// Ścieżka akceptacji: who approves a draft, in turn, before the head signs it.
//
// Decisions:
// - An office configures paths per unit, optionally for one decision type (a legal counsel
//   before the head for tax decisions, say). The most specific path wins: the unit's path for
//   this type, then the unit's path for every type, then the same for the unit above (a
//   sub-unit inherits its department's path). With no path at all the head of the case's unit
//   approves alone — the usual office.
// - The path is fixed when the draft is submitted (stored with the decision): an admin changing
//   the path later does not move drafts already on their way, and the record says who was asked.
// - The same person twice in a row is one stage; a path of people who are no longer active is
//   refused at submission rather than leaving a draft waiting for nobody.
// - A return at any stage sends the draft back to its author; resubmitted, it starts the path
//   again from the first stage (the text changed, so everyone approves the new version).

export type ApprovalPathRule = { unitId: string; typeCode: string | null; approverIds: readonly string[] };
export type UnitRef = { id: string; parentId: string | null };

/** The configured path for a case's unit and a decision type, or null when none applies. */
export function configuredPath(rules: readonly ApprovalPathRule[], unitId: string, typeCode: string, units: readonly UnitRef[]): string[] | null {
  const seen = new Set<string>();
  let current: string | null = unitId;
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    const here: string = current;
    const rule = rules.find((r) => r.unitId === here && r.typeCode === typeCode) ?? rules.find((r) => r.unitId === here && r.typeCode === null);
    if (rule) return collapseRepeats(rule.approverIds);
    current = units.find((u) => u.id === here)?.parentId ?? null;
  }
  return null;
}

/** The same person twice in a row approves once. */
export function collapseRepeats(ids: readonly string[]): string[] {
  return ids.filter((id, i) => i === 0 || ids[i - 1] !== id);
}

export type StageAfterApproval = { kind: 'next'; stage: number; approverId: string } | { kind: 'approved' };

/** Where an approval at `stage` leads: the next person on the path, or the end (approved). */
export function afterApproval(path: readonly string[], stage: number): StageAfterApproval {
  const next = path[stage + 1];
  return next === undefined ? { kind: 'approved' } : { kind: 'next', stage: stage + 1, approverId: next };
}

export type PathStageState = 'approved' | 'waiting' | 'pending';

/** Each stage's state while the draft waits at `stage` (all approved once the path is done). */
export function stageStates(path: readonly string[], stage: number | null, done: boolean): PathStageState[] {
  return path.map((_, i) => (done || (stage !== null && i < stage) ? 'approved' : i === stage ? 'waiting' : 'pending'));
}
