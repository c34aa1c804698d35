// What the product waits for and until when, counted in Vietnam's calendar days so "today" is the office's today.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { daysUntil, formatDateTime } from '../../format/dates';
import { Facts } from './Facts';
import type { ProductDetail } from './product-detail';

type Deadline = NonNullable<ProductDetail['state']['deadline']>;

function daysLeft(t: TFunction, dueAt: string) {
  const days = daysUntil(dueAt);
  if (days < 0) return <span className="overdue">{t('deadline.overdue', { count: -days })}</span>;
  return days === 0 ? t('deadline.today') : t('deadline.left', { count: days });
}

function kindOf(t: TFunction, deadline: Deadline): string {
  const kind = t(`domain:deadlineKind.${deadline.kind}`);
  return deadline.level ? `${kind} · ${t(`domain:level.${deadline.level}`)}` : kind;
}

export function NextDeadline({ deadline }: { deadline: Deadline | null }) {
  const { t } = useTranslation('product');
  return (
    <section aria-labelledby="next-deadline">
      <h2 id="next-deadline">{t('deadline.title')}</h2>
      {deadline ? (
        <Facts
          facts={[
            [t('deadline.kind'), kindOf(t, deadline)],
            [t('deadline.due'), formatDateTime(deadline.dueAt)],
            [t('deadline.daysLeft'), daysLeft(t, deadline.dueAt)],
          ]}
        />
      ) : (
        <p className="muted">{t('deadline.none')}</p>
      )}
    </section>
  );
}
