// A coordinator's report on a cycle, from the API's read model: figures by
// stage, stars, group and subject type, each target beside its actual figure.
import { type Command, Option } from 'commander';
import { CycleId } from '../../../domain/ids';
import { parseOrThrow } from '../errors';
import { formatReport } from '../format';
import { connect } from '../session';

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
      const api = connect();
      // The API writes the CSV itself, so every client gets the same columns.
      const text =
        opts.format === 'csv'
          ? (await api.reportCsv(cycleId)).trimEnd()
          : opts.format === 'json'
            ? JSON.stringify(await api.report(cycleId))
            : formatReport(await api.report(cycleId));
      process.stdout.write(`${text}\n`);
    });
}
