import type { MethodOutput } from '#core/contract';

type Person = MethodOutput<'office.people'>[number];
type Unit = MethodOutput<'office.units'>[number];

/** The people of a unit and of the units below it (a head's team; who may lead a case of the unit). */
export function peopleWithin(unitId: string, units: readonly Unit[], people: readonly Person[]): Person[] {
  const within = new Set([unitId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of units) {
      if (u.parentId && within.has(u.parentId) && !within.has(u.id)) {
        within.add(u.id);
        grew = true;
      }
    }
  }
  return people.filter((p) => within.has(p.unitId));
}
