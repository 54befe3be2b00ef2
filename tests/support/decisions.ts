import type { DecisionDetail } from '#core/contract';
import { call, signIn, type TestProfile } from '#tests/support/profile';

/** Takes a decision from draft to approved, as the clerk and the head do. */
export async function approvedDecision(p: TestProfile, caseId: string, ruling: string, drafted: Partial<DecisionDetail['content']> = {}): Promise<DecisionDetail> {
  await signIn(p.ctx, 'tlukasik');
  let d = await call(p.ctx, 'decisions.create', { caseId, typeCode: 'WZ' });
  d = await call(p.ctx, 'decisions.save', { id: d.id, expectedVersion: d.currentVersion, content: { ...d.content, subject: 'budowa budynku gospodarczego na działce nr 7/2', applicationDate: '2026-04-02', date: '2026-11-20', ruling, justification: 'Teren spełnia warunki art. 61 ust. 1 ustawy.', signatoryName: 'Katarzyna Zielińska', signatoryPosition: 'z up. Wójta — Kierownik Referatu', ...drafted } });
  d = await call(p.ctx, 'decisions.submit', { id: d.id });
  await signIn(p.ctx, 'kzielinska');
  return call(p.ctx, 'decisions.review', { id: d.id, outcome: 'approved' });
}
