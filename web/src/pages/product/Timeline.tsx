// Every step of the product's story, oldest first: what happened, who did it, in which role and under which grant,
// and when in Vietnam's time. The system's own steps (a deadline lapsing, a stage being entered) name no person.
import { createColumnHelper } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../format/dates';
import { ENGINE_ACTOR_ID } from '../../../../domain/schemas';
import type { TimelineEntry } from './product-detail';

const column = createColumnHelper<TimelineEntry>();

/** `enter:EVALUATION` and `close:NOT_RANKED` are the workflow's own steps; the rest are actions by name. */
export function actionLabel(t: TFunction, action: string): string {
  const [kind, stage] = action.split(':');
  if ((kind === 'enter' || kind === 'close') && stage) {
    return t(`product:timeline.${kind}`, { stage: t(`domain:stage.${stage}`, { defaultValue: stage }) });
  }
  return t(`domain:action.${action}`, { defaultValue: action });
}

function grantLabel(t: TFunction, grant: TimelineEntry['actor']['grant']): string {
  if (!grant) return t('common:none');
  const scope = [grant.province, grant.unit, grant.level ? t(`domain:level.${grant.level}`) : null];
  return `${t(`domain:grantRole.${grant.role}`, { defaultValue: grant.role })} · ${scope.filter(Boolean).join(' · ')}`;
}

function useColumns() {
  const { t } = useTranslation('product');
  return useMemo(
    () => [
      column.accessor('at', { header: t('timeline.at'), cell: (info) => formatDateTime(info.getValue()) }),
      column.accessor('action', { header: t('timeline.action'), cell: (info) => actionLabel(t, info.getValue()) }),
      column.accessor(
        (entry) =>
          entry.actor.id === ENGINE_ACTOR_ID ? t('domain:role.system') : (entry.actor.name ?? entry.actor.id),
        { id: 'who', header: t('timeline.who') },
      ),
      // The engine's own steps (lapse, expiry) carry a coordinator's role for the workflow's checks; people read "system".
      column.accessor((entry) => (entry.actor.id === ENGINE_ACTOR_ID ? 'system' : entry.actor.role), {
        id: 'role',
        header: t('timeline.role'),
        cell: (info) => t(`domain:role.${info.getValue()}`, { defaultValue: info.getValue() }),
      }),
      column.accessor((entry) => entry.actor.grant, {
        id: 'grant',
        header: t('timeline.grant'),
        cell: (info) => grantLabel(t, info.getValue()),
      }),
      column.accessor('stageTo', {
        header: t('timeline.stage'),
        cell: (info) => t(`domain:stage.${info.getValue()}`, { defaultValue: info.getValue() }),
      }),
    ],
    [t],
  );
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation('product');
  const columns = useColumns();
  return (
    <section className="timeline" aria-labelledby="timeline">
      <h2 id="timeline">{t('timeline.title')}</h2>
      <DataTable
        caption={t('timeline.caption')}
        data={entries}
        columns={columns}
        rowId={(entry) => String(entry.seq)}
      />
    </section>
  );
}
