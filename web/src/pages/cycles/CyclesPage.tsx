// Cycles: the list of a province's annual cycles and, for its coordinators, the form that starts one.
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { CycleList } from './CycleList';
import { useProvincesAllowed } from './grants';
import { StartCycleForm } from './StartCycleForm';
import './cycles.css';

export default function CyclesPage() {
  const { t } = useTranslation('cycles');
  const provinces = useProvincesAllowed('startCycle');
  return (
    <>
      <PageTitle title={t('title')} />
      <section aria-labelledby="cycles-list">
        <h2 id="cycles-list">{t('list.title')}</h2>
        <CycleList />
      </section>
      {provinces.length > 0 ? (
        <section aria-labelledby="cycles-start">
          <h2 id="cycles-start">{t('start.title')}</h2>
          <p className="muted">{t('start.intro')}</p>
          <StartCycleForm provinces={provinces} />
        </section>
      ) : null}
    </>
  );
}
