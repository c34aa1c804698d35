// The latest actions on the cycle's products: who, in which role, when (Vietnam's time), and where it left the product.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { actionLabel } from '../product/Timeline';
import { productColumn, whenColumn } from './columns';
import type { Dashboard } from './dashboard-data';

type Activity = Dashboard['recent'][number];

const column = createColumnHelper<Activity>();

export function RecentActivity({ recent }: { recent: Dashboard['recent'] }) {
  const { t } = useTranslation(['dashboard', 'domain', 'common', 'product']);
  const columns = useMemo(
    () => [
      whenColumn<Activity>(t('column.when')),
      productColumn<Activity>(t('column.product')),
      column.accessor('action', {
        header: () => t('column.action'),
        cell: (cell) => actionLabel(t, cell.getValue()),
      }),
      column.accessor('actorName', {
        header: () => t('column.who'),
        cell: ({ row }) => (
          <>
            {row.original.actorName ?? t('common:none')}
            <br />
            <span className="muted">
              {t(`domain:role.${row.original.actorRole}`, { defaultValue: row.original.actorRole })}
            </span>
          </>
        ),
      }),
      column.accessor('stageTo', {
        header: () => t('column.stageTo'),
        cell: (cell) => t(`domain:stage.${cell.getValue()}`, { defaultValue: cell.getValue() }),
      }),
    ],
    [t],
  );
  return (
    <section aria-labelledby="dashboard-recent">
      <h2 id="dashboard-recent">{t('recent.title')}</h2>
      <DataTable
        caption={t('recent.title')}
        data={recent}
        columns={columns}
        rowId={(activity) => `${activity.productId}-${activity.at}-${activity.action}`}
      />
    </section>
  );
}
