// Readable text for people; `--json` prints one JSON object for programs.
import type { Cycle, CycleCalendar, CycleState } from '../../domain/cycle';
import { formatDateTimeVN, formatDateVN } from '../../domain/dates';
import type { ProductState } from '../../domain/product';
import type { CycleReport, TargetLine } from '../../domain/report';
import type { CycleScheduleView } from '../ocop-client';
import type { ImportSummary } from './registrations';

export function table(rows: (string | number | null | undefined)[][]): string {
  const cells = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))));
  const widths = cells.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, [...cell].length)), []);
  return cells
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatProductState(state: ProductState): string {
  const certificate = state.certificate
    ? `${state.certificate.number} (${state.certificate.stars}★, valid until ${formatDateVN(state.certificate.validUntil)})`
    : '—';
  const deadline = state.deadline
    ? `${state.deadline.kind}${state.deadline.level ? ` (${state.deadline.level})` : ''} due ${formatDateTimeVN(state.deadline.dueAt)}`
    : '—';
  const summary = table([
    ['Product', state.productId],
    ['Cycle', state.cycleId],
    ['Kind', state.kind],
    ['Stage', state.level && state.stage === 'EVALUATION' ? `${state.stage} (${state.level})` : state.stage],
    ['Stars', state.stars ?? '—'],
    ['Deadline', deadline],
    ['Certificate', certificate],
    ['Supplements', state.supplementRounds],
  ]);
  const scores = state.scores.length
    ? table([
        ['level', 'meeting', 'total', 'stars', 'members', 'failed'],
        ...state.scores.map((s) => [
          s.level,
          formatDateVN(s.meetingDate),
          s.total ?? '—',
          s.stars ?? '—',
          s.members,
          [...s.mandatoryFailed, ...s.failedCriteria].join(', ') || '—',
        ]),
      ])
    : 'no council result yet';
  const inspections = state.inspections.length
    ? table([
        ['round', 'due', 'inspected', 'outcome', 'detail'],
        ...state.inspections.map((i) => [
          i.round,
          formatDateVN(i.dueAt),
          formatDateVN(i.inspectedAt),
          i.outcome,
          i.detail,
        ]),
      ])
    : 'no inspection yet';
  const history = table([
    ['#', 'at (UTC+7)', 'action', 'by', 'stage'],
    ...state.history.map((h) => [
      h.seq,
      formatDateTimeVN(h.at),
      h.action,
      `${h.actor.role}:${h.actor.id}`,
      `${h.stageFrom ?? '∅'} → ${h.stageTo}${h.level ? ` (${h.level})` : ''}`,
    ]),
  ]);
  return [summary, '', 'Scores', scores, '', 'Post-inspections (hậu kiểm)', inspections, '', 'History', history].join(
    '\n',
  );
}

const CALENDAR_LABELS: [keyof Omit<CycleCalendar, 'evaluation'>, string][] = [
  ['registrationOpens', 'registration opens'],
  ['registrationCloses', 'registration closes'],
  ['dossierDeadline', 'dossier deadline'],
];

export function formatCalendar(calendar: CycleCalendar): string {
  return table([
    ...CALENDAR_LABELS.map(([key, label]) => [label, formatDateTimeVN(calendar[key])]),
    ...Object.entries(calendar.evaluation).map(([level, at]) => [`evaluation (${level})`, formatDateTimeVN(at)]),
    ['cycle ends', formatDateTimeVN(calendar.cycleEnds)],
  ]);
}

const goalOrActual = (line: TargetLine, value: number) =>
  line.target.endsWith('Share') ? `${Math.round(value * 1000) / 10}%` : value;

export function formatTargets(lines: TargetLine[]): string {
  return table([
    ['target', 'goal', 'actual', ''],
    ...lines.map((line) => [
      line.label,
      goalOrActual(line, line.goal),
      goalOrActual(line, line.actual),
      mark(line.met),
    ]),
  ]);
}

const mark = (met: boolean) => (met ? '✓' : '✗');

export function formatCycleStarted(started: { cycleId: string; workflowId: string }, cycle: Cycle): string {
  return [
    table([
      ['Cycle', `${started.cycleId} (${cycle.ruleSetId})`],
      ['Workflow', started.workflowId],
    ]),
    '',
    'Calendar (Asia/Ho_Chi_Minh)',
    formatCalendar(cycle.calendar),
  ].join('\n');
}

