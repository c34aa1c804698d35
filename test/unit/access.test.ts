import {
  type Grant,
  GrantInput,
  type GrantRole,
  type GrantScope,
  type Operation,
  type Principal,
  type Target,
  actorFor,
  authorize,
  describeGrantNeed,
  visibility,
} from '../../domain/access';
import { Actor } from '../../domain/schemas';
import { checkAction } from '../../domain/stages';

const NOW = new Date('2024-05-01T08:00:00.000Z');
const ISSUER = 'http://127.0.0.1:8470';
let lastId = 0;

function grant(
  role: GrantRole,
  scope: Omit<GrantScope, 'province'> & { province?: string },
  more: Partial<Grant> = {},
) {
  lastId += 1;
  return {
    id: String(lastId),
    issuer: ISSUER,
    subject: `user-${lastId}`,
    role,
    scope: { province: 'CB', ...scope },
    validFrom: '2024-01-01T00:00:00.000Z',
    validUntil: null,
    revokedAt: null,
    ...more,
  } satisfies Grant;
}

const HAT_DE = 'hop-tac-xa-nong-nghiep-hat-de-trung-khanh';
const HOA_AN = 'cong-ty-tnhh-nong-san-sach-hoa-an';

const G = {
  coordinator: grant('coordinator', {}),
  provinceAdmin: grant('province_admin', {}),
  officer047: grant('dossier_officer', { unit: '047', level: 'district' }),
  officerProvince: grant('dossier_officer', { level: 'province' }),
  secretary047: grant('council_secretary', { unit: '047', level: 'district' }),
  secretaryProvince: grant('council_secretary', { level: 'province' }),
  secretaryCentral: grant('council_secretary', { level: 'central' }),
  inspector: grant('inspector', {}),
  subjectHatDe: grant('subject', { subjectId: HAT_DE }),
} as const;
type GrantName = keyof typeof G;

const place = (unit: string | null, subjectId: string, level: Grant['scope']['level'] | null = 'district') => ({
  unit,
  subjectId,
  level: level ?? null,
});
/** Targets named as the authorization matrix names them. */
const T = {
  own: { province: 'CB', product: place('047', HAT_DE) },
  otherUnit: { province: 'CB', product: place('051', HOA_AN) },
  otherProvince: { province: 'LS', product: place('047', HAT_DE) },
  ownAtProvince: { province: 'CB', product: place('047', HAT_DE, 'province') },
  otherAtProvince: { province: 'CB', product: place('051', HOA_AN, 'province') },
  otherAtCentral: { province: 'CB', product: place('051', HOA_AN, 'central') },
  ownLevelUnknown: { province: 'CB', product: place('047', HAT_DE, null) },
  noUnit: { province: 'CB', product: place(null, HAT_DE) },
  province: { province: 'CB' },
  otherProvinceOnly: { province: 'LS' },
} satisfies Record<string, Target>;
type TargetName = keyof typeof T;

const allowed = (grants: readonly Grant[], op: Operation, target: Target) => authorize(grants, op, target, NOW).allowed;

