// One group of tasks as a table: when it is due first (what a phone shows without scrolling), then which product,
// what it waits for and where it stands.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unitsAtLevel } from '../../../../domain/units';
import type { components } from '../../api/schema';
import { DataTable } from '../../components/DataTable';
import { DueCell } from './DueCell';

export type Task = components['schemas']['Task'];

/** A unit's name: 3-digit codes are districts, 5-digit ones communes (domain/units.ts). */
function unitLabel(task: Task): string | null {
  if (!task.unit) return null;
  const province = task.cycleId.split('-')[0] ?? '';
  const level = task.unit.length === 3 ? 'district' : 'commune';
  return unitsAtLevel(province, level).find((unit) => unit.code === task.unit)?.name ?? task.unit;
}

const column = createColumnHelper<Task>();

export function TaskTable({ caption, tasks, now }: { caption: string; tasks: Task[]; now: Date }) {
  const { t } = useTranslation(['tasks', 'domain', 'common']);
  const columns = useMemo(
    () => [
      column.accessor('deadline', {
        header: () => t('column.due'),
        cell: ({ row }) => <DueCell deadline={row.original.deadline} overdue={row.original.overdue} now={now} />,
      }),
      column.accessor('name', {
        header: () => t('column.product'),
        cell: ({ row }) => (
          <>
            <Link to={`/products/${row.original.productId}`}>{row.original.name}</Link>
            <br />
            <span className="muted">{row.original.productId}</span>
          </>
        ),
      }),
      column.accessor('action', { header: () => t('column.action'), cell: (c) => t(`domain:action.${c.getValue()}`) }),
      column.accessor('stage', { header: () => t('column.stage'), cell: (c) => t(`domain:stage.${c.getValue()}`) }),
      column.accessor('level', {
        header: () => t('column.level'),
        cell: (c) => (c.getValue() ? t(`domain:level.${c.getValue()}`) : t('common:none')),
      }),
      column.accessor(unitLabel, {
        id: 'unit',
        header: () => t('column.unit'),
        cell: (c) => c.getValue() ?? t('common:none'),
      }),
    ],
    [t, now],
  );
  return (
    <DataTable caption={caption} data={tasks} columns={columns} rowId={(task) => `${task.productId}-${task.action}`} />
  );
}
