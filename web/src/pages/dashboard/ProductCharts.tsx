// Where the cycle's products stand: the funnel of the process by stage (and the ones that left it), and the
// products by group, by type of subject and by district.
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { isTerminal, ProductGroup, Stage, SubjectType } from '../../../../domain/schemas';
import { Chart } from '../../components/Chart';
import { countsChart, registeredCertifiedChart } from './chart-options';
import type { Dashboard } from './dashboard-data';
import { formatCount } from './numbers';

/** A certified product stays certified while a proposal to revoke it waits for the authority. */
const CERTIFIED: readonly Stage[] = ['CERTIFIED', 'POST_INSPECTION', 'REVOCATION_PROPOSED'];

/**
 * The steps of the process in order, each with the stages a product stands at once it has reached that step (a
 * supplement is part of the dossier's review). A product that left the process (not ranked, rejected, withdrawn,
 * lapsed...) is counted beside the funnel instead, since where it left is not a stage of its own. A product the
 * council rated and the authority has yet to recognise (chờ quyết định công nhận) has been evaluated, not certified.
 */
const STEPS: { step: string; stages: Stage[] }[] = [
  {
    step: 'registered',
    stages: ['REGISTERED', 'DOSSIER_REVIEW', 'AWAITING_SUPPLEMENT', 'EVALUATION', 'AWAITING_DECISION', ...CERTIFIED],
  },
  {
    step: 'dossierReview',
    stages: ['DOSSIER_REVIEW', 'AWAITING_SUPPLEMENT', 'EVALUATION', 'AWAITING_DECISION', ...CERTIFIED],
  },
  { step: 'evaluation', stages: ['EVALUATION', 'AWAITING_DECISION', ...CERTIFIED] },
  { step: 'certified', stages: [...CERTIFIED] },
  { step: 'postInspection', stages: ['POST_INSPECTION', 'REVOCATION_PROPOSED'] },
];
const LEFT_THE_WAY = Stage.options.filter(isTerminal);

function StageFunnel({ byStage }: { byStage: Dashboard['report']['byStage'] }) {
  const { t } = useTranslation(['dashboard', 'domain']);
  const count = (stages: Stage[]) => stages.reduce((sum, stage) => sum + (byStage[stage] ?? 0), 0);
  const steps = STEPS.map(({ step, stages }) => ({ name: t(`products.step.${step}`), value: count(stages) }));
  const left = LEFT_THE_WAY.filter((stage) => (byStage[stage] ?? 0) > 0);
  return (
    <div className="card">
      <Chart title={t('products.funnel')} chart={countsChart(steps)} testId="chart-funnel" />
      <h3>{t('products.leftTheWay')}</h3>
      {left.length === 0 ? (
        <p className="muted">{t('products.noneLeft')}</p>
      ) : (
        <dl className="counts">
          {left.map((stage) => (
            <div key={stage}>
              <dt>{t(`domain:stage.${stage}`)}</dt>
              <dd>{formatCount(byStage[stage] ?? 0)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/** A chart in its card, or what the card says instead when there is nothing to draw. */
function ChartCard({ empty = null, ...props }: ComponentProps<typeof Chart> & { empty?: string | null }) {
  return <div className="card">{empty === null ? <Chart {...props} /> : <p className="muted">{empty}</p>}</div>;
}

export function ProductCharts({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation(['dashboard', 'domain']);
  const { report, byDistrict } = dashboard;
  const names = { registered: t('products.registered'), certified: t('products.certified') };
  const groups = ProductGroup.options.map((group) => ({
    name: t(`domain:group.${group}`),
    registered: report.byGroup[group]?.registered ?? 0,
    certified: report.byGroup[group]?.certified ?? 0,
  }));
  const subjects = SubjectType.options.map((type) => ({
    name: t(`domain:subjectType.${type}`),
    value: report.subjects.byType[type] ?? 0,
  }));
  return (
    <section aria-labelledby="dashboard-products">
      <h2 id="dashboard-products">{t('products.title')}</h2>
      <div className="grid">
        <StageFunnel byStage={report.byStage} />
        <ChartCard
          title={t('products.byGroup')}
          chart={registeredCertifiedChart(groups, names)}
          testId="chart-groups"
        />
        <ChartCard
          title={t('products.bySubjectType', { count: report.subjects.total })}
          chart={countsChart(subjects)}
          testId="chart-subjects"
          empty={report.subjects.total === 0 ? t('products.noSubjects') : null}
        />
        <ChartCard
          title={t('products.byDistrict')}
          chart={registeredCertifiedChart(byDistrict, names)}
          testId="chart-districts"
          empty={byDistrict.length === 0 ? t('products.noDistricts') : null}
        />
      </div>
    </section>
  );
}
