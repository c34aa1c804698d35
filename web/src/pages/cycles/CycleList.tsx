// The cycles of the provinces the person may see, newest first, each opening its dashboard.
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format/dates';

type CycleSummary = paths['/v1/cycles']['get']['responses'][200]['content']['application/json'][number];

// The list's calendar dates, where the API gives them: /v1/cycles names each cycle's phase but not (yet) its dates.
const Dates = z.object({ calendar: z.object({ registrationOpens: z.string(), cycleEnds: z.string() }) });
const datesOf = (cycle: CycleSummary) => Dates.safeParse(cycle).data?.calendar;

const column = createColumnHelper<CycleSummary>();

export function CycleList() {
  const { t } = useTranslation(['cycles', 'domain', 'common']);
  const cycles = useQuery({ queryKey: ['cycles'], queryFn: () => unwrap(api.GET('/v1/cycles')) });
  const columns = useMemo(
    () => [
      column.accessor('cycleId', {
        header: () => t('column.cycle'),
        cell: (cell) => <Link to={`/cycles/${cell.getValue()}`}>{cell.getValue()}</Link>,
      }),
      column.accessor('province', { header: () => t('column.province') }),
      column.accessor('year', { header: () => t('column.year') }),
      column.accessor('phase', {
        header: () => t('column.phase'),
        cell: (cell) => t(`domain:phase.${cell.getValue()}`, { defaultValue: cell.getValue() }),
      }),
      column.accessor('ruleSetId', {
        header: () => t('column.ruleSet'),
        cell: (cell) => t(`ruleSet.${cell.getValue()}`, { defaultValue: cell.getValue() }),
      }),
      column.accessor(datesOf, {
        id: 'dates',
        header: () => t('column.dates'),
        cell: (cell) => {
          const dates = cell.getValue();
          return dates
            ? t('dates', { from: formatDate(dates.registrationOpens), to: formatDate(dates.cycleEnds) })
            : t('common:none');
        },
      }),
    ],
    [t],
  );
  if (cycles.isPending) return <Loading />;
  if (cycles.error) return <ProblemAlert error={cycles.error} />;
  return (
    <DataTable caption={t('list.caption')} data={cycles.data} columns={columns} rowId={(cycle) => cycle.cycleId} />
  );
}
