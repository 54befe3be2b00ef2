/**
 * A class of the wykaz akt added or corrected by hand (the administrator between two imports of
 * the whole list): its name, its archival categories, remarks. Defined once (engine.ts): with a
 * server it is decided there and reaches every workstation with the next pull.
 */
import { z } from 'zod';
import { fail, failOn, fieldProblems } from '#core/errors';
import { normaliseArchivalCategory } from '#core/jrwa/import';
import { ask, defineCommand } from '#core/commands/engine';
import { allowRoles } from '#core/commands/office';
import type { Effect } from '#core/commands/effects';
import type { JrwaRecord } from '#core/commands/records';

const category = z.string().trim().max(10).nullable();

/** The nearest class above `symbol` (its symbol without the last digit, or failing that a shorter one). */
function* nearestParent(symbol: string) {
  for (let k = symbol.length - 1; k >= 1; k--) {
    const found = yield* ask.jrwa(symbol.slice(0, k));
    if (found) return found;
  }
  return null;
}

export const saveJrwaClass = defineCommand({
  name: 'saveJrwaClass',
  args: z.object({
    symbol: z.string().regex(/^\d{1,4}$/),
    name: z.string().trim().min(1).max(500),
    categoryOwner: category,
    categoryOther: category,
    remarks: z.string().trim().max(1000).nullable(),
  }),
  *read(a) {
    const existing = yield* ask.jrwa(a.symbol);
    const parent = existing || a.symbol.length === 1 ? null : yield* nearestParent(a.symbol);
    return { existing, parent, parentCases: parent?.isLeaf ? yield* ask.jrwaCaseCount(parent.symbol) : 0 };
  },
  decide(s, a, env) {
    allowRoles(env.actor, ['admin'], 'zmiana wykazu akt');
    const problems = fieldProblems();
    const isLeaf = s.existing?.isLeaf ?? true;
    const read = (field: 'categoryOwner' | 'categoryOther', raw: string | null, label: string) => {
      if (raw === null || raw === '') return null;
      const value = normaliseArchivalCategory(raw);
      if (value === null) problems.add(field, fail('JRWA_CATEGORY_INVALID', { symbol: a.symbol, field: label, value: raw }));
      return value;
    };
    const categoryOwner = read('categoryOwner', a.categoryOwner, 'kategoria (komórka macierzysta)');
    const categoryOther = read('categoryOther', a.categoryOther, 'kategoria (inne komórki)');
    if (isLeaf && categoryOwner === null && !(a.categoryOwner ?? '')) problems.add('categoryOwner', fail('JRWA_LEAF_CATEGORY_MISSING', { symbol: a.symbol }));
    if (!s.existing && a.symbol.length > 1) {
      if (!s.parent) problems.add('symbol', fail('JRWA_PARENT_MISSING', { symbol: a.symbol, parent: a.symbol.slice(0, -1) }));
      // Cases are kept only in final classes: one that already carries cases gets no subclass.
      else if (s.parentCases > 0) problems.add('symbol', fail('JRWA_PARENT_HAS_CASES', { symbol: a.symbol, parent: s.parent.symbol, cases: s.parentCases }));
    }
    problems.throwIfAny();
    const row: JrwaRecord = {
      symbol: a.symbol,
      name: a.name,
      parentSymbol: s.existing ? s.existing.parentSymbol : (s.parent?.symbol ?? null),
      categoryOwner,
      // A final class without a category for other units is Bc there (as an import reads it).
      categoryOther: categoryOther ?? (isLeaf ? 'Bc' : null),
      remarks: a.remarks || null,
      isLeaf,
    };
    const effects: Effect[] = [{ kind: 'jrwaClass', row }];
    // Its parent was a final class: now it has a subclass, it no longer is.
    if (!s.existing && s.parent?.isLeaf) effects.push({ kind: 'jrwaClass', row: { ...s.parent, isLeaf: false } });
    if (s.existing && sameClass(s.existing, row)) throw failOn('name', 'DIRECTORY_NOTHING_CHANGED');
    effects.push({
      kind: 'metryka',
      entityType: 'jrwa',
      entityId: a.symbol,
      unitId: env.actor.unitId,
      documentRef: a.symbol,
      onBehalfOf: null,
      entry: { action: s.existing ? 'jrwa.changed' : 'jrwa.added', data: { symbol: a.symbol, name: a.name, categoryOwner, categoryOther: row.categoryOther } },
    });
    return effects;
  },
  describe: (_s, a) => `Klasa JRWA ${a.symbol}`,
});

function sameClass(a: JrwaRecord, b: JrwaRecord): boolean {
  return a.name === b.name && a.categoryOwner === b.categoryOwner && a.categoryOther === b.categoryOther && (a.remarks ?? null) === (b.remarks ?? null);
}