describe('authorize: each role × operation × scope', () => {
  const matrix: [GrantName, Operation, TargetName, boolean][] = [
    // coordinator: the whole province, every product and cycle operation, but no grants
    ['coordinator', 'reviewDossier', 'own', true],
    ['coordinator', 'reviewDossier', 'otherUnit', true],
    ['coordinator', 'reviewDossier', 'otherProvince', false],
    ['coordinator', 'recordCouncilResult', 'otherAtCentral', true],
    ['coordinator', 'extendDeadline', 'otherUnit', true],
    ['coordinator', 'registerProduct', 'otherUnit', true],
    ['coordinator', 'startCycle', 'province', true],
    ['coordinator', 'startCycle', 'otherProvinceOnly', false],
    ['coordinator', 'viewReport', 'province', true],
    ['coordinator', 'importProducts', 'province', true],
    ['coordinator', 'manageNotifications', 'province', true],
    ['coordinator', 'manageGrants', 'province', false],
    // the authority's decisions: the province's office records them, for one product or a cycle's decision
    ['coordinator', 'recordRecognitionDecision', 'own', true],
    ['coordinator', 'recordRecognitionDecision', 'province', true],
    ['coordinator', 'recordRecognitionDecision', 'otherProvinceOnly', false],
    ['coordinator', 'recordRevocationDecision', 'otherUnit', true],
    ['officer047', 'recordRecognitionDecision', 'own', false],
    ['officer047', 'recordRecognitionDecision', 'province', false],
    ['officerProvince', 'recordRecognitionDecision', 'otherAtProvince', false],
    ['secretaryProvince', 'recordRecognitionDecision', 'otherAtProvince', false],
    ['inspector', 'recordRevocationDecision', 'own', false],
    ['subjectHatDe', 'recordRecognitionDecision', 'own', false],
    ['subjectHatDe', 'recordRevocationDecision', 'own', false],
    ['provinceAdmin', 'recordRecognitionDecision', 'province', false],
    // province admin: grants only
    ['provinceAdmin', 'manageGrants', 'province', true],
    ['provinceAdmin', 'manageGrants', 'otherProvinceOnly', false],
    ['provinceAdmin', 'viewCycle', 'province', true],
    ['provinceAdmin', 'reviewDossier', 'own', false],
    ['provinceAdmin', 'viewProduct', 'own', false],
    // a district's dossier officer: its district's products, at its level
    ['officer047', 'reviewDossier', 'own', true],
    ['officer047', 'reviewDossier', 'otherUnit', false],
    ['officer047', 'reviewDossier', 'otherProvince', false],
    ['officer047', 'reviewDossier', 'ownAtProvince', false],
    ['officer047', 'reviewDossier', 'ownLevelUnknown', true],
    ['officer047', 'reviewDossier', 'noUnit', false],
    ['officer047', 'viewProduct', 'own', true],
    ['officer047', 'viewProduct', 'ownAtProvince', true],
    ['officer047', 'viewProduct', 'otherUnit', false],
    ['officer047', 'listProducts', 'province', true],
    ['officer047', 'listProducts', 'otherProvinceOnly', false],
    ['officer047', 'viewCycle', 'province', true],
    ['officer047', 'recordCouncilResult', 'own', false],
    ['officer047', 'submitDossier', 'own', false],
    ['officer047', 'extendDeadline', 'own', false],
    ['officer047', 'viewReport', 'province', false],
    // the province's dossier officer: the whole province, at province level
    ['officerProvince', 'reviewDossier', 'otherAtProvince', true],
    ['officerProvince', 'reviewDossier', 'otherUnit', false],
    ['officerProvince', 'reviewDossier', 'noUnit', false],
    ['officerProvince', 'viewProduct', 'noUnit', true],
    ['officerProvince', 'reviewDossier', 'otherProvince', false],
    // council secretaries
    ['secretary047', 'recordCouncilResult', 'own', true],
    ['secretary047', 'recordCouncilResult', 'otherUnit', false],
    ['secretary047', 'recordCouncilResult', 'otherProvince', false],
    ['secretary047', 'recordCouncilResult', 'ownAtProvince', false],
    ['secretary047', 'reviewDossier', 'own', false],
    ['secretary047', 'viewProduct', 'own', true],
    ['secretaryProvince', 'recordCouncilResult', 'otherAtProvince', true],
    ['secretaryProvince', 'recordCouncilResult', 'otherAtCentral', false],
    ['secretaryProvince', 'recordCouncilResult', 'otherUnit', false],
    ['secretaryCentral', 'recordCouncilResult', 'otherAtCentral', true],
    // the inspector: post-inspection across the province
    ['inspector', 'recordInspection', 'own', true],
    ['inspector', 'recordInspection', 'otherUnit', true],
    ['inspector', 'recordInspection', 'otherProvince', false],
    ['inspector', 'viewProduct', 'otherUnit', true],
    ['inspector', 'reviewDossier', 'own', false],
    ['inspector', 'extendDeadline', 'own', false],
    // a producer: its own products only
    ['subjectHatDe', 'registerProduct', 'own', true],
    ['subjectHatDe', 'registerProduct', 'otherUnit', false],
    ['subjectHatDe', 'submitDossier', 'own', true],
    ['subjectHatDe', 'submitDossier', 'otherUnit', false],
    ['subjectHatDe', 'submitDossier', 'otherProvince', false],
    ['subjectHatDe', 'submitSupplement', 'ownAtProvince', true],
    ['subjectHatDe', 'withdraw', 'own', true],
    ['subjectHatDe', 'withdraw', 'otherUnit', false],
    ['subjectHatDe', 'viewProduct', 'own', true],
    ['subjectHatDe', 'viewProduct', 'otherUnit', false],
    ['subjectHatDe', 'listProducts', 'province', true],
    ['subjectHatDe', 'reviewDossier', 'own', false],
    ['subjectHatDe', 'extendDeadline', 'own', false],
    ['subjectHatDe', 'recordInspection', 'own', false],
    ['subjectHatDe', 'viewCycle', 'province', false],
    ['subjectHatDe', 'startCycle', 'province', false],
  ];

  it.each(matrix)('%s %s on %s → %s', (name, op, target, expected) => {
    expect(allowed([G[name]], op, T[target])).toBe(expected);
  });

  it('needs the product for a scoped role acting on one product', () => {
    expect(allowed([G.subjectHatDe], 'submitDossier', T.province)).toBe(false);
    expect(allowed([G.officer047], 'reviewDossier', T.province)).toBe(false);
    expect(allowed([G.coordinator], 'reviewDossier', T.province)).toBe(true);
  });
});

