// A deadline as offices write it, with how far off it is in words beside it.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/dates';
import { dueWords } from './due';

export function DueCell({ deadline, overdue, now }: { deadline: string | null; overdue: boolean; now: Date }) {
  const { t } = useTranslation('tasks');
  const words = dueWords({ deadline, overdue }, now);
  if (!deadline || !words) return <span className="muted">{t('due.none')}</span>;
  return (
    <span className={overdue ? 'due due-overdue' : 'due'}>
      <time dateTime={deadline}>{formatDateTime(deadline)}</time>
      <br />
      {overdue ? <strong>{t(words.key, { count: words.count })}</strong> : t(words.key, { count: words.count })}
    </span>
  );
}
