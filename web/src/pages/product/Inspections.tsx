// Post-inspections (hậu kiểm): each round's due date, when it was done and what it found.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { formatDate, formatDateTime } from '../../format/dates';
import type { InspectionRow } from './product-detail';

const column = createColumnHelper<InspectionRow>();

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The finding's own words: the ground of a proposed revocation (from the catalogue), what to correct or why it is
 * referred, or the grounds of a downgrade or a revocation recorded before inspectors stopped deciding them.
 */
function findingOf(t: Translate, details: InspectionRow['details']): string | null {
  const ground =
    typeof details.ground === 'string'
      ? t(`domain:revocationGround.${details.ground}`, { defaultValue: details.ground })
      : undefined;
  const words = [ground, details.findings, details.grounds].filter((value) => typeof value === 'string');
  return words.length ? words.join(' · ') : null;
}

function useColumns() {
  const { t } = useTranslation('product');
  return useMemo(
    () => [
      column.accessor('round', { header: t('inspections.round') }),
      column.accessor('dueAt', { header: t('inspections.due'), cell: (info) => formatDate(info.getValue()) }),
      column.accessor('inspectedAt', {
        header: t('inspections.done'),
        cell: (info) => formatDateTime(info.getValue()),
      }),
      column.accessor('outcome', {
        header: t('inspections.outcome'),
        cell: (info) => {
          const outcome = info.getValue();
          return outcome ? t(`inspections.outcomes.${outcome}`, { defaultValue: outcome }) : t('inspections.pending');
        },
      }),
      column.accessor((row) => findingOf(t, row.details), {
        id: 'finding',
        header: t('inspections.finding'),
        cell: (info) => info.getValue() ?? t('common:none'),
      }),
    ],
    [t],
  );
}

export function Inspections({ inspections }: { inspections: InspectionRow[] }) {
  const { t } = useTranslation('product');
  const columns = useColumns();
  return (
    <section aria-labelledby="inspections">
      <h2 id="inspections">{t('inspections.title')}</h2>
      {inspections.length ? (
        <DataTable
          caption={t('inspections.caption')}
          data={inspections}
          columns={columns}
          rowId={(row) => String(row.seq)}
        />
      ) : (
        <p className="muted">{t('inspections.none')}</p>
      )}
    </section>
  );
}
