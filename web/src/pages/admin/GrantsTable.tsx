// The province's grants: who holds which role where and for how long, with a revoke on each grant that still counts
// (never one's own: the API refuses that, another admin must).
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../format/dates';
import { describeScope, validityOf, type Grant } from './scope';

const column = createColumnHelper<Grant>();

interface GrantsTableProps {
  grants: Grant[];
  now: Date;
  isOwn: (grant: Grant) => boolean;
  onRevoke: (grant: Grant) => void;
}

function ValidityCell({ grant, now }: { grant: Grant; now: Date }) {
  const { t } = useTranslation('admin');
  const validity = validityOf(grant, now);
  return (
    <>
      <strong>{t(`validity.${validity}`, { at: formatDateTime(grant.revokedAt) })}</strong>
      <br />
      {t('validity.period', {
        from: formatDateTime(grant.validFrom),
        until: grant.validUntil ? formatDateTime(grant.validUntil) : t('validity.noEnd'),
      })}
    </>
  );
}

export function GrantsTable({ grants, now, isOwn, onRevoke }: GrantsTableProps) {
  const { t } = useTranslation(['admin', 'domain']);
  const columns = useMemo(
    () => [
      column.accessor('subject', { header: () => t('grants.who') }),
      column.accessor('role', { header: () => t('grants.role'), cell: (c) => t(`domain:grantRole.${c.getValue()}`) }),
      column.accessor('scope', { header: () => t('grants.scope'), cell: (c) => describeScope(c.getValue(), t) }),
      column.accessor('validFrom', {
        header: () => t('grants.validity'),
        cell: ({ row }) => <ValidityCell grant={row.original} now={now} />,
      }),
      column.display({
        id: 'revoke',
        header: () => t('grants.actions'),
        cell: ({ row: { original: grant } }) => {
          if (grant.revokedAt !== null) return null;
          if (isOwn(grant)) return <span className="muted">{t('grants.own')}</span>;
          return (
            <button
              type="button"
              className="secondary"
              onClick={() => onRevoke(grant)}
              aria-label={t('revoke.buttonLabel', { id: grant.id, subject: grant.subject })}
            >
              {t('revoke.button')}
            </button>
          );
        },
      }),
    ],
    [t, now, isOwn, onRevoke],
  );
  return <DataTable caption={t('grants.caption')} data={grants} columns={columns} rowId={(grant) => grant.id} />;
}
