// The results of a bench run, as JSON for machines and as Markdown tables for
// the README to quote.
import type { ApiResult } from './api';
import { apiMarkdown } from './api-report';
import { goalsMarkdown } from './goals';
import type { ImportResult } from './imports';
import type { RoundTrips } from './round-trips';
import type { ParkedResult, ProfiledResult, ScenarioResult } from './scenarios';

export interface Overhead {
  /** Engine makespan ÷ bare makespan for the same number of products: the inverse of the throughput ratio. */
  wall: number;
  workerCpu: number;
  /** Worker, server and PostgreSQL together: what the whole stack spends per product. */
  stackCpu: number | null;
  updateP50: number;
  historyEvents: number;
  historyBytes: number;
}

export interface Results {
  command: string;
  startedAt: string;
  wallSeconds: number;
  machine: { cores: number; cpuModel: string; memoryGb: number; os: string; loadAverageAtStart: number[] };
  versions: Record<string, string>;
  settings: {
    server: string;
    concurrency: number;
    maxCachedWorkflows: number;
    maxConcurrentActivityTaskExecutions: number;
    maxConcurrentWorkflowTaskExecutions: number;
    databasePoolSize: number;
    calendar: Record<string, string>;
    historySample: number;
  };
  lifecycles: { products: number; engine: ScenarioResult; bare: ScenarioResult; overhead: Overhead }[];
  parked: ParkedResult | null;
  profiled: ProfiledResult | null;
  /** The service API against Temporal itself, and its reads over a province's products. */
  api: ApiResult | null;
  /** One action against Temporal's own floor, alone and under load. */
  roundTrips: RoundTrips[] | null;
  imports: ImportResult | null;
}

function stackCpu(s: ScenarioResult): number | null {
  const { worker, server, postgres } = s.usage.cpuSeconds;
  return server === null ? null : worker + server + postgres;
}

export function overhead(engine: ScenarioResult, bare: ScenarioResult): Overhead {
  const engineStack = stackCpu(engine);
  const bareStack = stackCpu(bare);
  return {
    wall: engine.seconds.makespan / bare.seconds.makespan,
    workerCpu: engine.usage.cpuSeconds.worker / bare.usage.cpuSeconds.worker,
    stackCpu: engineStack === null || bareStack === null ? null : engineStack / bareStack,
    updateP50: engine.updates.p50 / bare.updates.p50,
    historyEvents: engine.history.eventsPerProduct / bare.history.eventsPerProduct,
    historyBytes: engine.history.bytesPerProduct / bare.history.bytesPerProduct,
  };
}

const n = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (value: number | null) => (value === null ? '–' : `${n(value, 2)}×`);
const latency = (s: ScenarioResult) => `${n(s.updates.p50)} / ${n(s.updates.p95)} / ${n(s.updates.p99)}`;
const kb = (bytes: number) => n(bytes / 1024, 1);
const drive = (s: ScenarioResult) => `${n(s.seconds.drive, 1)} (${n(s.requestsPerSecond)})`;

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function cpuRow(name: string, s: ScenarioResult): string[] {
  const { wallSeconds, cpuSeconds } = s.usage;
  const cell = (seconds: number | null) =>
    seconds === null ? '–' : `${n(seconds, 1)} (${n(seconds / wallSeconds, 2)})`;
  const busiest = s.usage.worker.threads[0];
  return [
    name,
    n(wallSeconds, 1),
    cell(cpuSeconds.worker),
    cell(cpuSeconds.server),
    cell(cpuSeconds.postgres),
    cell(cpuSeconds.driver),
    cell(cpuSeconds.others),
    busiest ? `${busiest.name} ${busiest.tid}: ${n(busiest.coreShare, 2)}` : '–',
  ];
}

