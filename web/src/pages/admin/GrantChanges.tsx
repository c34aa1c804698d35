// The audit of grant changes: when, given or revoked, which grant (as the change recorded it), by whom under which
// of their grants, and why.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { GrantRole, GrantScope } from '../../../../domain/access';
import type { components } from '../../api/schema';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../format/dates';
import { describeScope } from './scope';

type GrantChange = components['schemas']['GrantChange'];

/** What the change recorded of the grant; an older or foreign record that says less shows the grant's id only. */
const Recorded = z.object({ subject: z.string(), role: GrantRole, scope: GrantScope });

const column = createColumnHelper<GrantChange>();

function GrantCell({ change }: { change: GrantChange }) {
  const { t } = useTranslation(['admin', 'domain']);
  const recorded = Recorded.safeParse(change.details);
  return (
    <>
      {t('changes.grantId', { id: change.grantId })}
      {recorded.success ? (
        <>
          <br />
          {recorded.data.subject} · {t(`domain:grantRole.${recorded.data.role}`)}
          <br />
          <span className="muted">{describeScope(recorded.data.scope, t)}</span>
        </>
      ) : null}
    </>
  );
}

export function GrantChangesTable({ changes }: { changes: GrantChange[] }) {
  const { t } = useTranslation(['admin', 'common']);
  const columns = useMemo(
    () => [
      column.accessor('at', { header: () => t('changes.at'), cell: (c) => formatDateTime(c.getValue()) }),
      column.accessor('change', { header: () => t('changes.change'), cell: (c) => t(`changes.kind.${c.getValue()}`) }),
      column.accessor('grantId', {
        header: () => t('changes.grant'),
        cell: ({ row }) => <GrantCell change={row.original} />,
      }),
      column.accessor('by', {
        header: () => t('changes.by'),
        cell: ({ row: { original: change } }) =>
          change.by.grantId
            ? t('changes.byUnder', { subject: change.by.subject, grantId: change.by.grantId })
            : change.by.subject,
      }),
      column.accessor('reason', { header: () => t('changes.reason'), cell: (c) => c.getValue() ?? t('common:none') }),
    ],
    [t],
  );
  return <DataTable caption={t('changes.caption')} data={changes} columns={columns} rowId={(change) => change.id} />;
}