describe('authorize: a grant counts only while it is valid', () => {
  const cases: [GrantName, Operation, TargetName][] = [
    ['coordinator', 'reviewDossier', 'own'],
    ['provinceAdmin', 'manageGrants', 'province'],
    ['officer047', 'reviewDossier', 'own'],
    ['secretary047', 'recordCouncilResult', 'own'],
    ['inspector', 'recordInspection', 'own'],
    ['subjectHatDe', 'submitDossier', 'own'],
  ];
  const variants: [string, Partial<Grant>, boolean][] = [
    ['valid', {}, true],
    ['expired', { validUntil: '2024-04-30T00:00:00.000Z' }, false],
    ['ending exactly now', { validUntil: NOW.toISOString() }, false],
    ['ending later', { validUntil: '2024-05-01T08:00:01.000Z' }, true],
    ['revoked', { revokedAt: '2024-04-01T00:00:00.000Z' }, false],
    ['not yet valid', { validFrom: '2024-06-01T00:00:00.000Z' }, false],
    ['starting exactly now', { validFrom: NOW.toISOString() }, true],
  ];
  for (const [name, op, target] of cases) {
    it.each(variants)(`${name} ${op}: %s → %s`, (_, change, expected) => {
      expect(allowed([{ ...G[name], ...change }], op, T[target])).toBe(expected);
    });
  }
});

