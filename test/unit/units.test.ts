import { RULE_SETS, RuleSetId } from '../../domain/rules';
import { UnitCode, checkUnit, checkUnitAtLevel, unitLevelOf, unitName, unitsOf } from '../../domain/units';

describe("a rule set's units", () => {
  it('are those of the first level of its chain', () => {
    for (const id of RuleSetId.options) expect(unitLevelOf(id)).toBe(RULE_SETS[id].levels[0]?.id);
    expect(unitLevelOf('OCOP_148_2023')).toBe('district');
    expect(unitLevelOf('OCOP_1489_2025')).toBe('commune');
  });
});

describe("Cao Bằng's units", () => {
  it('are its 10 districts under OCOP_148_2023, by their GSO codes', () => {
    expect(unitsOf('CB', 'OCOP_148_2023').map((u) => u.code)).toEqual([
      '040',
      '042',
      '043',
      '045',
      '047',
      '048',
      '049',
      '051',
      '052',
      '053',
    ]);
    expect(unitName('CB', 'OCOP_148_2023', '040')).toBe('Thành phố Cao Bằng');
    expect(unitName('CB', 'OCOP_148_2023', '047')).toBe('Huyện Trùng Khánh');
    expect(unitName('CB', 'OCOP_148_2023', '051')).toBe('Huyện Hòa An');
  });

  it('are its 56 communes under OCOP_1489_2025: 3 wards and 53 communes, each code once', () => {
    const units = unitsOf('CB', 'OCOP_1489_2025');
    expect(units).toHaveLength(56);
    expect(units.filter((u) => u.name.startsWith('Phường ')).map((u) => u.name)).toEqual([
      'Phường Thục Phán',
      'Phường Nùng Trí Cao',
      'Phường Tân Giang',
    ]);
    expect(units.filter((u) => u.name.startsWith('Xã '))).toHaveLength(53);
    expect(new Set(units.map((u) => u.code)).size).toBe(56);
    for (const u of units) expect(u.code).toMatch(/^\d{5}$/);
    expect(unitName('CB', 'OCOP_1489_2025', '01273')).toBe('Phường Thục Phán');
    expect(unitName('CB', 'OCOP_1489_2025', '01477')).toBe('Xã Trùng Khánh');
  });

  it('do not mix: a district code is no commune and the other way round', () => {
    expect(unitName('CB', 'OCOP_1489_2025', '047')).toBeUndefined();
    expect(unitName('CB', 'OCOP_148_2023', '01273')).toBeUndefined();
  });
});

describe('checkUnit', () => {
  it('accepts a unit of the province under the rule set', () => {
    expect(checkUnit('CB', 'OCOP_148_2023', '047')).toBeUndefined();
    expect(checkUnit('CB', 'OCOP_1489_2025', '01822')).toBeUndefined();
  });

  it.each([
    [
      'CB',
      'OCOP_148_2023',
      '046',
      "must be one of Cao Bằng's districts under OCOP_148_2023: 040 Thành phố Cao Bằng, 042",
    ],
    ['CB', 'OCOP_148_2023', '01273', "must be one of Cao Bằng's districts under OCOP_148_2023"],
    ['CB', 'OCOP_1489_2025', '047', "must be one of Cao Bằng's communes under OCOP_1489_2025: 01273 Phường Thục Phán"],
    ['HN', 'OCOP_148_2023', '001', "no list of Hà Nội's districts under OCOP_148_2023 is known to the engine yet"],
    ['XX', 'OCOP_1489_2025', '00001', "no list of XX's communes under OCOP_1489_2025"],
  ] as const)('refuses %s %s %s, naming the rule', (province, ruleSet, code, message) => {
    expect(checkUnit(province, ruleSet, code)).toContain(message);
  });

  it('lists every unit in the message, so the caller can pick one', () => {
    const message = checkUnit('CB', 'OCOP_148_2023', '999') ?? '';
    for (const u of unitsOf('CB', 'OCOP_148_2023')) expect(message).toContain(`${u.code} ${u.name}`);
  });

  it('checks by level for grants, which name a level and no rule set', () => {
    expect(checkUnitAtLevel('CB', 'district', '051')).toBeUndefined();
    expect(checkUnitAtLevel('CB', 'commune', '051')).toMatch(/^must be one of Cao Bằng's communes: /);
    expect(checkUnitAtLevel('CB', 'province', '051')).toContain("Cao Bằng's province-level units");
  });
});

describe('UnitCode', () => {
  it.each(['040', '0473', '01273'])('accepts %s', (code) => expect(UnitCode.safeParse(code).success).toBe(true));
  it.each(['47', '012734', 'abc', ' 047', ''])('refuses %j with the rule', (code) => {
    const result = UnitCode.safeParse(code);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'must be a 3 to 5 digit administrative code, e.g. 047 for Trùng Khánh',
    );
  });
});
