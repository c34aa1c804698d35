// A cycle's dashboard: its calendar, the plan's targets beside the actual figures, where its products stand,
// the deadlines ahead, lapses and escalations, and the latest activity. The figures come in one request the
// API aggregates, so the page is as quick for 10,000 products as for ten. Opened directly, the request starts
// before this page's code has arrived (app/prefetch.ts).
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import DashboardBody from './DashboardBody';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format/dates';
import { useProvincesAllowed } from '../cycles/grants';
import { dashboardQuery, fetchCycle, headerOf } from './dashboard-data';
import './dashboard.css';

export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const cycleId = useParams().cycleId ?? '';
  // A cycle id begins with its province's code; only what the grants there allow is asked for.
  const province = cycleId.split('-')[0] ?? '';
  const mayViewCycle = useProvincesAllowed('viewCycle').includes(province);
  // The dashboard is the staff's, as the API has it: a grant that sees the cycle and one that lists its products.
  const mayListProducts = useProvincesAllowed('listProducts').includes(province);
  const mayViewFigures = mayViewCycle && mayListProducts;
  // The figures carry the phase and calendar; the cycle's state (a query to its workflow) only for whoever sees no figures.
  const cycle = useQuery({
    queryKey: ['cycle', cycleId],
    queryFn: () => fetchCycle(cycleId),
    enabled: mayViewCycle && !mayViewFigures,
  });
  const dashboard = useQuery({ ...dashboardQuery(cycleId), enabled: mayViewFigures });
  // The page is ready, for the bench and the tests, once its figures are shown with every chart drawn.
  const [drawn, setDrawn] = useState(false);
  const onDrawn = useCallback(() => setDrawn(true), []);
  const data = dashboard.data;
  return (
    <div className="dashboard" data-testid="dashboard" data-ready={drawn ? 'true' : undefined}>
      <PageTitle title={t('title', { cycleId })}>
        {data ? <p className="muted">{t('generatedAt', { date: formatDateTime(data.generatedAt) })}</p> : null}
      </PageTitle>
      <ProblemAlert error={cycle.error} />
      {!mayViewFigures ? <p className="muted">{t('noFigures')}</p> : null}
      <ProblemAlert error={dashboard.error} />
      {mayViewFigures && dashboard.isPending ? <Loading /> : null}
      {cycle.data || data ? (
        <DashboardBody cycle={data ? headerOf(data) : cycle.data} dashboard={data} onDrawn={onDrawn} />
      ) : null}
    </div>
  );
}
