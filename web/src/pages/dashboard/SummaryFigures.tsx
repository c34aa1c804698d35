// The cycle in a few numbers: products registered, subjects, products certified in this cycle (whatever became of
// their certificates since), the province's certificates active today, the products ranked before the cycle that
// are still ranked (the plan's "duy trì" target), and registrations by kind. Each figure has its own name, so none
// is read for another: a revoked certificate counts as certified in its cycle, never as active.
import { useTranslation } from 'react-i18next';
import { ApplicationKind } from '../../../../domain/schemas';
import { formatDate } from '../../format/dates';
import type { Dashboard } from './dashboard-data';
import { Figures } from './Figures';

export function SummaryFigures({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation(['dashboard', 'domain']);
  const { report, byKind } = dashboard;
  const { certifiedInCycle, activeAt, keptProducts } = report;
  const figures = [
    { key: 'registered', label: t('summary.registered'), value: report.registered },
    { key: 'subjects', label: t('summary.subjects'), value: report.subjects.total },
    { key: 'certified', label: t('summary.certified'), value: certifiedInCycle.total },
    { key: 'active', label: t('summary.active', { date: formatDate(activeAt.at) }), value: activeAt.total },
    { key: 'kept', label: t('summary.kept', { earlier: keptProducts.earlier }), value: keptProducts.kept },
    ...ApplicationKind.options.map((kind) => ({
      key: kind,
      label: t('summary.kind', { kind: t(`domain:kind.${kind}`) }),
      value: byKind[kind] ?? 0,
    })),
  ];
  return <Figures figures={figures} className="summary" />;
}
