// The outbox as a table: when, what, to whom and how it went, with a retry on each failed line.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../format/dates';
import { StatusCell } from './StatusCell';
import type { Delivery } from './useOutbox';

const column = createColumnHelper<Delivery>();

interface OutboxTableProps {
  caption: string;
  deliveries: Delivery[];
  onRetry: (delivery: Delivery) => void;
  retrying: boolean;
}

export function OutboxTable({ caption, deliveries, onRetry, retrying }: OutboxTableProps) {
  const { t } = useTranslation(['notifications', 'domain', 'common']);
  const columns = useMemo(
    () => [
      column.accessor('createdAt', { header: () => t('column.createdAt'), cell: (c) => formatDateTime(c.getValue()) }),
      column.accessor('template', {
        header: () => t('column.template'),
        cell: ({ row: { original: d } }) => (
          <>
            {t(`template.${d.template}`, { defaultValue: d.template })}
            {d.productId ? (
              <>
                <br />
                <Link to={`/products/${d.productId}`}>{d.productId}</Link>
              </>
            ) : null}
          </>
        ),
      }),
      column.accessor('recipient', {
        header: () => t('column.recipient'),
        cell: ({ row: { original: d } }) => (
          <>
            <span className="recipient">{d.recipient}</span>
            <br />
            <span className="muted">
              {t(`domain:role.${d.role}`)}
              {d.level ? ` · ${t(`domain:level.${d.level}`)}` : ''}
            </span>
          </>
        ),
      }),
      column.accessor('channel', { header: () => t('column.channel'), cell: (c) => t(`channel.${c.getValue()}`) }),
      column.accessor('status', {
        header: () => t('column.status'),
        cell: ({ row }) => <StatusCell delivery={row.original} />,
      }),
      column.display({
        id: 'retry',
        header: () => t('column.actions'),
        cell: ({ row: { original: d } }) =>
          d.status === 'failed' ? (
            <button
              type="button"
              className="secondary"
              disabled={retrying}
              onClick={() => onRetry(d)}
              aria-label={t('retry.oneLabel', { id: d.id, recipient: d.recipient })}
            >
              {t('retry.one')}
            </button>
          ) : null,
      }),
    ],
    [t, onRetry, retrying],
  );
  return <DataTable caption={caption} data={deliveries} columns={columns} rowId={(d) => d.id} />;
}
