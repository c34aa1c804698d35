// The cycle's recognition decisions as they are announced: number, date, authority, level and how many products
// each recognises, with its public list and its CSV for the national OCOP system (neither needs a token).
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { formatDate } from '../../format/dates';
import type { DecisionSummary } from './useDecisions';

const column = createColumnHelper<DecisionSummary>();

const exportPath = (decisionId: string) => `/v1/recognition-decisions/${encodeURIComponent(decisionId)}/export.csv`;

export function DecisionList({ decisions }: { decisions: DecisionSummary[] }) {
  const { t } = useTranslation('decisions');
  const columns = useMemo(
    () => [
      column.accessor('number', { header: t('list.number') }),
      column.accessor('decidedOn', { header: t('list.decidedOn'), cell: (info) => formatDate(info.getValue()) }),
      column.accessor('authority', { header: t('list.authority') }),
      column.accessor('level', {
        header: t('list.level'),
        cell: (info) => t(`domain:level.${info.getValue()}`, { defaultValue: info.getValue() }),
      }),
      column.accessor('products', { header: t('list.products') }),
      column.display({
        id: 'export',
        header: t('list.export'),
        cell: ({ row }) => (
          <a href={exportPath(row.original.decisionId)} download>
            {t('list.csv', { number: row.original.number })}
          </a>
        ),
      }),
    ],
    [t],
  );
  if (decisions.length === 0) return <p className="muted">{t('list.none')}</p>;
  return <DataTable caption={t('list.caption')} data={decisions} columns={columns} rowId={(row) => row.decisionId} />;
}
