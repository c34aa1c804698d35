import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section>
      <PageTitle title={t('notFound.title')} />
      <Link to="/">{t('notFound.back')}</Link>
    </section>
  );
}