describe('authorize: which grant acts, and what a refusal names', () => {
  it('uses the narrowest grant that allows the operation', () => {
    const both = [G.coordinator, G.officer047];
    expect(authorize(both, 'reviewDossier', T.own, NOW)).toEqual({ allowed: true, grant: G.officer047 });
    expect(authorize(both, 'reviewDossier', T.otherUnit, NOW)).toEqual({ allowed: true, grant: G.coordinator });
    const ha = [G.coordinator, G.provinceAdmin];
    expect(authorize(ha, 'manageGrants', T.province, NOW)).toEqual({ allowed: true, grant: G.provinceAdmin });
    expect(authorize(ha, 'startCycle', T.province, NOW)).toEqual({ allowed: true, grant: G.coordinator });
  });

  it('skips a revoked grant for a valid one', () => {
    const revoked = { ...G.officer047, revokedAt: '2024-02-01T00:00:00.000Z' };
    expect(authorize([revoked, G.coordinator], 'reviewDossier', T.own, NOW)).toEqual({
      allowed: true,
      grant: G.coordinator,
    });
  });

  it.each([
    [
      'reviewDossier',
      T.own,
      'a dossier_officer grant for CB unit 047 at level district, or a coordinator grant for CB',
    ],
    [
      'reviewDossier',
      T.otherAtProvince,
      'a dossier_officer grant for CB at level province, or a coordinator grant for CB',
    ],
    [
      'recordCouncilResult',
      T.otherAtCentral,
      'a council_secretary grant for CB at level central, or a coordinator grant for CB',
    ],
    ['submitDossier', T.own, `a subject grant for CB subject ${HAT_DE}, or a coordinator grant for CB`],
    ['recordInspection', T.own, 'an inspector grant for CB, or a coordinator grant for CB'],
    ['manageGrants', T.province, 'a province_admin grant for CB'],
    [
      'reviewDossier',
      T.noUnit,
      'a dossier_officer grant for CB without a unit (the whole province), or a coordinator grant for CB',
    ],
    [
      'viewProduct',
      T.otherUnit,
      `a subject grant for CB subject ${HOA_AN}, or a dossier_officer grant for CB unit 051, or a council_secretary grant for CB unit 051, or an inspector grant for CB, or a coordinator grant for CB`,
    ],
  ] as const)('refusing %s names the grant missing', (op, target, missing) => {
    expect(describeGrantNeed(op, target)).toBe(missing);
    // Staff of the province who lack the grant (its admin; for grants, an officer) are told the product's subject and unit.
    const staff = op === 'manageGrants' ? G.officer047 : G.provinceAdmin;
    expect(authorize([staff], op, target, NOW)).toEqual({ allowed: false, missing });
  });

  it("tells no one outside the province's staff whose product it is or where", () => {
    const outsider = authorize(
      [G.subjectHatDe, G.provinceAdmin],
      'reviewDossier',
      { ...T.otherUnit, province: 'LS' },
      NOW,
    );
    const producer = authorize([G.subjectHatDe], 'viewProduct', T.otherUnit, NOW);
    expect(outsider).toEqual({
      allowed: false,
      missing: 'a dossier_officer grant for LS, or a coordinator grant for LS',
    });
    expect(producer).toMatchObject({ allowed: false });
    expect(JSON.stringify(producer)).not.toContain('unit 051');
    expect(JSON.stringify(producer)).not.toContain(HOA_AN);
  });

  it('refuses with no grants at all', () => {
    expect(authorize([], 'viewCycle', T.province, NOW)).toEqual({
      allowed: false,
      missing:
        'a dossier_officer grant for CB, or a council_secretary grant for CB, or an inspector grant for CB, or a coordinator grant for CB, or a province_admin grant for CB',
    });
  });
});

describe('actorFor', () => {
  const principal: Principal = { id: '7', issuer: ISSUER, subject: 'be.van.duc', name: 'Bế Văn Đức', kind: 'person' };
  it.each([
    ['coordinator', { id: 'principal:7', role: 'coordinator' }],
    ['officer047', { id: 'principal:7', role: 'officer', level: 'district' }],
    ['officerProvince', { id: 'principal:7', role: 'officer', level: 'province' }],
    ['secretary047', { id: 'principal:7', role: 'council_secretary', level: 'district' }],
    ['inspector', { id: 'principal:7', role: 'inspector' }],
    ['subjectHatDe', { id: HAT_DE, role: 'producer' }],
  ] as const)('maps a %s grant to the workflow actor', (name, expected) => {
    const actor = actorFor(principal, G[name]);
    expect(actor).toEqual({ ...expected, principalId: '7', grantId: G[name].id });
    expect(Actor.safeParse(actor).success).toBe(true);
  });

  it('gives no actor for a province_admin grant', () => {
    expect(() => actorFor(principal, G.provinceAdmin)).toThrow(/province_admin grant manages grants/);
  });

  it("gives actors the workflow's own checks accept where authorize allowed", () => {
    const ctx = {
      stage: 'DOSSIER_REVIEW',
      dossierLevel: 'district',
      level: null,
      deadline: null,
      overdue: false,
    } as const;
    expect(checkAction('reviewDossier', actorFor(principal, G.officer047), { ...ctx, ownerId: HOA_AN })).toBeNull();
    expect(
      checkAction('submitDossier', actorFor(principal, G.subjectHatDe), {
        ...ctx,
        stage: 'REGISTERED',
        ownerId: HAT_DE,
      }),
    ).toBeNull();
    expect(
      checkAction('reviewDossier', actorFor(principal, G.officerProvince), { ...ctx, ownerId: HAT_DE })?.type,
    ).toBe('Forbidden');
  });
});

