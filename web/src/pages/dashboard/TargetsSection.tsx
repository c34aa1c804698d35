// Each target of the plan beside its actual figure: one chart of every target's progress towards its goal, and
// in words, target by target, whether it is met, so colour is never the only sign.
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/Chart';
import { targetsChart } from './chart-options';
import type { CycleReport } from './dashboard-data';
import { formatCount, formatShare } from './numbers';

type TargetLine = CycleReport['targets'][number];

const SHARES: ReadonlySet<TargetLine['target']> = new Set(['cooperativeShare', 'smeShare', 'rankedProductsKeptShare']);

function figuresOf(line: TargetLine): { actual: string; goal: string } {
  const format = SHARES.has(line.target) ? formatShare : formatCount;
  return { actual: format(line.actual), goal: format(line.goal) };
}

export function TargetsSection({ report }: { report: CycleReport }) {
  const { t } = useTranslation(['dashboard', 'cycles']);
  // A target the plan does not set (goal 0) is met by nothing happening; it is named, not charted.
  const set = report.targets.filter((line) => line.goal > 0);
  const unset = report.targets.filter((line) => line.goal === 0);
  const bars = set.map((line) => ({
    name: t(`cycles:target.${line.target}`),
    progress: line.actual / line.goal,
    label: t('targets.bar', figuresOf(line)),
    verdict: line.met ? t('targets.met') : t('targets.notMet'),
    met: line.met,
  }));
  return (
    <section aria-labelledby="dashboard-targets">
      <h2 id="dashboard-targets">{t('targets.title')}</h2>
      <p>{t('targets.summary', { met: set.filter((line) => line.met).length, count: set.length })}</p>
      {set.length > 0 ? (
        <Chart title={t('targets.chart')} chart={targetsChart(bars, t('targets.goalMarker'))} testId="chart-targets" />
      ) : null}
      <ul className="target-list">
        {set.map((line) => (
          <li key={line.target} className={line.met ? 'met' : 'not-met'}>
            <strong>{line.met ? t('targets.met') : t('targets.notMet')}</strong>{' '}
            {t('targets.line', { target: t(`cycles:target.${line.target}`), ...figuresOf(line) })}
          </li>
        ))}
      </ul>
      {unset.length > 0 ? (
        <p className="muted">
          {t('targets.unset', { targets: unset.map((line) => t(`cycles:target.${line.target}`)).join('; ') })}
        </p>
      ) : null}
    </section>
  );
}
