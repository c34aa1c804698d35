// Commands on a province's annual cycle: start it, move its dates, and see where it stands.
import { type Command, Option } from 'commander';
import {
  CalendarDeadline,
  CalendarFile,
  type CycleCalendar,
  CycleInput,
  CAO_BANG_2023_TARGETS,
  CycleTargets,
  Rehearsal,
  rehearsalCalendar,
  resolveCycle,
  ruleSetInForce,
} from '../../../domain/cycle';
import { startIssues } from '../../../domain/cycle-start';
import { CycleId, Round } from '../../../domain/ids';
import { getRuleSet, RuleSetId } from '../../../domain/rules';
import { ProvinceCode, Year } from '../../../domain/schemas';
import { invalid, parseOrThrow } from '../errors';
import { formatCalendar, formatCycleStarted, formatCycles, formatCycleView } from '../format';
import { connect } from '../session';
import { group, parseInstant, parseNumber, parseText, print, readJsonAs } from './shared';

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
  round: number;
  rules?: RuleSetId;
  rulesOverride?: string;
  backfill?: boolean;
  calendar?: string;
  targets?: string;
  /** A file, or true for the built-in compressed calendar. */
  rehearsal?: string | true;
  json?: boolean;
}

/** A rehearsal without a file: half an hour for each step and each council of the rule set. */
function defaultRehearsal(ruleSetId: RuleSetId): Rehearsal {
  const levels = getRuleSet(ruleSetId).levels.map((level) => [level.id, 30]);
  return {
    startsIn: 0,
    minutes: { registration: 30, dossier: 30, evaluation: Object.fromEntries(levels), closing: 30 },
  };
}

/** The cycle as the API will start it, checked here first so bad input is refused before anything is sent. */
function cycleToStart(opts: StartOptions, now: Date) {
  const province = parseOrThrow(ProvinceCode, opts.province, '--province');
  const year = parseNumber('--year', Year)(opts.year);
  const rehearsal =
    opts.rehearsal === undefined
      ? undefined
      : opts.rehearsal === true
        ? defaultRehearsal(opts.rules ?? ruleSetInForce({ registrationOpens: now.toISOString() }))
        : readJsonAs(Rehearsal, opts.rehearsal, '--rehearsal');
  if (rehearsal && opts.calendar) throw invalid('--rehearsal: give either --calendar or --rehearsal, not both');
  const calendar = rehearsal
    ? rehearsalCalendar(rehearsal, now)
    : opts.calendar
      ? readJsonAs(CalendarFile, opts.calendar, '--calendar')
      : defaultCalendar(year, opts.rules ?? ruleSetInForce({ registrationOpens: vietnam(year, 3, 1, 0, 0) }));
  const targets = opts.targets
    ? readJsonAs(CycleTargets, opts.targets, '--targets')
    : province === 'CB'
      ? CAO_BANG_2023_TARGETS
      : null;
  if (!targets) {
    throw invalid(`--targets: is required for province ${province}; only Cao Bằng's (CB) plan is built in`);
  }
  if (opts.rulesOverride !== undefined && !opts.rules) {
    throw invalid('--rules-override: is given with --rules, the rule set it keeps');
  }
  const cycle = parseOrThrow(
    CycleInput,
    {
      province,
      year,
      round: opts.round,
      ruleSetId: opts.rules,
      ruleSetOverride: opts.rulesOverride === undefined ? undefined : { reason: opts.rulesOverride },
      backfill: Boolean(opts.backfill),
      compressed: Boolean(rehearsal),
      calendar,
      targets,
    },
    'cycle',
  );
  const flagOf = (path: string) =>
    path.startsWith('calendar.') ? (opts.calendar ? `--calendar: ${path.slice(9)}` : '--year') : (FLAGS[path] ?? path);
  const issues = startIssues(cycle, now.getTime()).map((i) => `${flagOf(i.path)}: ${i.message}`);
  if (issues.length) throw invalid(issues.join('; '));
  return { cycle: resolveCycle(cycle), rehearsal };
}

/** The flags that set the fields a start rule names. */
const FLAGS: Record<string, string> = {
  province: '--province',
  ruleSetId: '--rules',
  ruleSetOverride: '--rules-override',
  backfill: '--backfill',
};

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
    .option(
      '--round <n>',
      'the evaluation round (đợt) of the year: 2 for a second round (cycle id CB-2027-D2)',
      parseNumber('--round', Round),
      1,
    )
    .addOption(
      new Option('--rules <id>', 'rule set; default: the one in force when registration opens').choices(
        RuleSetId.options,
      ),
    )
    .option(
      '--rules-override <reason>',
      'keep --rules although another rule set is in force: a transitional arrangement, recorded with its reason',
      parseText('--rules-override'),
    )
    .option('--backfill', "enter a past year's records: the only cycle whose calendar may have passed entirely")
    .option(
      '--calendar <file>',
      'JSON calendar; default: registration 1 Mar-30 Apr, dossiers 31 May, councils 31 Aug, 31 Oct, 15 Dec',
    )
    .option('--targets <file>', "JSON targets; default for CB only: Cao Bằng's 2023 plan")
    .option(
      '--rehearsal [file]',
      'a training cycle on a calendar of minutes from now; without a file, 30 minutes a step. ' +
        'File: {startsIn?, minutes: {registration, dossier, evaluation: {level: n}, closing?}}',
    )
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  ocop cycle start --province CB --year 2027',
        '  ocop cycle start --province CB --year 2027 --round 2 --calendar cb-2027-d2.json',
        '  ocop cycle start --province CB --year 2041 --rehearsal',
        '  ocop cycle start --province CB --year 2023 --backfill --calendar cb-2023.json',
        '  ocop cycle start --province HG --year 2026 --calendar hg-2026.json --targets hg-2026-targets.json',
      ].join('\n'),
    )
    .action(async (opts: StartOptions) => {
      const now = new Date();
      const { cycle: input, rehearsal } = cycleToStart(opts, now);
      const { province, year, round, ruleSetId, ruleSetOverride, backfill, calendar, targets } = input;
      const fields = { province, year, round, ruleSetId, ruleSetOverride, backfill, targets };
      const body = rehearsal ? { ...fields, rehearsal } : { ...fields, calendar };
      const started = await connect().startCycle(body as CycleInput);
      print(Boolean(opts.json), { ...started, ruleSetId, calendar, targets }, () =>
        rehearsal
          ? `Started ${started.cycleId} (workflow ${started.workflowId}), a rehearsal under ${input.ruleSetId}`
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
