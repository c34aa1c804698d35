// What went wrong: products lapsed, deadlines passed while still open, and escalations sent; the latest of them.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import type { Dashboard } from './dashboard-data';
import { productColumn, whenColumn } from './columns';
import { Figures } from './Figures';

type Lapse = Dashboard['lapses']['recent'][number];

const column = createColumnHelper<Lapse>();
const FIGURES = ['lapsed', 'overdue', 'escalations'] as const;

export function LapsesSection({ lapses }: { lapses: Dashboard['lapses'] }) {
  const { t } = useTranslation(['dashboard', 'domain', 'common']);
  const columns = useMemo(
    () => [
      whenColumn<Lapse>(t('column.when')),
      productColumn<Lapse>(t('column.product')),
      column.accessor('kind', { header: () => t('column.what'), cell: (cell) => t(`lapses.kind.${cell.getValue()}`) }),
      column.accessor('detail', {
        header: () => t('column.detail'),
        // The kind of deadline that passed, when the API names one.
        cell: (cell) => {
          const detail = cell.getValue();
          return detail ? t(`domain:deadlineKind.${detail}`, { defaultValue: detail }) : t('common:none');
        },
      }),
    ],
    [t],
  );
  return (
    <section aria-labelledby="dashboard-lapses">
      <h2 id="dashboard-lapses">{t('lapses.title')}</h2>
      <Figures figures={FIGURES.map((key) => ({ key, label: t(`lapses.${key}`), value: lapses[key] }))} />
      <h3>{t('lapses.recent')}</h3>
      <DataTable
        caption={t('lapses.recent')}
        data={lapses.recent}
        columns={columns}
        rowId={(lapse) => `${lapse.productId}-${lapse.kind}-${lapse.at}`}
      />
    </section>
  );
}
