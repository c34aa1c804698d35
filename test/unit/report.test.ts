// A cycle's figures beside its plan's targets: Cao Bằng's 2023 plan
// (Kế hoạch 1070/KH-UBND), whose last target is that every product already
// ranked keeps its rank when it is re-evaluated.
import { CycleTargets } from '../../domain/cycle';
import { compareWithTargets, type CycleFigures } from '../../domain/report';

const CAO_BANG_2023 = CycleTargets.parse({
  newProductsThreeStarsOrMore: 30,
  productsFourStarsOrMore: 2,
  cooperativeShare: 0.4,
  smeShare: 0.3,
  rankedProductsKeptShare: 1,
});

/** Cao Bằng's published 2023 outcome: 68 certified, 4 at 4 stars; 61 new and 7 re-evaluated. */
function figures(more: Partial<CycleFigures> = {}): CycleFigures {
  return {
    cycleId: 'CB-2023',
    registered: 75,
    byStage: { POST_INSPECTION: 68, NOT_RANKED: 7 },
    byStars: { '3': 64, '4': 4 },
    byGroup: {},
    subjects: { total: 50, byType: { cooperative: 25, enterprise: 15, household: 10 } },
    newThreeStarsOrMore: 61,
    fourStarsOrMore: 4,
    fiveStars: 0,
    reEvaluationsDecided: 7,
    reEvaluationsKept: 7,
    ...more,
  };
}

const kept = (report: ReturnType<typeof compareWithTargets>) =>
  report.targets.find((t) => t.target === 'rankedProductsKeptShare');

describe("a cycle's report against its plan", () => {
  it('puts every target of the plan beside its actual figure, in the order of the plan', () => {
    const report = compareWithTargets(figures(), CAO_BANG_2023, '2023-12-31T00:00:00.000Z');
    expect(report.targets.map(({ target, goal, actual, met }) => [target, goal, actual, met])).toEqual([
      ['newProductsThreeStarsOrMore', 30, 61, true],
      ['productsFourStarsOrMore', 2, 4, true],
      ['productsFiveStars', 0, 0, true],
      ['cooperativeShare', 0.4, 0.5, true],
      ['smeShare', 0.3, 0.3, true],
      ['rankedProductsKeptShare', 1, 1, true],
    ]);
  });

  it('misses "every product already ranked kept" when one re-evaluation of seven lost its rank', () => {
    const report = compareWithTargets(figures({ reEvaluationsKept: 6 }), CAO_BANG_2023, '2023-12-31T00:00:00.000Z');
    expect(kept(report)).toEqual({
      target: 'rankedProductsKeptShare',
      label: 'share of re-evaluated products that kept 3 stars or more',
      goal: 1,
      actual: 0.857,
      met: false,
    });
  });

  it('counts nothing lost while no re-evaluation is decided, so the target is met', () => {
    const report = compareWithTargets(
      figures({ reEvaluationsDecided: 0, reEvaluationsKept: 0 }),
      CAO_BANG_2023,
      '2023-03-01T00:00:00.000Z',
    );
    expect(kept(report)).toMatchObject({ goal: 1, actual: 1, met: true });
  });

  it('leaves the target unset (0) for a plan that does not name it, as cycles started before it did', () => {
    const earlier = CycleTargets.parse({ newProductsThreeStarsOrMore: 30 });
    expect(earlier.rankedProductsKeptShare).toBe(0);
    const report = compareWithTargets(figures({ reEvaluationsKept: 0 }), earlier, '2023-12-31T00:00:00.000Z');
    expect(kept(report)).toMatchObject({ goal: 0, actual: 0, met: true });
  });

  it('refuses a share above 1', () => {
    expect(CycleTargets.safeParse({ ...CAO_BANG_2023, rankedProductsKeptShare: 1.5 }).success).toBe(false);
  });
});
