// A cycle's report against its plan, and the three figures that speak of
// certificates: certified in this cycle, active at a date, and the products
// ranked before the cycle that it kept.
import { CycleTargets } from '../../domain/cycle';
import {
  certifiedInCycle,
  compareWithTargets,
  type CycleFigures,
  inForceAt,
  type IssuedCertificate,
  keptProducts,
  type ProvinceCertificate,
} from '../../domain/report';

const CAO_BANG_2023 = CycleTargets.parse({
  newProductsThreeStarsOrMore: 30,
  productsFourStarsOrMore: 2,
  cooperativeShare: 0.4,
  smeShare: 0.3,
  rankedProductsKeptShare: 1,
});

const START = '2023-05-05T00:00:00.000Z';
const AT = '2023-12-31T00:00:00.000Z';

/** A certificate of Cao Bằng, issued in 2021 and valid 36 months, unless told otherwise. */
function certificate(productId: string, more: Partial<ProvinceCertificate> = {}): ProvinceCertificate {
  return {
    number: `${productId.slice(-3)}/2021/OCOP-CB`,
    productId,
    productName: `Sản phẩm ${productId}`,
    subjectId: `subject-${productId}`,
    kind: 'new',
    stars: 3,
    status: 'active',
    decidedOn: '2021-03-01T00:00:00.000Z',
    validUntil: '2024-03-01T00:00:00.000Z',
    endedAt: null,
    ...more,
  };
}

/** Cao Bằng's published 2023 outcome: 68 certified, 4 at 4 stars; 61 new and 7 re-evaluated. */
function figures(more: Partial<CycleFigures> = {}): CycleFigures {
  const kept = keptProducts(
    Array.from({ length: 7 }, (_, i) => certificate(`CB-2020-00${i + 1}`)),
    START,
    AT,
  );
  return {
    cycleId: 'CB-2023',
    registered: 75,
    byStage: { POST_INSPECTION: 68, NOT_RANKED: 7 },
    byStars: { '3': 64, '4': 4 },
    byGroup: {},
    subjects: { total: 50, byType: { cooperative: 25, enterprise: 15, household: 10 } },
    certifiedInCycle: {
      total: 68,
      byKind: { new: 61, 're-evaluation': 7, upgrade: 0 },
      byStars: { '3': 64, '4': 4 },
      byStatus: { active: 68, revoked: 0, expired: 0, superseded: 0 },
    },
    activeAt: {
      at: AT,
      total: 144,
      byKind: { new: 137, 're-evaluation': 7, upgrade: 0 },
      byStars: { '3': 131, '4': 13 },
    },
    keptProducts: kept,
    newThreeStarsOrMore: 61,
    fourStarsOrMore: 4,
    fiveStars: 0,
    reEvaluationsDecided: 7,
    reEvaluationsKept: 7,
    ...more,
  };
}

const keptLine = (report: ReturnType<typeof compareWithTargets>) =>
  report.targets.find((t) => t.target === 'rankedProductsKeptShare');

describe("a cycle's report against its plan", () => {
  it('puts every target of the plan beside its actual figure, in the order of the plan', () => {
    const report = compareWithTargets(figures(), CAO_BANG_2023, AT);
    expect(report.targets.map(({ target, goal, actual, met }) => [target, goal, actual, met])).toEqual([
      ['newProductsThreeStarsOrMore', 30, 61, true],
      ['productsFourStarsOrMore', 2, 4, true],
      ['productsFiveStars', 0, 0, true],
      ['cooperativeShare', 0.4, 0.5, true],
      ['smeShare', 0.3, 0.3, true],
      ['rankedProductsKeptShare', 1, 1, true],
    ]);
  });

  it('misses "every product already ranked kept" when one of seven earlier products was revoked', () => {
    const earlier = Array.from({ length: 7 }, (_, i) => certificate(`CB-2020-00${i + 1}`));
    earlier[3] = { ...certificate('CB-2020-004'), status: 'revoked', endedAt: '2023-08-01T00:00:00.000Z' };
    const report = compareWithTargets(figures({ keptProducts: keptProducts(earlier, START, AT) }), CAO_BANG_2023, AT);
    expect(keptLine(report)).toEqual({
      target: 'rankedProductsKeptShare',
      label: 'share of products ranked before the cycle still holding a certificate in force',
      goal: 1,
      actual: 0.857,
      met: false,
    });
  });

  it('counts nothing lost while no product was ranked before the cycle, so the target is met', () => {
    const report = compareWithTargets(figures({ keptProducts: keptProducts([], START, AT) }), CAO_BANG_2023, AT);
    expect(keptLine(report)).toMatchObject({ goal: 1, actual: 1, met: true });
  });

  it('leaves the target unset (0) for a plan that does not name it, as cycles started before it did', () => {
    const earlier = CycleTargets.parse({ newProductsThreeStarsOrMore: 30 });
    expect(earlier.rankedProductsKeptShare).toBe(0);
    const lostAll = keptProducts([certificate('CB-2020-001', { status: 'revoked' })], START, AT);
    const report = compareWithTargets(figures({ keptProducts: lostAll }), earlier, AT);
    expect(keptLine(report)).toMatchObject({ goal: 0, actual: 0, met: true });
  });

  it('refuses a share above 1', () => {
    expect(CycleTargets.safeParse({ ...CAO_BANG_2023, rankedProductsKeptShare: 1.5 }).success).toBe(false);
  });
});

