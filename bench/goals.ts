// Issue 12's goals, each against what this run measured, marked met or not.
// A goal whose scenario did not run, or ran smaller than the goal asks, says so.
import type { Results } from './report';

export interface Goal {
  goal: string;
  target: string;
  measured: string;
  met: boolean | null;
}

const x = (value: number) => `${value.toFixed(2)}×`;

function lifecycleGoals(r: Results): Goal[] {
  return r.lifecycles.flatMap(({ products, overhead: o }) => [
    {
      goal: `worker CPU per product, ${products} products`,
      target: '≤ 1.3× bare',
      measured: x(o.workerCpu),
      met: o.workerCpu <= 1.3,
    },
    {
      goal: `history bytes per product, ${products} products`,
      target: '≤ 1.5× bare',
      measured: x(o.historyBytes),
      met: o.historyBytes <= 1.5,
    },
  ]);
}

function parkedGoals(r: Results): Goal[] {
  const p = r.parked;
  if (!p) {
    return [
      { goal: 'memory per cached product workflow', target: '≤ 0.5 MB', measured: 'not run (--parked)', met: null },
      { goal: '10,000 parked, SDK default cache: worker RSS', target: '≤ 1.5 GB', measured: 'not run', met: null },
    ];
  }
  const { mbPerCachedWorkflow: perWorkflow, cachedWorkflows, workerRssMb } = p.settled;
  const atSize = p.completed >= 10_000;
  return [
    {
      goal: 'memory per cached product workflow',
      target: '≤ 0.5 MB',
      measured: `${perWorkflow.toFixed(2)} MB (${cachedWorkflows} cached)`,
      met: perWorkflow <= 0.5,
    },
    {
      goal: `${p.completed.toLocaleString('en')} parked, SDK default cache: worker RSS`,
      target: '≤ 1.5 GB at 10,000',
      measured: `${(workerRssMb / 1024).toFixed(2)} GB`,
      met: atSize ? workerRssMb <= 1536 : null,
    },
  ];
}

function roundTripGoals(r: Results): Goal[] {
  if (!r.roundTrips) return [{ goal: 'action round trip ÷ floor', target: '≤ 1.5×', measured: 'not run', met: null }];
  return r.roundTrips.map((t) => ({
    goal: `action round trip ÷ bare no-activity Update, ${t.lanes} at a time (p50 / p95)`,
    target: '≤ 1.5×',
    measured: `${x(t.ratio.p50)} / ${x(t.ratio.p95)} (${t.engine.p50} / ${t.engine.p95} ms against ${t.floor.p50} / ${t.floor.p95} ms)`,
    met: t.ratio.p50 <= 1.5 && t.ratio.p95 <= 1.5,
  }));
}

function importGoal(r: Results): Goal {
  const i = r.imports;
  if (!i) return { goal: 'CSV import of 1,000', target: '≥ 50 rows/s', measured: 'not run (--import)', met: null };
  return {
    goal: `CSV import of ${i.rows.toLocaleString('en')}, until all are in the read model`,
    target: '≥ 50 rows/s',
    measured: `${i.rowsPerSecond.toFixed(0)} rows/s (${i.registered} in ${i.inReadModelSeconds.toFixed(1)} s; serials ${i.serialsContiguous ? 'contiguous' : 'NOT contiguous'})`,
    met: i.rows >= 1000 && i.rowsPerSecond >= 50 && i.serialsContiguous && i.refused === 0,
  };
}

export function goals(r: Results): Goal[] {
  return [...lifecycleGoals(r), ...parkedGoals(r), ...roundTripGoals(r), importGoal(r)];
}

export function goalsMarkdown(r: Results): string[] {
  const mark = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'not met');
  return [
    '## Goals (issue 12)',
    '',
    '| goal | target | measured | |',
    '| --- | --- | --- | --- |',
    ...goals(r).map((g) => `| ${g.goal} | ${g.target} | ${g.measured} | ${mark(g.met)} |`),
    '',
  ];
}
