// A rating in words ("4 sao"), with the stars drawn beside it for the eye only: the number is never in the colour
// or the glyphs alone.
import { useTranslation } from 'react-i18next';

export function Stars({ count }: { count: number | null }) {
  const { t } = useTranslation('product');
  if (count === null) return <>{t('common:none')}</>;
  return (
    <>
      <span aria-hidden="true" className="stars">
        {'★'.repeat(count)}
      </span>{' '}
      {t('domain:stars', { count })}
    </>
  );
}
