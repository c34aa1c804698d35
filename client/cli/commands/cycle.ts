// Commands on a province's annual cycle: start it, move its dates, and see where it stands.
import { type Command, Option } from 'commander';
import { z } from 'zod';
import {
  CalendarDeadline,
  type CycleCalendar,
  CycleCalendar as CycleCalendarSchema,
  CycleInput,
  CAO_BANG_2023_TARGETS,
  CycleTargets,
} from '../../../domain/cycle';
import { CycleId } from '../../../domain/ids';
import { getRuleSet, RuleSetId } from '../../../domain/rules';
import { ProvinceCode, Year } from '../../../domain/schemas';
import { invalid, parseOrThrow } from '../errors';
import { formatCalendar, formatCycleStarted, formatCycles, formatCycleView } from '../format';
import { connect } from '../session';
import { group, parseInstant, parseText, print, readJson, readJsonAs } from './shared';

/** An instant given as a date and time in Vietnam (UTC+7, no daylight saving). */
const vietnam = (year: number, month: number, day: number, hour: number, minute: number) =>
  new Date(Date.UTC(year, month - 1, day, hour - 7, minute)).toISOString();

/** The councils' deadlines, level by level up the rule set's chain. */
const EVALUATION_DAYS: [month: number, day: number][] = [
  [8, 31],
  [10, 31],
  [12, 15],
];

/**
 * The calendar most provinces follow: registration through March and April,
 * dossiers by 31 May, councils by August, October and mid-December.
 */
function defaultCalendar(year: number, ruleSetId: RuleSetId): CycleCalendar {
  const levels = getRuleSet(ruleSetId).levels.map((level) => level.id);
  return {
    registrationOpens: vietnam(year, 3, 1, 0, 0),
    registrationCloses: vietnam(year, 4, 30, 23, 59),
    dossierDeadline: vietnam(year, 5, 31, 23, 59),
    evaluation: Object.fromEntries(
      levels.flatMap((level, i) => {
        const date = EVALUATION_DAYS[i];
        return date ? [[level, vietnam(year, date[0], date[1], 23, 59)]] : [];
      }),
    ),
    cycleEnds: vietnam(year, 12, 31, 23, 59),
  };
}

interface StartOptions {
  province: string;
  year: string;
  rules: RuleSetId;
  calendar?: string;
  targets?: string;
  rehearsal?: string;
  json?: boolean;
}

function cycleToStart(opts: StartOptions) {
  const province = parseOrThrow(ProvinceCode, opts.province, '--province');
  const year = parseOrThrow(z.coerce.number().pipe(Year), opts.year, '--year');
  const calendar = opts.calendar
    ? readJsonAs(CycleCalendarSchema, opts.calendar, '--calendar')
    : defaultCalendar(year, opts.rules);
  const targets = opts.targets
    ? readJsonAs(CycleTargets, opts.targets, '--targets')
    : province === 'CB'
      ? CAO_BANG_2023_TARGETS
      : null;
  if (!targets) {
    throw invalid(`--targets: is required for province ${province}; only Cao Bằng's (CB) plan is built in`);
  }
  return parseOrThrow(CycleInput, { province, year, ruleSetId: opts.rules, calendar, targets }, 'cycle');
}

/** A rehearsal's durations in minutes; the API lays the compressed calendar out from now. */
function rehearsalOf(file: string): Record<string, unknown> {
  const raw = readJson(file, '--rehearsal');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid('--rehearsal: must hold a JSON object {startsIn?, minutes: {registration, dossier, evaluation}}');
  }
  return raw as Record<string, unknown>;
}

export function registerCycleCommands(ocop: Command): void {
  const cycle = group(ocop, 'cycle', "a province's annual OCOP cycle (chu trình OCOP thường niên)");

  cycle
    .command('list')
    .description('the cycles you may see, with their phase')
    .option('--json', 'print one JSON array')
    .action(async (opts: { json?: boolean }) => {
      const cycles = await connect().listCycles();
      print(Boolean(opts.json), cycles, () => formatCycles(cycles));
    });

  cycle
    .command('start')
    .description("start a province's cycle for a year, with its calendar and the plan's targets")
    .requiredOption('--province <code>', 'province code, e.g. CB for Cao Bằng')
    .requiredOption('--year <year>', 'the year registration opens, e.g. 2023')
    .addOption(new Option('--rules <id>', 'rule set').choices(RuleSetId.options).default('OCOP_148_2023'))
    .option(
      '--calendar <file>',
      'JSON calendar; default: registration 1 Mar-30 Apr, dossiers 31 May, councils 31 Aug, 31 Oct, 15 Dec',
    )
    .option('--targets <file>', "JSON targets; default for CB only: Cao Bằng's 2023 plan")
    .option(
      '--rehearsal <file>',
      'JSON {startsIn?, minutes: {registration, dossier, evaluation: {level: n}}}: a training calendar in minutes from now',
    )
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nExamples:\n  ocop cycle start --province CB --year 2023\n  ocop cycle start --province HG --year 2026 --rules OCOP_1489_2025 --calendar hg-2026.json --targets hg-2026-targets.json',
    )
    .action(async (opts: StartOptions) => {
      const input = cycleToStart(opts);
      const { province, year, ruleSetId, calendar, targets } = input;
      const body = opts.rehearsal
        ? { province, year, ruleSetId, targets, rehearsal: rehearsalOf(opts.rehearsal) }
        : { province, year, ruleSetId, calendar, targets };
      const started = await connect().startCycle(body as typeof input);
      print(Boolean(opts.json), { ...started, ruleSetId, calendar, targets }, () =>
        opts.rehearsal
          ? `Started ${started.cycleId} (workflow ${started.workflowId}), a rehearsal`
          : formatCycleStarted(started, input),
      );
    });

  cycle
    .command('extend')
    .description('move a date of the calendar later; the applications waiting on it take the new date at once')
    .requiredOption('--cycle <id>', 'cycle id, e.g. CB-2023')
    .addOption(
      new Option('--deadline <name>', 'the date to move').choices(CalendarDeadline.options).makeOptionMandatory(),
    )
    .requiredOption('--until <iso>', 'the new date', parseInstant('--until'))
    .requiredOption('--reason <text>', 'why, for the history and the applications told', parseText('--reason'))
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nExample:\n  ocop cycle extend --cycle CB-2023 --deadline dossierDeadline --until 2023-06-15T16:59:00Z --reason "Mưa lũ"',
    )
    .action(
      async (opts: { cycle: string; deadline: CalendarDeadline; until: string; reason: string; json?: boolean }) => {
        const cycleId = parseOrThrow(CycleId, opts.cycle, '--cycle');
        const state = await connect().extendCalendar(cycleId, {
          deadline: opts.deadline,
          until: opts.until,
          reason: opts.reason,
        });
        print(Boolean(opts.json), state, () =>
          [
            `Moved ${opts.deadline} of ${cycleId}`,
            '',
            'Calendar (Asia/Ho_Chi_Minh)',
            formatCalendar(state.calendar),
          ].join('\n'),
        );
      },
    );

  cycle
    .command('show')
    .description("a cycle's phase, calendar and progress against its targets")
    .requiredOption('--cycle <id>', 'cycle id, e.g. CB-2023')
    .option('--json', 'print one JSON object')
    .action(async (opts: { cycle: string; json?: boolean }) => {
      const cycleId = parseOrThrow(CycleId, opts.cycle, '--cycle');
      const api = connect();
      const [state, report] = await Promise.all([api.cycle(cycleId), api.report(cycleId)]);
      print(Boolean(opts.json), { ...state, report }, () => formatCycleView(state, report));
    });
}