export function formatCycleView(state: CycleState, report: CycleReport): string {
  return [
    table([
      ['Cycle', `${state.cycleId} (${state.ruleSetId})`],
      ['Phase', state.phaseEndsAt ? `${state.phase} until ${formatDateTimeVN(state.phaseEndsAt)}` : state.phase],
      ['Registered', state.registered],
    ]),
    '',
    'Calendar (Asia/Ho_Chi_Minh)',
    formatCalendar(state.calendar),
    '',
    'Progress against targets',
    formatTargets(report.targets),
  ].join('\n');
}

/** Counts per key, or `none` when there is nothing to count yet. */
function counts(rows: (string | number)[][], header?: string[]): string {
  return rows.length ? table(header ? [header, ...rows] : rows) : 'none';
}

export function formatReport(report: CycleReport): string {
  return [
    `Report ${report.cycleId} · generated ${formatDateTimeVN(report.generatedAt)} (Asia/Ho_Chi_Minh)`,
    `Registered ${report.registered} products of ${report.subjects.total} subjects`,
    '',
    'By stage',
    counts(Object.entries(report.byStage)),
    '',
    'Certified, by stars',
    counts(Object.entries(report.byStars).map(([stars, n]) => [`${stars}★`, n])),
    '',
    'By product group',
    counts(
      Object.entries(report.byGroup).map(([group, n]) => [group, n.registered, n.certified]),
      ['group', 'registered', 'certified'],
    ),
    '',
    'Subjects, by type',
    counts(Object.entries(report.subjects.byType)),
    '',
    'Targets',
    formatTargets(report.targets),
  ].join('\n');
}

const csvCell = (value: string | number | boolean | undefined) => {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One row per figure, `section,key,value,goal,met`; only targets fill the last two. */
export function reportCsv(report: CycleReport): string {
  const rows: (string | number | boolean | undefined)[][] = [
    ['section', 'key', 'value', 'goal', 'met'],
    ['summary', 'generated_at', report.generatedAt],
    ['summary', 'registered', report.registered],
    ['summary', 'subjects', report.subjects.total],
    ...Object.entries(report.byStage).map(([stage, n]) => ['stage', stage, n]),
    ...Object.entries(report.byStars).map(([stars, n]) => ['stars', stars, n]),
    ...Object.entries(report.byGroup).flatMap(([group, n]) => [
      ['group_registered', group, n.registered],
      ['group_certified', group, n.certified],
    ]),
    ...Object.entries(report.subjects.byType).map(([type, n]) => ['subject_type', type, n]),
    ...report.targets.map((t) => ['target', t.target, t.actual, t.goal, t.met]),
  ];
  return rows.map((row) => [0, 1, 2, 3, 4].map((i) => csvCell(row[i])).join(',')).join('\n');
}

/** Temporal lists ten years ahead; three say when it fires. */
const NEXT_RUNS_SHOWN = 3;

export function formatSchedule(schedule: CycleScheduleView): string {
  return table([
    ['Schedule', schedule.scheduleId],
    ['Paused', schedule.paused ? 'yes' : 'no'],
    ['Recent runs', schedule.recentRuns],
    [
      'Next runs',
      schedule.nextRuns
        .slice(0, NEXT_RUNS_SHOWN)
        .map((at) => formatDateTimeVN(at))
        .join(', ') || '—',
    ],
  ]);
}

export function formatImportSummary(cycleId: string, total: number, summary: ImportSummary): string {
  const { registered, refused } = summary;
  const lines = [`Registered ${registered.length} of ${total} rows in ${cycleId}`];
  if (registered.length) lines.push(table([['row', 'product'], ...registered.map((r) => [r.row, r.productId])]));
  if (refused.length) {
    const rows = new Set(refused.map((r) => r.row)).size;
    lines.push('', `Refused ${rows} ${rows === 1 ? 'row' : 'rows'}`);
    lines.push(table([['row', 'field', 'reason'], ...refused.map((r) => [r.row, r.field ?? '—', r.reason])]));
  }
  return lines.join('\n');
}
