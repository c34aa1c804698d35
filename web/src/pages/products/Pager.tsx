// Previous and next page, which rows are shown and how many products the filter matches in all. The API pages by
// cursor, so pages are reached one after another, never by number.
import { useTranslation } from 'react-i18next';

interface PagerProps {
  page: number;
  shown: number;
  /** Every product the filter matches, on all pages. */
  total: number;
  pageSize: number;
  busy: boolean;
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
}

export function Pager({ page, shown, total, pageSize, busy, onPrevious, onNext }: PagerProps) {
  const { t } = useTranslation(['products', 'common']);
  const from = (page - 1) * pageSize + 1;
  return (
    <nav className="pager" aria-label={t('list.pagination')}>
      <button type="button" className="secondary" disabled={!onPrevious} onClick={onPrevious}>
        {t('common:table.previous')}
      </button>
      <p role="status">
        {busy
          ? t('list.updating')
          : shown === 0
            ? t('list.none')
            : t('list.range', { page, from, to: from + shown - 1, total: t('list.total', { count: total }) })}
      </p>
      <button type="button" className="secondary" disabled={!onNext} onClick={onNext}>
        {t('common:table.next')}
      </button>
    </nav>
  );
}
