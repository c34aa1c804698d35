// A coordinator's report on a cycle, from the read model in PostgreSQL: it
// needs no Temporal, so it works while the cluster is down.
import { type Command, Option } from 'commander';
import { CycleId } from '../../../domain/ids';
import { parseOrThrow } from '../../errors';
import { cycleReport } from '../../reports';
import { formatReport, reportCsv } from '../format';
import { withDb } from './shared';

const FORMATS = ['table', 'json', 'csv'] as const;

export function registerReportCommands(ocop: Command): void {
  ocop
    .command('report')
    .description(
      "a cycle's figures by stage, stars, product group and subject type, each target beside its actual figure",
    )
    .requiredOption('--cycle <id>', 'cycle id, e.g. CB-2023')
    .addOption(new Option('--format <format>', 'output').choices(FORMATS).default('table'))
    .action(async (opts: { cycle: string; format: (typeof FORMATS)[number] }) => {
      const cycleId = parseOrThrow(CycleId, opts.cycle, '--cycle');
      const report = await withDb((db) => cycleReport(db, cycleId));
      const render = { table: formatReport, json: JSON.stringify, csv: reportCsv }[opts.format];
      process.stdout.write(`${render(report)}\n`);
    });
}
