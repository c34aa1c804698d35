// Deadlines ahead: how many fall in the next 7 and 30 days, and the soonest, each opening its product.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { daysUntil, formatDateTime } from '../../format/dates';
import type { Dashboard } from './dashboard-data';
import { productColumn } from './columns';
import { Figures } from './Figures';

type Deadline = Dashboard['deadlines']['soonest'][number];

const column = createColumnHelper<Deadline>();
const WINDOWS = ['within7Days', 'within30Days'] as const;

/** A product's unit by name, from the dashboard's own figures by unit (which hold every unit of its products). */
function unitNamer(units: Dashboard['byDistrict']): (unit: string) => string {
  const names = new Map(units.map((unit) => [unit.unit, unit.name]));
  return (unit) => names.get(unit) ?? unit;
}

export function DeadlinesSection({
  deadlines,
  units,
}: {
  deadlines: Dashboard['deadlines'];
  units: Dashboard['byDistrict'];
}) {
  const { t } = useTranslation(['dashboard', 'domain', 'common']);
  const columns = useMemo(() => {
    const unitName = unitNamer(units);
    return [
      productColumn<Deadline>(t('column.product')),
      column.accessor('kind', {
        header: () => t('column.deadline'),
        cell: (cell) => t(`domain:deadlineKind.${cell.getValue()}`, { defaultValue: cell.getValue() }),
      }),
      column.accessor('unit', {
        header: () => t('column.unit'),
        cell: (cell) => {
          const unit = cell.getValue();
          return unit ? unitName(unit) : t('common:none');
        },
      }),
      column.accessor('dueAt', {
        header: () => t('column.due'),
        cell: (cell) => (
          <>
            {formatDateTime(cell.getValue())}
            <br />
            <span className="muted">{t('deadlines.inDays', { count: daysUntil(cell.getValue()) })}</span>
          </>
        ),
      }),
    ];
  }, [t, units]);
  return (
    <section aria-labelledby="dashboard-deadlines">
      <h2 id="dashboard-deadlines">{t('deadlines.title')}</h2>
      <Figures figures={WINDOWS.map((key) => ({ key, label: t(`deadlines.${key}`), value: deadlines[key] }))} />
      <h3>{t('deadlines.soonest')}</h3>
      <DataTable
        caption={t('deadlines.soonest')}
        data={deadlines.soonest}
        columns={columns}
        rowId={(deadline) => `${deadline.productId}-${deadline.kind}`}
      />
    </section>
  );
}
