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
    ],
  };
}
