// The cycle in a few numbers: products registered, subjects, products certified, and registrations by kind.
import { useTranslation } from 'react-i18next';
import { ApplicationKind } from '../../../../domain/schemas';
import type { Dashboard } from './dashboard-data';
import { Figures } from './Figures';

export function SummaryFigures({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation(['dashboard', 'domain']);
  const { report, byKind } = dashboard;
  const certified = Object.values(report.byStars).reduce((sum, count) => sum + count, 0);
  const figures = [
    { key: 'registered', label: t('summary.registered'), value: report.registered },
    { key: 'subjects', label: t('summary.subjects'), value: report.subjects.total },
    { key: 'certified', label: t('summary.certified'), value: certified },
    ...ApplicationKind.options.map((kind) => ({
      key: kind,
      label: t('summary.kind', { kind: t(`domain:kind.${kind}`) }),
      value: byKind[kind] ?? 0,
    })),
  ];
  return <Figures figures={figures} className="summary" />;
}
