// A Temporal Schedule per province that starts next year's cycle from a
// calendar template, so nobody has to remember to start it.
import type { Command } from 'commander';
import type { CycleTemplate } from '../../../domain/cycle';
import { ProvinceCode } from '../../../domain/schemas';
import { OcopError, parseOrThrow } from '../../errors';
import { formatSchedule } from '../format';
import { group, parseNumber, print, readJson, withClient } from './shared';

interface CreateOptions {
  province: string;
  template: string;
  month: number;
  day: number;
  json?: boolean;
}

/** The template file names its province, or takes the one given with --province. */
function templateFor(province: string, file: string): CycleTemplate {
  const raw = readJson(file, '--template');
  const named = typeof raw === 'object' && raw !== null ? (raw as { province?: unknown }).province : undefined;
  if (named !== undefined && named !== province) {
    throw new OcopError('ValidationError', `--template: province: is ${String(named)}, but --province is ${province}`);
  }
  return { ...(raw as CycleTemplate), province };
}

export function registerScheduleCommands(ocop: Command): void {
  const schedule = group(ocop, 'schedule', "a province's yearly Schedule that starts its next cycle");

  schedule
    .command('create')
    .description("start the province's cycle every year on a given day, from a template of calendar offsets")
    .requiredOption('--province <code>', 'province code, e.g. CB')
    .requiredOption('--template <file>', 'JSON template: offsets from the start day, targets, optional ruleSetId')
    .option('--month <1-12>', 'month the cycle starts, at 00:00 Asia/Ho_Chi_Minh', parseNumber('--month'), 1)
    .option('--day <1-31>', 'day of the month the cycle starts', parseNumber('--day'), 15)
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nExample:\n  ocop schedule create --province CB --template cb-template.json --month 1 --day 15',
    )
    .action(async (opts: CreateOptions) => {
      const province = parseOrThrow(ProvinceCode, opts.province, '--province');
      const template = templateFor(province, opts.template);
      const view = await withClient(async (client) => {
        await client.createCycleSchedule(template, { month: opts.month, day: opts.day });
        return client.describeCycleSchedule(province);
      });
      print(Boolean(opts.json), view, () => formatSchedule(view));
    });

  schedule
    .command('show')
    .description("a province's Schedule and its next runs")
    .requiredOption('--province <code>', 'province code, e.g. CB')
    .option('--json', 'print one JSON object')
    .action(async (opts: { province: string; json?: boolean }) => {
      const province = parseOrThrow(ProvinceCode, opts.province, '--province');
      const view = await withClient((client) => client.describeCycleSchedule(province));
      print(Boolean(opts.json), view, () => formatSchedule(view));
    });
}
