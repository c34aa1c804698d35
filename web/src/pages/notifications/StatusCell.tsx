// A delivery's status in words: a failure says so in bold with its attempts and the receiver's answer, so it stands
// out without relying on colour.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/dates';
import type { Delivery } from './useOutbox';

export function StatusCell({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation('notifications');
  if (delivery.status === 'sent') return <span>{t('status.sentAt', { at: formatDateTime(delivery.sentAt) })}</span>;
  if (delivery.status === 'pending') return <span>{t('status.pending')}</span>;
  return (
    <span className="delivery-failed">
      <strong>
        <span aria-hidden="true">⚠ </span>
        {t('status.failed')}
      </strong>{' '}
      {t('status.attempts', { count: delivery.attempts })}
      {delivery.permanent ? <> · {t('status.permanent')}</> : null}
      {delivery.lastError ? <span className="delivery-error">{delivery.lastError}</span> : null}
    </span>
  );
}
