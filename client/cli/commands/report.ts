// A coordinator's report on a cycle, from the API's read model: figures by
// stage, group and subject type, the certificates under three named figures
// (certified in this cycle, active at the report's date, products kept), and
// each target beside its actual figure. The API reads only PostgreSQL for it.
import { type Command, Option } from 'commander';
import { formatDateTimeVN, formatDateVN } from '../../../domain/dates';
import { CycleId } from '../../../domain/ids';
import type { CycleReport, KeptProducts, KindCounts, LostProduct } from '../../../domain/report';
import { parseOrThrow } from '../errors';
import { formatTargets, table } from '../format';
import { connect } from '../session';

const FORMATS = ['table', 'json', 'csv'] as const;

const kinds = (counts: KindCounts) =>
  `new ${counts.new} · re-evaluation ${counts['re-evaluation']} · upgrade ${counts.upgrade}`;
const stars = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([n, count]) => `${n}★ ${count}`)
    .join(' · ') || 'none';
const counted = (rows: (string | number)[][], header?: string[]) =>
  rows.length ? table(header ? [header, ...rows] : rows) : 'none';

function certificateFigures({ certifiedInCycle: certified, activeAt: active }: CycleReport): string {
  const { byStatus } = certified;
  return table([
    ['Certified in this cycle', certified.total],
    ['  by kind', kinds(certified.byKind)],
    ['  by stars', stars(certified.byStars)],
    [
      '  since then',
      `active ${byStatus.active} · revoked ${byStatus.revoked} · expired ${byStatus.expired} · superseded ${byStatus.superseded}`,
    ],
    [`Active at ${formatDateTimeVN(active.at)}`, `${active.total} in the province, whichever cycle issued them`],
    ['  by kind', kinds(active.byKind)],
    ['  by stars', stars(active.byStars)],
  ]);
}

function keptFigures(kept: KeptProducts): string {
  const head = `Products ranked before ${formatDateVN(kept.since)}: ${kept.earlier}; still ranked at ${formatDateVN(kept.at)}: ${kept.kept}`;
  const lost: [string, LostProduct][] = [
    ...kept.lapsed.products.map((p): [string, LostProduct] => ['lapsed', p]),
    ...kept.revoked.products.map((p): [string, LostProduct] => ['revoked', p]),
  ];
  const lines = [
    kept.earlier === 0 ? `${head} (none to keep: the target is met)` : head,
    `Lapsed ${kept.lapsed.count} · revoked ${kept.revoked.count}`,
  ];
  if (lost.length) {
    lines.push(
      table([
        ['', 'product', 'name', 'certificate', 'stars', 'valid until', 'ended'],
        ...lost.map(([why, p]) => [
          why,
          p.productId,
          p.productName,
          p.certificateNumber,
          `${p.stars}★`,
          formatDateVN(p.validUntil),
          p.endedAt ? formatDateVN(p.endedAt) : '—',
        ]),
      ]),
    );
  }
  return lines.join('\n');
}

/** The report as a coordinator reads it: every certificate figure under its name. */
export function formatCycleReport(report: CycleReport): string {
  return [
    `Report ${report.cycleId} · generated ${formatDateTimeVN(report.generatedAt)} (Asia/Ho_Chi_Minh)`,
    `Registered ${report.registered} products of ${report.subjects.total} subjects`,
    '',
    'Certificates',
    certificateFigures(report),
    '',
    'Products already ranked (duy trì sản phẩm đã xếp hạng)',
    keptFigures(report.keptProducts),
    '',
    'By stage',
    counted(Object.entries(report.byStage)),
    '',
    'By product group',
    counted(
      Object.entries(report.byGroup).map(([group, n]) => [group, n.registered, n.certified, n.active]),
      ['group', 'registered', 'certified in cycle', 'active'],
    ),
    '',
    'Subjects, by type',
    counted(Object.entries(report.subjects.byType)),
    '',
    'Targets',
    formatTargets(report.targets),
  ].join('\n');
}

export function registerReportCommands(ocop: Command): void {
  ocop
    .command('report')
    .description(
      "a cycle's figures: certified in this cycle, active now, products already ranked kept, by stage, group and " +
        'subject type, each target beside its actual figure',
    )
    .requiredOption('--cycle <id>', 'cycle id, e.g. CB-2023')
    .addOption(new Option('--format <format>', 'output').choices(FORMATS).default('table'))
    .action(async (opts: { cycle: string; format: (typeof FORMATS)[number] }) => {
      const cycleId = parseOrThrow(CycleId, opts.cycle, '--cycle');
      const api = connect();
      // The API writes the CSV itself, so every client gets the same columns.
      const text =
        opts.format === 'csv'
          ? (await api.reportCsv(cycleId)).trimEnd()
          : opts.format === 'json'
            ? JSON.stringify(await api.report(cycleId))
            : formatCycleReport(await api.report(cycleId));
      process.stdout.write(`${text}\n`);
    });
}