describe('certified in this cycle', () => {
  const issued = (kind: IssuedCertificate['kind'], stars: number, status: IssuedCertificate['status']) => ({
    kind,
    stars,
    status,
    decidedOn: '2023-10-01T00:00:00.000Z',
    validUntil: '2026-10-01T00:00:00.000Z',
  });

  it('counts every application issued a certificate by kind and stars, and says what became of each', () => {
    expect(
      certifiedInCycle([
        issued('new', 3, 'active'),
        issued('new', 4, 'revoked'),
        issued('re-evaluation', 3, 'active'),
        issued('upgrade', 5, 'superseded'),
        issued('new', 3, 'expired'),
      ]),
    ).toEqual({
      total: 5,
      byKind: { new: 3, 're-evaluation': 1, upgrade: 1 },
      byStars: { '3': 3, '4': 1, '5': 1 },
      byStatus: { active: 2, revoked: 1, expired: 1, superseded: 1 },
    });
  });

  it('has a total of 0 and every kind at 0 for a cycle with no certificate yet', () => {
    expect(certifiedInCycle([])).toEqual({
      total: 0,
      byKind: { new: 0, 're-evaluation': 0, upgrade: 0 },
      byStars: {},
      byStatus: { active: 0, revoked: 0, expired: 0, superseded: 0 },
    });
  });
});

describe('a certificate in force at a date', () => {
  const c = certificate('CB-2021-001');

  it('is in force from its decision date, and no longer at the end of its 36 months', () => {
    expect(inForceAt(c, '2021-02-28T23:59:59.999Z')).toBe(false);
    expect(inForceAt(c, c.decidedOn)).toBe(true);
    expect(inForceAt(c, '2024-02-29T23:59:59.999Z')).toBe(true);
    expect(inForceAt(c, c.validUntil)).toBe(false);
  });

  it.each(['revoked', 'expired', 'superseded'] as const)('is never in force once %s, within its validity', (status) => {
    expect(inForceAt({ ...c, status }, AT)).toBe(false);
  });
});

describe('the products ranked before the cycle that it kept', () => {
  it('keeps a product whose own certificate is still in force at the report date', () => {
    expect(keptProducts([certificate('CB-2021-001')], START, AT)).toMatchObject({
      since: START,
      at: AT,
      earlier: 1,
      kept: 1,
      share: 1,
      lapsed: { count: 0, products: [] },
      revoked: { count: 0, products: [] },
    });
  });

  it('keeps a product re-evaluated at expiry under a new certificate, at fewer stars too', () => {
    const old = certificate('CB-2020-001', {
      stars: 4,
      decidedOn: '2020-09-01T00:00:00.000Z',
      validUntil: '2023-09-01T00:00:00.000Z',
      status: 'superseded',
      endedAt: '2023-08-20T00:00:00.000Z',
    });
    const renewed = certificate('CB-2023-0009', {
      productName: old.productName.toUpperCase(),
      subjectId: old.subjectId,
      kind: 're-evaluation',
      decidedOn: '2023-08-20T00:00:00.000Z',
      validUntil: '2026-08-20T00:00:00.000Z',
    });
    expect(keptProducts([old, renewed], START, AT)).toMatchObject({ earlier: 1, kept: 1, share: 1 });
  });

  it('lists as lapsed a product whose certificate expired with no newer one, and as revoked one revoked', () => {
    const expired = certificate('CB-2020-002', {
      decidedOn: '2020-09-01T00:00:00.000Z',
      validUntil: '2023-09-01T00:00:00.000Z',
      status: 'expired',
      endedAt: '2023-09-01T00:00:00.000Z',
    });
    // Its re-evaluation failed: the application has no certificate, so nothing newer is in force.
    const revoked = certificate('CB-2021-003', { stars: 4, status: 'revoked', endedAt: '2023-07-10T00:00:00.000Z' });
    const kept = keptProducts([expired, revoked, certificate('CB-2021-004')], START, AT);
    expect(kept).toMatchObject({ earlier: 3, kept: 1, share: 0.333 });
    expect(kept.lapsed).toEqual({
      count: 1,
      products: [
        {
          productId: 'CB-2020-002',
          productName: 'Sản phẩm CB-2020-002',
          certificateNumber: '002/2021/OCOP-CB',
          stars: 3,
          validUntil: '2023-09-01T00:00:00.000Z',
          endedAt: '2023-09-01T00:00:00.000Z',
        },
      ],
    });
    expect(kept.revoked).toMatchObject({ count: 1, products: [{ productId: 'CB-2021-003', stars: 4 }] });
  });

  it('counts as lapsed a certificate still marked active whose 36 months ran out before the report date', () => {
    const runOut = certificate('CB-2021-005', { validUntil: '2023-11-30T00:00:00.000Z' });
    expect(keptProducts([runOut], START, AT).lapsed).toMatchObject({
      count: 1,
      products: [{ productId: 'CB-2021-005', endedAt: '2023-11-30T00:00:00.000Z' }],
    });
  });

  it('leaves out certificates issued in the cycle, and those ended or run out before it started', () => {
    const ofTheCycle = certificate('CB-2023-0001', { decidedOn: '2023-10-01T00:00:00.000Z' });
    const revokedBefore = certificate('CB-2021-006', { status: 'revoked', endedAt: '2023-01-15T00:00:00.000Z' });
    const ranOutBefore = certificate('CB-2020-007', { validUntil: START });
    expect(keptProducts([ofTheCycle, revokedBefore, ranOutBefore], START, AT)).toMatchObject({
      earlier: 0,
      kept: 0,
      share: 1,
    });
  });

  it("counts a product once though the province's rating was superseded by the central one", () => {
    const provincial = certificate('CB-2021-008', { stars: 4, status: 'superseded' });
    const central = certificate('CB-2021-008', {
      number: '5/2021/OCOP-BNN',
      stars: 5,
      decidedOn: '2021-10-01T00:00:00.000Z',
      validUntil: '2024-10-01T00:00:00.000Z',
    });
    expect(keptProducts([provincial, central], START, AT)).toMatchObject({ earlier: 1, kept: 1 });
  });
});
