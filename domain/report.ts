// A cycle's progress against its plan: the figures come from the read model,
// the comparison with the targets is a rule of its own.
import type { CycleTargets } from './cycle';

export interface CycleFigures {
  cycleId: string;
  registered: number;
  byStage: Record<string, number>;
  /** Certified products by their current stars. */
  byStars: Record<string, number>;
  byGroup: Record<string, { registered: number; certified: number }>;
  subjects: { total: number; byType: Record<string, number> };
  /** Certified in this cycle, by application kind and stars. */
  newThreeStarsOrMore: number;
  fourStarsOrMore: number;
  fiveStars: number;
  /**
   * Re-evaluations (đánh giá lại) of products already ranked whose outcome is known: certified again, or closed
   * without a certificate (not ranked, rejected, withdrawn, lapsed). Those still under way are left out.
   */
  reEvaluationsDecided: number;
  /** Of those, the ones certified again, at 3 stars or more. */
  reEvaluationsKept: number;
}

export interface TargetLine {
  target: keyof CycleTargets;
  label: string;
  goal: number;
  actual: number;
  met: boolean;
}

export interface CycleReport extends CycleFigures {
  targets: TargetLine[];
  generatedAt: string;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

/**
 * The share of decided re-evaluations that kept their rank. The target counts
 * losses: while no re-evaluation is decided, no ranked product has been lost,
 * so the share is 1 and "every product already ranked kept" is met. Upgrades
 * are left out: one that fails leaves the product its certificate.
 */
function rankedKeptShare(figures: Pick<CycleFigures, 'reEvaluationsDecided' | 'reEvaluationsKept'>): number {
  return figures.reEvaluationsDecided === 0 ? 1 : share(figures.reEvaluationsKept, figures.reEvaluationsDecided);
}

export function compareWithTargets(figures: CycleFigures, targets: CycleTargets, generatedAt: string): CycleReport {
  const { byType, total } = figures.subjects;
  const line = (target: keyof CycleTargets, label: string, actual: number): TargetLine => ({
    target,
    label,
    goal: targets[target],
    actual,
    met: actual >= targets[target],
  });
  return {
    ...figures,
    generatedAt,
    targets: [
      line('newProductsThreeStarsOrMore', 'new products at 3 stars or more', figures.newThreeStarsOrMore),
      line('productsFourStarsOrMore', 'products at 4 stars or more', figures.fourStarsOrMore),
      line('productsFiveStars', 'products at 5 stars', figures.fiveStars),
      line('cooperativeShare', 'share of cooperatives among subjects', share(byType.cooperative ?? 0, total)),
      line('smeShare', 'share of small and medium enterprises among subjects', share(byType.enterprise ?? 0, total)),
      line(
        'rankedProductsKeptShare',
        'share of re-evaluated products that kept 3 stars or more',
        rankedKeptShare(figures),
      ),
    ],
  };
}