function checks(name: string, s: ScenarioResult): string[] {
  const parts = Object.entries(s.checks).map(
    ([what, counts]) =>
      `${what} ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
  );
  const failure = s.failures.first[0];
  const failed = failure
    ? `; **${s.failures.count} failed**, e.g. at ${failure.step}: "${failure.message}"${failure.firstRefusal ? ` after "${failure.firstRefusal}"` : ''}`
    : '';
  return [
    `- ${name}: ${s.completed}/${s.products} through, ${s.updates.retries} "not yet" retries; ${parts.join('; ')}${failed}`,
    ...Object.entries(s.updates.refusals)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([why, count]) => `  - ${count} × ${why}`),
  ];
}

/** The columns every full-lifecycle table has, engine or bare. */
const RUN_COLUMNS = [
  'products',
  'products/min',
  'makespan s',
  'drive s (requests/s)',
  'Update p50 / p95 / p99 ms',
  'worker peak RSS MB',
  'worker CPU s',
  'worker CPU ms/product',
  'history events/product',
  'history KB/product',
];

function runCells(products: number, s: ScenarioResult): string[] {
  return [
    n(products),
    n(s.productsPerMinute),
    n(s.seconds.makespan, 1),
    drive(s),
    latency(s),
    n(s.usage.worker.peakRssMb),
    n(s.usage.cpuSeconds.worker, 1),
    n(s.workerCpuMsPerProduct, 1),
    n(s.history.eventsPerProduct, 1),
    kb(s.history.bytesPerProduct),
  ];
}

export function markdown(r: Results): string {
  const out: string[] = [];
  out.push(`# OCOP engine bench, ${r.startedAt.slice(0, 10)}`, '');
  out.push(
    `\`${r.command}\`, ${n(r.wallSeconds / 60, 1)} minutes in all.`,
    '',
    `Machine: ${r.machine.cores} cores (${r.machine.cpuModel}), ${n(r.machine.memoryGb)} GB, ${r.machine.os}; load average at start ${r.machine.loadAverageAtStart.map((l) => n(l, 2)).join(' ')}.`,
    '',
    `Versions: ${Object.entries(r.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
    '',
    `Settings: server ${r.settings.server}; driver concurrency ${r.settings.concurrency}; maxCachedWorkflows ${r.settings.maxCachedWorkflows}, maxConcurrentActivityTaskExecutions ${r.settings.maxConcurrentActivityTaskExecutions}, maxConcurrentWorkflowTaskExecutions ${r.settings.maxConcurrentWorkflowTaskExecutions}, DATABASE_POOL_SIZE ${r.settings.databasePoolSize}; calendar ${Object.entries(
      r.settings.calendar,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; histories sampled from ${r.settings.historySample} products per scenario.`,
    '',
  );
  out.push(...goalsMarkdown(r));

  if (r.lifecycles.length) {
    out.push('## Full lifecycle, engine', '');
    out.push(
      table(
        [...RUN_COLUMNS, 'DB rows/product', 'DB KB/product', 'cycle report ms'],
        r.lifecycles.map(({ products, engine: e }) => [
          ...runCells(products, e),
          n(e.database?.rowsPerProduct, 1),
          kb(e.database?.bytesPerProduct ?? NaN),
          n(e.report?.medianMs, 1),
        ]),
      ),
      '',
    );
    out.push('## Full lifecycle, bare Temporal baseline (same Updates, activities, timers; empty bodies)', '');
    out.push(
      table(
        RUN_COLUMNS,
        r.lifecycles.map(({ products, bare }) => runCells(products, bare)),
      ),
      '',
    );
    out.push('## Overhead, engine ÷ bare', '');
    out.push(
      table(
        [
          'products',
          'wall time',
          'worker CPU',
          'stack CPU (worker + server + PostgreSQL)',
          'Update p50',
          'history events',
          'history bytes',
        ],
        r.lifecycles.map(({ products, overhead: o }) => [
          n(products),
          ratio(o.wall),
          ratio(o.workerCpu),
          ratio(o.stackCpu),
          ratio(o.updateP50),
          ratio(o.historyEvents),
          ratio(o.historyBytes),
        ]),
      ),
      '',
    );
  }

  if (r.parked) {
    const p = r.parked;
    out.push(`## Parked: ${n(p.products)} products certified and waiting in post-inspection`, '');
    out.push(
      table(
        [
          'parked',
          'time to park s',
          'parked/min',
          'drive s (requests/s)',
          'Update p50 / p95 / p99 ms',
          `worker RSS after ${p.settled.afterSeconds} s MB`,
          'worker peak RSS MB',
          'server RSS MB',
          'history events/product',
          'history KB/product',
          'DB rows/product',
          'DB KB/product',
          `cycle report ms (median of ${p.report?.runs ?? 0})`,
        ],
        [
          [
            n(p.completed),
            n(p.seconds.makespan, 1),
            n(p.productsPerMinute),
            drive(p),
            latency(p),
            n(p.settled.workerRssMb),
            n(p.settled.workerPeakRssMb),
            n(p.settled.serverRssMb),
            n(p.history.eventsPerProduct, 1),
            kb(p.history.bytesPerProduct),
            n(p.database?.rowsPerProduct, 1),
            kb(p.database?.bytesPerProduct ?? NaN),
            n(p.report?.medianMs, 1),
          ],
        ],
      ),
      '',
    );
  }

  if (r.api) out.push(...apiMarkdown(r.api));
  // The CPU and checks tables are the driven scenarios'; the API's section carries its own.
  if (r.roundTrips) out.push(...roundTripMarkdown(r.roundTrips));
  if (!r.lifecycles.length && !r.parked && !r.profiled) return out.join('\n');

  out.push('## Where the CPU went', '');
  out.push('CPU seconds over the scenario, with cores in use (CPU s ÷ wall s) in brackets.', '');
  out.push(
    table(
      [
        'scenario',
        'wall s',
        'worker',
        'Temporal server',
        'PostgreSQL',
        'driver',
        'other processes',
        'busiest worker thread (cores)',
      ],
      [
        ...r.lifecycles.flatMap(({ products, engine, bare }) => [
          cpuRow(`engine ${products}`, engine),
          cpuRow(`bare ${products}`, bare),
        ]),
        ...(r.parked ? [cpuRow(`parked ${r.parked.products}`, r.parked)] : []),
      ],
    ),
    '',
  );

  out.push('## Checks', '');
  for (const { products, engine, bare } of r.lifecycles) {
    out.push(...checks(`engine ${products}`, engine), ...checks(`bare ${products}`, bare));
  }
  if (r.parked) out.push(...checks(`parked ${r.parked.products}`, r.parked));
  out.push('');

  if (r.profiled) {
    out.push(`## CPU profiles of the workers (${r.profiled.products} full lifecycles each, separate runs)`, '');
    for (const [name, threads] of [
      ['engine', r.profiled.engine],
      ['bare', r.profiled.bare],
    ] as const) {
      for (const t of threads) {
        out.push(
          `### ${name} worker, ${t.thread === 0 ? 'main thread' : `thread ${t.thread}`}: ${n(t.busyMs / 1000, 1)} s busy of ${n(t.sampledMs / 1000, 1)} s sampled`,
          '',
        );
        out.push(
          table(
            ['area', 'self s', 'share of busy'],
            t.areas.map((a) => [a.area, n(a.ms / 1000, 2), `${n(a.shareOfBusy * 100, 1)} %`]),
          ),
          '',
        );
        out.push(
          table(
            ['function', 'where', 'self s', 'share of busy'],
            t.top.map((f) => [
              `\`${f.function.slice(0, 60)}\``,
              f.where.slice(0, 80),
              n(f.selfMs / 1000, 2),
              `${n(f.shareOfBusy * 100, 1)} %`,
            ]),
          ),
          '',
        );
      }
    }
  }
  return out.join('\n');
}

function roundTripMarkdown(trips: RoundTrips[]): string[] {
  return [
    "## One action against Temporal's floor",
    '',
    "The engine's extendDeadline (validated, recorded in PostgreSQL, answered) and a bare Update answered at once without any activity, on idle workflows already cached.",
    '',
    table(
      ['at a time', 'requests', 'engine p50 / p95 / p99 ms', 'floor p50 / p95 / p99 ms', 'ratio p50 / p95'],
      trips.map((t) => [
        n(t.lanes),
        n(t.requests),
        `${n(t.engine.p50, 1)} / ${n(t.engine.p95, 1)} / ${n(t.engine.p99, 1)}`,
        `${n(t.floor.p50, 1)} / ${n(t.floor.p95, 1)} / ${n(t.floor.p99, 1)}`,
        `${ratio(t.ratio.p50)} / ${ratio(t.ratio.p95)}`,
      ]),
    ),
    '',
  ];
}
