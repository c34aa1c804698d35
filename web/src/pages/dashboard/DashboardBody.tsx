// Everything the dashboard shows below its title.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { RecognitionDecisions } from '../decisions/RecognitionDecisions';
import { CycleCalendar } from './CycleCalendar';
import type { CycleHeader, Dashboard } from './dashboard-data';
import { DeadlinesSection } from './DeadlinesSection';
import { LapsesSection } from './LapsesSection';
import { ProductCharts } from './ProductCharts';
import { RecentActivity } from './RecentActivity';
import { SummaryFigures } from './SummaryFigures';
import { TargetsSection } from './TargetsSection';

interface DashboardBodyProps {
  cycle?: CycleHeader;
  dashboard?: Dashboard;
  /** Called once the figures are shown, every chart drawn. */
  onDrawn: () => void;
}

export default function DashboardBody({ cycle, dashboard, onDrawn }: DashboardBodyProps) {
  const { t } = useTranslation('dashboard');
  // Chart.js draws a chart whole as it creates it, in an effect of the chart's component (components/Chart), and
  // React runs a component's effects after its children's: by this one, every chart of the figures is drawn.
  useEffect(() => {
    if (dashboard) onDrawn();
  }, [dashboard, onDrawn]);
  return (
    <>
      {cycle ? <CycleCalendar cycle={cycle} /> : null}
      {dashboard ? (
        <>
          {dashboard.wholeProvince ? null : <p className="muted">{t('partial')}</p>}
          <SummaryFigures dashboard={dashboard} />
          <TargetsSection report={dashboard.report} />
          {cycle ? <RecognitionDecisions cycleId={cycle.cycleId} province={cycle.province} /> : null}
          <ProductCharts dashboard={dashboard} />
          <DeadlinesSection deadlines={dashboard.deadlines} units={dashboard.byDistrict} />
          <LapsesSection lapses={dashboard.lapses} />
          <RecentActivity recent={dashboard.recent} />
        </>
      ) : null}
    </>
  );
}
