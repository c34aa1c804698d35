// Each province's administrative units (đơn vị hành chính) that products and
// grants are placed in. Which kind a rule set uses is its first evaluation
// level: districts (cấp huyện) under OCOP_148_2023, communes (cấp xã) since
// OCOP_1489_2025, when the districts were abolished. Codes are the General
// Statistics Office's (mã đơn vị hành chính, QĐ 124/2004/QĐ-TTg): 3 digits for
// a district, 5 for a commune.
import { z } from 'zod';
import { findProvince } from './provinces';
import { type RuleSetId, getRuleSet } from './rules';
import type { LevelId } from './schemas';

export const UnitCode = z
  .string()
  .regex(/^\d{3,5}$/, 'must be a 3 to 5 digit administrative code, e.g. 047 for Trùng Khánh');
export type UnitCode = z.infer<typeof UnitCode>;

export interface Unit {
  code: string;
  /** The official name with its type: Thành phố, Huyện, Phường, Xã. */
  name: string;
}

type UnitTable = readonly (readonly [code: string, name: string])[];

/**
 * Cao Bằng's 10 district-level units after the 2020 mergers (Quảng Hòa formed; Hà Quảng
 * and Trùng Khánh enlarged), until 30/06/2025.
 */
const CB_DISTRICTS: UnitTable = [
  ['040', 'Thành phố Cao Bằng'],
  ['042', 'Huyện Bảo Lâm'],
  ['043', 'Huyện Bảo Lạc'],
  ['045', 'Huyện Hà Quảng'],
  ['047', 'Huyện Trùng Khánh'],
  ['048', 'Huyện Hạ Lang'],
  ['049', 'Huyện Quảng Hòa'],
  ['051', 'Huyện Hòa An'],
  ['052', 'Huyện Nguyên Bình'],
  ['053', 'Huyện Thạch An'],
];

/**
 * Cao Bằng's 56 commune-level units from 01/07/2025 (Nghị quyết 1657/NQ-UBTVQH15
 * of 16/06/2025): 3 wards and 53 communes. Each new unit took the GSO code of one
 * of the communes merged into it.
 */
const CB_COMMUNES: UnitTable = [
  ['01273', 'Phường Thục Phán'],
  ['01279', 'Phường Nùng Trí Cao'],
  ['01288', 'Phường Tân Giang'],
  ['01290', 'Xã Bảo Lâm'],
  ['01294', 'Xã Lý Bôn'],
  ['01297', 'Xã Nam Quang'],
  ['01304', 'Xã Quảng Lâm'],
  ['01318', 'Xã Yên Thổ'],
  ['01321', 'Xã Bảo Lạc'],
  ['01324', 'Xã Cốc Pàng'],
  ['01327', 'Xã Cô Ba'],
  ['01336', 'Xã Khánh Xuân'],
  ['01339', 'Xã Xuân Trường'],
  ['01351', 'Xã Hưng Đạo'],
  ['01354', 'Xã Huy Giáp'],
  ['01360', 'Xã Sơn Lộ'],
  ['01363', 'Xã Thông Nông'],
  ['01366', 'Xã Cần Yên'],
  ['01387', 'Xã Thanh Long'],
  ['01392', 'Xã Trường Hà'],
  ['01393', 'Xã Lũng Nặm'],
  ['01414', 'Xã Tổng Cọt'],
  ['01438', 'Xã Hà Quảng'],
  ['01447', 'Xã Trà Lĩnh'],
  ['01456', 'Xã Quang Hán'],
  ['01465', 'Xã Quang Trung'],
  ['01477', 'Xã Trùng Khánh'],
  ['01489', 'Xã Đình Phong'],
  ['01501', 'Xã Đàm Thủy'],
  ['01525', 'Xã Đoài Dương'],
  ['01537', 'Xã Lý Quốc'],
  ['01552', 'Xã Quang Long'],
  ['01558', 'Xã Hạ Lang'],
  ['01561', 'Xã Vinh Quý'],
  ['01576', 'Xã Quảng Uyên'],
  ['01594', 'Xã Độc Lập'],
  ['01618', 'Xã Hạnh Phúc'],
  ['01636', 'Xã Bế Văn Đàn'],
  ['01648', 'Xã Phục Hòa'],
  ['01654', 'Xã Hòa An'],
  ['01660', 'Xã Nam Tuấn'],
  ['01699', 'Xã Nguyễn Huệ'],
  ['01708', 'Xã Bạch Đằng'],
  ['01726', 'Xã Nguyên Bình'],
  ['01729', 'Xã Tĩnh Túc'],
  ['01738', 'Xã Ca Thành'],
  ['01747', 'Xã Minh Tâm'],
  ['01768', 'Xã Phan Thanh'],
  ['01774', 'Xã Tam Kim'],
  ['01777', 'Xã Thành Công'],
  ['01786', 'Xã Đông Khê'],
  ['01789', 'Xã Canh Tân'],
  ['01792', 'Xã Kim Đồng'],
  ['01795', 'Xã Minh Khai'],
  ['01807', 'Xã Thạch An'],
  ['01822', 'Xã Đức Long'],
];

/** Only sourced lists are here: a province without one cannot place products or grants yet. */
const UNITS: Readonly<Record<string, Partial<Record<LevelId, UnitTable>>>> = {
  CB: { district: CB_DISTRICTS, commune: CB_COMMUNES },
};

const KIND_NAMES: Partial<Record<LevelId, string>> = { district: 'districts', commune: 'communes' };

/** The level whose units a rule set places products in: the first of its chain. */
export function unitLevelOf(ruleSetId: RuleSetId): LevelId {
  const first = getRuleSet(ruleSetId).levels[0];
  if (!first) throw new Error(`rule set ${ruleSetId} has no evaluation levels`);
  return first.id;
}

/** The units of a province at a level (district or commune); empty when none are listed. */
export function unitsAtLevel(province: string, level: LevelId): readonly Unit[] {
  return (UNITS[province]?.[level] ?? []).map(([code, name]) => ({ code, name }));
}

export function unitsOf(province: string, ruleSetId: RuleSetId): readonly Unit[] {
  return unitsAtLevel(province, unitLevelOf(ruleSetId));
}

export function unitName(province: string, ruleSetId: RuleSetId, code: string): string | undefined {
  return UNITS[province]?.[unitLevelOf(ruleSetId)]?.find(([c]) => c === code)?.[1];
}

/** Why `code` is not one of the province's units under the rule set, or undefined when it is. */
export function checkUnit(province: string, ruleSetId: RuleSetId, code: string): string | undefined {
  return checkUnitAtLevel(province, unitLevelOf(ruleSetId), code, ruleSetId);
}

/** The same check for a level directly, as a grant names a level but no rule set. */
export function checkUnitAtLevel(
  province: string,
  level: LevelId,
  code: string,
  ruleSetId?: RuleSetId,
): string | undefined {
  const table = UNITS[province]?.[level];
  const kind = KIND_NAMES[level] ?? `${level}-level units`;
  const place = `${findProvince(province)?.name ?? province}'s ${kind}${ruleSetId ? ` under ${ruleSetId}` : ''}`;
  if (!table?.length) return `no list of ${place} is known to the engine yet`;
  if (table.some(([c]) => c === code)) return undefined;
  return `must be one of ${place}: ${table.map(([c, name]) => `${c} ${name}`).join(', ')}`;
}
