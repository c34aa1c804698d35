// A chaos run's result: a table on the console, Markdown and JSON under
// bench/results/ beside the bench's own runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { table } from '../../client/cli/format';
import type { ChaosResult } from './run';

const secs = (s: number | null) => (s === null ? '—' : `${s.toFixed(1)} s`);

/** Whether the run met the issue's bar: nothing lost, doubled, stuck or unsent, the worker alive by itself. */
export function passed(r: ChaosResult): boolean {
  const { lost, duplicated, stuck, noticesMissing } = r.tally;
  return lost + duplicated + stuck + noticesMissing === 0 && r.workerKeptAcrossPostgresRestarts;
}

function rows(r: ChaosResult): (string | number)[][] {
  return [
    ['lost', r.tally.lost],
    ['duplicated', r.tally.duplicated],
    ['stuck', r.tally.stuck],
    ['failed', r.tally.failed],
    ['notices missing', r.tally.noticesMissing],
    ['worker alive through PostgreSQL restarts', r.workerKeptAcrossPostgresRestarts ? 'yes' : 'no'],
    ['unexpected worker exits', r.unexpectedWorkerExits.length],
  ];
}

function recoveryRows(r: ChaosResult): (string | number)[][] {
  return r.recoveries.map((s) => [s.kind, s.count, secs(s.medianSeconds), secs(s.maxSeconds), s.unrecovered]);
}

const RECOVERY_HEAD = ['fault', 'count', 'median recovery', 'longest', 'never recovered'];

export function consoleReport(r: ChaosResult): string {
  return [
    `${r.options.products} products, ${r.driven} driven, in ${r.seconds.toFixed(0)} s (seed ${r.options.seed})`,
    table(rows(r)),
    '',
    table([RECOVERY_HEAD, ...recoveryRows(r)]),
    '',
    r.verification.consistent
      ? 'ocop verify: no difference'
      : `ocop verify: ${r.verification.differences.length} differences`,
  ].join('\n');
}

const md = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const mdTable = (head: readonly string[], body: readonly (string | number)[][]) =>
  [md(head), md(head.map(() => '---')), ...body.map(md)].join('\n');

export function markdown(r: ChaosResult): string {
  const o = r.options;
  const faults = `${o.kills} worker SIGKILLs, ${o.temporalRestarts} dev-server restart(s), ${o.postgresRestarts} PostgreSQL restart(s)`;
  return [
    `# Chaos run ${r.startedAt}`,
    '',
    `${o.products} products through their whole compressed lifecycle, ${o.concurrency} requests at once, under ${faults} (seed ${o.seed}); ${r.driven} driven, ${r.seconds.toFixed(0)} s in all. Then \`ocop verify\`'s check of every product.`,
    '',
    mdTable(['measure', 'value'], rows(r)),
    '',
    'Recovery: from each fault to the next transition recorded in product_events.',
    '',
    mdTable(RECOVERY_HEAD, recoveryRows(r)),
    '',
    `Final stages: ${Object.entries(r.finalStages)
      .map(([stage, n]) => `${stage} ${n}`)
      .join(', ')}.`,
    ...(r.verification.differences.length
      ? [
          '',
          mdTable(
            ['product', 'check', 'found'],
            r.verification.differences.map((d) => [d.productId ?? '—', d.kind, d.found]),
          ),
        ]
      : []),
    ...(r.driveFailures.length
      ? [
          '',
          mdTable(
            ['product', 'step', 'failure'],
            r.driveFailures.map((f) => [f.product, f.step, f.message.slice(0, 200)]),
          ),
        ]
      : []),
  ].join('\n');
}

/** Writes `<date>-chaos-<products>.{json,md}` into `dir`; returns the path without its extension. */
export function writeResult(r: ChaosResult, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${r.startedAt.slice(0, 10)}-chaos-${r.options.products}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(`${base}.md`, `${markdown(r)}\n`);
  return base;
}
