// The province's outbox: every notification line by recipient and channel, newest first; the failed ones say so in
// words and can be sent again, one or all at once, by the worker (the API holds no mail or webhook secret).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/SessionProvider';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { MoreButton } from './MoreButton';
import { OutboxTable } from './OutboxTable';
import { RetryResult } from './RetryResult';
import { useFailedCount, useOutbox, useRetry, type Delivery, type DeliveryStatus } from './useOutbox';
import './notifications.css';

const STATUSES: readonly DeliveryStatus[] = ['failed', 'pending', 'sent'];

function useStatusFilter(): [DeliveryStatus | undefined, (status: string) => void] {
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status'));
  const choose = (next: string) => setParams(next ? { status: next } : {}, { replace: true });
  return [status, choose];
}

function FailedSummary({ retry }: { retry: ReturnType<typeof useRetry> }) {
  const { t } = useTranslation('notifications');
  const failed = useFailedCount();
  const count = failed.data ? t(failed.data.more ? 'failed.countMore' : 'failed.count', failed.data) : null;
  return (
    <section aria-labelledby="failed-heading">
      <h2 id="failed-heading">{t('failed.title')}</h2>
      {failed.isPending ? <Loading /> : <p>{count}</p>}
      <ProblemAlert error={failed.error} />
      <button
        type="button"
        disabled={retry.isPending || failed.data?.count === 0}
        onClick={() => retry.mutate('all-failed')}
      >
        {retry.isPending ? t('retry.running') : t('retry.all')}
      </button>
    </section>
  );
}

function Outbox() {
  const { t } = useTranslation('notifications');
  const [status, setStatus] = useStatusFilter();
  const outbox = useOutbox(status);
  const retry = useRetry();
  const { mutate } = retry;
  const onRetry = useCallback((delivery: Delivery) => mutate({ id: delivery.id }), [mutate]);
  const deliveries = outbox.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <RetryResult answer={retry.data} error={retry.error} />
      <FailedSummary retry={retry} />
      <section aria-labelledby="outbox-heading" className="outbox">
        <h2 id="outbox-heading">{t('outbox.title')}</h2>
        <div className="form-row outbox-filter">
          <Field label={t('outbox.statusFilter')}>
            <select value={status ?? ''} onChange={(event) => setStatus(event.target.value)}>
              <option value="">{t('outbox.allStatuses')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {outbox.isPending ? <Loading /> : null}
        <ProblemAlert error={outbox.error} />
        {outbox.data ? (
          <OutboxTable
            caption={t('outbox.caption')}
            deliveries={deliveries}
            onRetry={onRetry}
            retrying={retry.isPending}
          />
        ) : null}
        <MoreButton pages={outbox} label={t('outbox.more')} loadingLabel={t('outbox.loadingMore')} />
      </section>
    </>
  );
}

/** Only a coordinator manages the outbox (domain/access.ts); anyone else reaching this address is told so. */
export default function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const { grantsOf } = useSession();
  return (
    <>
      <PageTitle title={t('title')}>
        <p className="muted">{t('intro')}</p>
      </PageTitle>
      {grantsOf('coordinator').length > 0 ? <Outbox /> : <p role="alert">{t('notCoordinator')}</p>}
    </>
  );
}