describe('visibility', () => {
  it.each([
    ['a coordinator sees the whole province', [G.coordinator], [{ province: 'CB', units: 'all', subjectIds: 'all' }]],
    ['an inspector too', [G.inspector], [{ province: 'CB', units: 'all', subjectIds: 'all' }]],
    ['a province-level officer too', [G.officerProvince], [{ province: 'CB', units: 'all', subjectIds: 'all' }]],
    [
      'district grants see their districts',
      [G.officer047, grant('council_secretary', { unit: '051', level: 'district' })],
      [{ province: 'CB', units: ['047', '051'], subjectIds: [] }],
    ],
    ['a producer sees its own', [G.subjectHatDe], [{ province: 'CB', units: [], subjectIds: [HAT_DE] }]],
    ['a province admin sees no products', [G.provinceAdmin], []],
    ['an expired grant sees nothing', [{ ...G.coordinator, validUntil: '2024-02-01T00:00:00.000Z' }], []],
    [
      'each province apart, and all wins over a unit',
      [G.officer047, G.coordinator, grant('subject', { province: 'BK', subjectId: HOA_AN })],
      [
        { province: 'BK', units: [], subjectIds: [HOA_AN] },
        { province: 'CB', units: 'all', subjectIds: 'all' },
      ],
    ],
  ] as const)('%s', (_, grants, expected) => {
    expect(visibility(grants, NOW)).toEqual(expected);
  });
});

