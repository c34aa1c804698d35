// A Temporal Schedule per province that starts next year's cycle from a
// calendar template, so nobody has to remember to start it. The API creates
// it; `ocop` only sends the template.
import type { Command } from 'commander';
import { z } from 'zod';
import { CycleTemplate } from '../../../domain/cycle';
import { Round } from '../../../domain/ids';
import { ProvinceCode } from '../../../domain/schemas';
import { invalid, parseOrThrow } from '../errors';
import { formatSchedule } from '../format';
import { connect } from '../session';
import { group, parseNumber, print, readJson } from './shared';

interface CreateOptions {
  province: string;
  round?: number;
  template: string;
  month: number;
  day: number;
  json?: boolean;
}

/** The template file names its province, or takes the one given with --province. */
function templateFor(province: string, file: string, round: number | undefined): CycleTemplate {
  const raw = readJson(file, '--template');
  const named = typeof raw === 'object' && raw !== null ? (raw as { province?: unknown }).province : undefined;
  if (named !== undefined && named !== province) {
    throw invalid(`--template: province: is ${String(named)}, but --province is ${province}`);
  }
  const template = { ...(raw as CycleTemplate), province, ...(round === undefined ? {} : { round }) };
  parseOrThrow(CycleTemplate, template, '--template');
  return template;
}

export function registerScheduleCommands(ocop: Command): void {
  const schedule = group(ocop, 'schedule', "a province's yearly Schedule that starts its next cycle");

  schedule
    .command('create')
    .description("start the province's cycle every year on a given day, from a template of calendar offsets")
    .requiredOption('--province <code>', 'province code, e.g. CB')
    .requiredOption(
      '--template <file>',
      'JSON template: offsets from the start day, targets; optional round, ruleSetId (default: the one in force each year) and ruleSetOverride {reason}',
    )
    .option('--round <n>', "the round (đợt) each year's cycle is: 2 for a second round", parseNumber('--round', Round))
    .option(
      '--month <1-12>',
      'month the cycle starts, at 00:00 Asia/Ho_Chi_Minh',
      parseNumber('--month', z.number().int().min(1).max(12)),
      1,
    )
    .option(
      '--day <1-31>',
      'day of the month the cycle starts',
      parseNumber('--day', z.number().int().min(1).max(31)),
      15,
    )
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nExample:\n  ocop schedule create --province CB --template cb-template.json --month 1 --day 15',
    )
    .action(async (opts: CreateOptions) => {
      const province = parseOrThrow(ProvinceCode, opts.province, '--province');
      const template = templateFor(province, opts.template, opts.round);
      const view = await connect().createSchedule({ ...template, month: opts.month, day: opts.day });
      print(Boolean(opts.json), view, () => formatSchedule(view));
    });

  schedule
    .command('show')
    .description("a province's Schedule and its next runs")
    .requiredOption('--province <code>', 'province code, e.g. CB')
    .option('--json', 'print one JSON object')
    .action(async (opts: { province: string; json?: boolean }) => {
      const province = parseOrThrow(ProvinceCode, opts.province, '--province');
      const view = await connect().schedule(province);
      print(Boolean(opts.json), view, () => formatSchedule(view));
    });
}
