// Administrative units by name. Products are placed in districts (3-digit codes) or, since the 2025 reform, communes
// (5 digits); the codes never collide, so a code alone names its unit within the province.
import type { RuleSetId } from '../../../../domain/rules';
import type { LevelId } from '../../../../domain/schemas';
import { unitLevelOf, unitsAtLevel, type Unit } from '../../../../domain/units';

const PLACING_LEVELS: readonly LevelId[] = ['district', 'commune'];

/** The unit's official name, or undefined for a code the engine has no list of. */
export function unitName(province: string, code: string): string | undefined {
  return PLACING_LEVELS.flatMap((level) => unitsAtLevel(province, level)).find((unit) => unit.code === code)?.name;
}

export interface UnitGroup {
  province: string;
  level: LevelId;
  units: readonly Unit[];
}

/** The units a filter may choose: those of the chosen cycle's rule set, or every placing level of the provinces. */
export function unitGroups(provinces: readonly string[], ruleSetId: RuleSetId | undefined): UnitGroup[] {
  const levels = ruleSetId ? [unitLevelOf(ruleSetId)] : PLACING_LEVELS;
  return provinces
    .flatMap((province) => levels.map((level) => ({ province, level, units: unitsAtLevel(province, level) })))
    .filter((group) => group.units.length > 0);
}
