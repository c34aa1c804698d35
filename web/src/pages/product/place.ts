// A product's place by its administrative code: 3 digits name a district (cấp huyện), 5 a commune (cấp xã), as the
// General Statistics Office numbers them (domain/units), so the name is found without knowing the cycle's rule set.
import { unitsAtLevel } from '../../../../domain/units';

export function placeName(province: string, unit: string | null): string | null {
  if (!unit) return null;
  const level = unit.length === 3 ? 'district' : 'commune';
  const name = unitsAtLevel(province, level).find((candidate) => candidate.code === unit)?.name;
  return name ? `${name} (${unit})` : unit;
}