describe('GrantInput: what each role takes', () => {
  const ok: [string, unknown][] = [
    ['coordinator', { role: 'coordinator', scope: { province: 'CB' } }],
    ['district officer', { role: 'dossier_officer', scope: { province: 'CB', unit: '047', level: 'district' } }],
    ['commune officer', { role: 'dossier_officer', scope: { province: 'CB', unit: '01273', level: 'commune' } }],
    ['province officer', { role: 'dossier_officer', scope: { province: 'CB', level: 'province' } }],
    ['central secretary', { role: 'council_secretary', scope: { province: 'CB', level: 'central' } }],
    ['district secretary', { role: 'council_secretary', scope: { province: 'CB', unit: '051', level: 'district' } }],
    ['subject', { role: 'subject', scope: { province: 'CB', subjectId: HAT_DE } }],
    ['merged province (its past cycles)', { role: 'coordinator', scope: { province: 'BK' } }],
    [
      'period',
      {
        role: 'inspector',
        scope: { province: 'CB' },
        validFrom: '2024-01-01T00:00:00Z',
        validUntil: '2025-01-01T00:00:00+07:00',
      },
    ],
  ];
  it.each(ok)('accepts a %s grant', (_, input) => {
    expect(GrantInput.safeParse(input).error?.issues).toBeUndefined();
  });

  const refused: [string, unknown, string, string][] = [
    [
      'a unit on a coordinator',
      { role: 'coordinator', scope: { province: 'CB', unit: '047' } },
      'scope.unit',
      'must be absent: a coordinator grant covers the whole province',
    ],
    [
      'a level on an inspector',
      { role: 'inspector', scope: { province: 'CB', level: 'district' } },
      'scope.level',
      'must be absent',
    ],
    [
      'a subject on a province admin',
      { role: 'province_admin', scope: { province: 'CB', subjectId: 'x' } },
      'scope.subjectId',
      'must be absent',
    ],
    [
      'an officer without a level',
      { role: 'dossier_officer', scope: { province: 'CB', unit: '047' } },
      'scope.level',
      'is required for a dossier_officer grant: one of',
    ],
    [
      'a central officer',
      { role: 'dossier_officer', scope: { province: 'CB', level: 'central' } },
      'scope.level',
      'a dossier_officer grant must be at one of',
    ],
    [
      'a district officer without a unit',
      { role: 'dossier_officer', scope: { province: 'CB', level: 'district' } },
      'scope.unit',
      'is required for a dossier_officer grant at level district',
    ],
    [
      'an unknown district',
      { role: 'dossier_officer', scope: { province: 'CB', unit: '046', level: 'district' } },
      'scope.unit',
      "must be one of Cao Bằng's districts: 040 Thành phố Cao Bằng",
    ],
    [
      'a district code at commune level',
      { role: 'council_secretary', scope: { province: 'CB', unit: '047', level: 'commune' } },
      'scope.unit',
      "must be one of Cao Bằng's communes",
    ],
    [
      'a unit at province level',
      { role: 'council_secretary', scope: { province: 'CB', unit: '047', level: 'province' } },
      'scope.unit',
      'must be absent: a province-level grant covers the province',
    ],
    [
      'a subject on an officer',
      { role: 'dossier_officer', scope: { province: 'CB', level: 'province', subjectId: HAT_DE } },
      'scope.subjectId',
      'only a subject grant names a subject',
    ],
    [
      'a subject grant without its subject',
      { role: 'subject', scope: { province: 'CB' } },
      'scope.subjectId',
      'is required for a subject grant',
    ],
    [
      'a subject grant with a unit',
      { role: 'subject', scope: { province: 'CB', subjectId: HAT_DE, unit: '047' } },
      'scope.unit',
      'must be absent',
    ],
    [
      'a too long subject id',
      { role: 'subject', scope: { province: 'CB', subjectId: 'x'.repeat(121) } },
      'scope.subjectId',
      'must be at most 120 characters',
    ],
    [
      'a bad province',
      { role: 'coordinator', scope: { province: 'cb' } },
      'scope.province',
      'must be 2 or 3 capital letters',
    ],
    ['an unknown role', { role: 'admin', scope: { province: 'CB' } }, 'role', ''],
    ['an unknown scope field', { role: 'coordinator', scope: { province: 'CB', district: '047' } }, 'scope', ''],
    [
      'a bad unit code',
      { role: 'dossier_officer', scope: { province: 'CB', unit: '47', level: 'district' } },
      'scope.unit',
      'must be a 3 to 5 digit',
    ],
    [
      'an end before the start',
      {
        role: 'inspector',
        scope: { province: 'CB' },
        validFrom: '2024-06-01T00:00:00Z',
        validUntil: '2024-06-01T00:00:00Z',
      },
      'validUntil',
      'must be after validFrom',
    ],
    ['a bad instant', { role: 'inspector', scope: { province: 'CB' }, validUntil: 'tomorrow' }, 'validUntil', ''],
    [
      'a province that is none',
      { role: 'coordinator', scope: { province: 'BI' } },
      'scope.province',
      'unknown province "BI": must be a province code such as CB (Cao Bằng)',
    ],
  ];
  it.each(refused)('refuses %s, naming the field and the rule', (_, input, field, message) => {
    const issues = GrantInput.safeParse(input).error?.issues ?? [];
    expect(issues.map((i) => i.path.join('.'))).toContain(field);
    expect(issues.find((i) => i.path.join('.') === field)?.message).toContain(message);
  });
});
