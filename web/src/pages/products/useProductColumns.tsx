// The list's columns. Only the columns the API sorts by (domain/product-list's ProductSortKey) offer sorting, and
// their ids are those keys, so the table's sorting state is the API's sort parameter.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import { formatDateTime } from '../../format/dates';
import { unitName } from './units';

export type ProductRow = components['schemas']['ProductListItem'];

const column = createColumnHelper<ProductRow>();

export function useProductColumns() {
  const { t } = useTranslation(['products', 'domain', 'common']);
  return useMemo(() => {
    const none = t('common:none');
    return [
      column.accessor('name', {
        id: 'name',
        header: t('column.name'),
        cell: ({ row }) => (
          <Link to={`/products/${encodeURIComponent(row.original.productId)}`}>{row.original.name}</Link>
        ),
      }),
      column.accessor('cycleId', {
        header: t('column.cycle'),
        enableSorting: false,
        cell: ({ getValue }) => <span className="nowrap">{getValue()}</span>,
      }),
      column.accessor('group', {
        header: t('column.group'),
        enableSorting: false,
        cell: ({ getValue }) => t(`domain:group.${getValue()}`),
      }),
      column.accessor('subjectId', { header: t('column.subject'), enableSorting: false }),
      column.accessor('unit', {
        header: t('column.unit'),
        enableSorting: false,
        cell: ({ row, getValue }) => {
          const code = getValue();
          return code ? (unitName(row.original.province, code) ?? code) : none;
        },
      }),
      column.accessor('kind', {
        header: t('column.kind'),
        enableSorting: false,
        cell: ({ getValue }) => t(`domain:kind.${getValue()}`),
      }),
      column.accessor('stage', {
        id: 'stage',
        header: t('column.stage'),
        cell: ({ getValue }) => t(`domain:stage.${getValue()}`),
      }),
      column.accessor('level', {
        header: t('column.level'),
        enableSorting: false,
        cell: ({ getValue }) => {
          const level = getValue();
          return level ? t(`domain:level.${level}`) : none;
        },
      }),
      column.accessor('stars', {
        id: 'stars',
        header: t('column.stars'),
        cell: ({ getValue }) => {
          const stars = getValue();
          return stars ? t('domain:stars', { count: stars }) : none;
        },
      }),
      column.accessor('nextDeadline', {
        id: 'deadline',
        header: t('column.deadline'),
        cell: ({ getValue }) => <span className="nowrap">{formatDateTime(getValue())}</span>,
      }),
      column.accessor('updatedAt', {
        id: 'updated',
        header: t('column.updated'),
        cell: ({ getValue }) => <span className="nowrap">{formatDateTime(getValue())}</span>,
      }),
    ];
  }, [t]);
}
