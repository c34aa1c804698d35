// Readable text for people; `--json` prints one JSON object for programs.
// Tables are cli-table3's, borderless: it measures Vietnamese text (combining
// marks, wide characters) by its display width, not its code points.
import Table from 'cli-table3';
import type { CycleCalendar, CycleState } from '../../domain/cycle';
import { formatDateTimeVN, formatDateVN } from '../../domain/dates';
import type { ActionAnswer, ApplicationSummary, ProductState } from '../../domain/product';
import type { CycleReport, TargetLine } from '../../domain/report';
import type {
  CycleSchedule,
  CycleSummary,
  Grant,
  GrantChange,
  ImportResult,
  ProductPage,
  ProductView,
  Task,
} from '../api-client';

type Cell = string | number | boolean | null | undefined;

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

export function table(rows: Cell[][]): string {
  const t = new Table({
    chars: BORDERLESS,
    style: { 'padding-left': 0, 'padding-right': 0, head: [], border: [], compact: true },
  });
  t.push(...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell)))));
  return t
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

const when = (at: string | null | undefined) => (at ? formatDateTimeVN(at) : '—');

function summaryOf(state: ApplicationSummary, place?: string | null): string {
  const certificate = state.certificate
    ? `${state.certificate.number} (${state.certificate.stars}★, valid until ${formatDateVN(state.certificate.validUntil)})`
    : '—';
  const deadline = state.deadline
    ? `${state.deadline.kind}${state.deadline.level ? ` (${state.deadline.level})` : ''} due ${formatDateTimeVN(state.deadline.dueAt)}`
    : '—';
  return table([
    ['Product', state.productId],
    ['Cycle', state.cycleId],
    ...(place ? [['Unit', place]] : []),
    ['Kind', state.kind],
    ['Stage', state.level && state.stage === 'EVALUATION' ? `${state.stage} (${state.level})` : state.stage],
    ['Stars', state.stars ?? '—'],
    ['Deadline', deadline],
    ['Certificate', certificate],
    ['Supplements', state.supplementRounds],
  ]);
}

function scoresOf(state: ProductState): string {
  if (!state.scores.length) return 'no council result yet';
  return table([
    ['level', 'meeting', 'total', 'stars', 'members', 'failed'],
    ...state.scores.map((s) => [
      s.level,
      formatDateVN(s.meetingDate),
      s.total ?? '—',
      s.stars ?? '—',
      s.members,
      [...s.mandatoryFailed, ...s.failedCriteria].join(', ') || '—',
    ]),
  ]);
}

function inspectionsOf(state: ProductState): string {
  if (!state.inspections.length) return 'no inspection yet';
  return table([
    ['round', 'due', 'inspected', 'outcome', 'detail'],
    ...state.inspections.map((i) => [i.round, formatDateVN(i.dueAt), formatDateVN(i.inspectedAt), i.outcome, i.detail]),
  ]);
}

const move = (from: string | null, to: string, level: string | null) =>
  `${from ?? '∅'} → ${to}${level ? ` (${level})` : ''}`;

/** A state as an action answers it: the history names each actor by role and id. */
/** What an action answers: where the application stands, and the transition the action recorded. */
export function formatActionAnswer(answer: ActionAnswer): string {
  const t = answer.transition;
  if (!t) return summaryOf(answer);
  const recorded = `Recorded #${t.seq} at ${formatDateTimeVN(t.at)} (UTC+7): ${t.action}, ${move(t.stageFrom, t.stageTo, t.level)}`;
  return [summaryOf(answer), '', recorded].join('\n');
}

/** A product as `product show` gives it: the timeline names the people who acted. */
export function formatProductView(view: ProductView): string {
  const unit = typeof view.product.unit === 'string' ? view.product.unit : null;
  const timeline = table([
    ['#', 'at (UTC+7)', 'action', 'by', 'stage'],
    ...view.timeline.map((h) => [
      h.seq,
      formatDateTimeVN(h.at),
      h.action,
      h.actor.name ? `${h.actor.name} (${h.actor.role})` : h.actor.role,
      move(h.stageFrom, h.stageTo, h.level),
    ]),
  ]);
  return [
    summaryOf(view.state, unit),
    '',
    'Scores',
    scoresOf(view.state),
    '',
    'Post-inspections (hậu kiểm)',
    inspectionsOf(view.state),
    '',
    'History',
    timeline,
  ].join('\n');
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
      line.met ? '✓' : '✗',
    ]),
  ]);
}

export function formatCycleStarted(
  started: { cycleId: string; workflowId: string },
  cycle: { ruleSetId: string; calendar: CycleCalendar },
): string {
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

const reasonOf = (error: ImportResult['rows'][number]['error']) =>
  typeof error === 'string' ? error : error ? (error.detail ?? error.title) : '';

export function formatImport(cycleId: string, result: ImportResult): string {
  const registered = result.rows.filter((r) => r.status === 'registered');
  const refused = result.rows.filter((r) => r.status === 'refused');
  const lines = [`Registered ${result.registered} of ${result.rows.length} rows in ${cycleId}`];
  if (registered.length) lines.push(table([['line', 'product'], ...registered.map((r) => [r.line, r.productId])]));
  if (refused.length) {
    lines.push('', `Refused ${result.refused} ${result.refused === 1 ? 'row' : 'rows'}`);
    lines.push(table([['line', 'reason'], ...refused.map((r) => [r.line, reasonOf(r.error)])]));
  }
  return lines.join('\n');
}

const scopeOf = (scope: Grant['scope']) =>
  [
    scope.province,
    scope.unit && `unit ${scope.unit}`,
    scope.level && `level ${scope.level}`,
    scope.subjectId && `subject ${scope.subjectId}`,
  ]
    .filter(Boolean)
    .join(', ');

export function formatGrants(grants: Grant[]): string {
  if (!grants.length) return 'no grants';
  return table([
    ['grant', 'subject', 'role', 'scope', 'valid from', 'until', 'revoked'],
    ...grants.map((g) => [
      g.id,
      g.subject,
      g.role,
      scopeOf(g.scope),
      when(g.validFrom),
      when(g.validUntil),
      when(g.revokedAt),
    ]),
  ]);
}

const byWhom = (by: unknown) => {
  if (typeof by === 'string') return by;
  if (typeof by === 'object' && by !== null) {
    const { name, subject } = by as { name?: string | null; subject?: string };
    return name ?? subject ?? '';
  }
  return '';
};

export function formatGrantChanges(changes: GrantChange[]): string {
  if (!changes.length) return 'no grant changes';
  return table([
    ['at (UTC+7)', 'change', 'grant', 'by', 'reason'],
    ...changes.map((c) => [when(c.at), c.change, c.grantId, byWhom(c.by ?? c.bySubject), c.reason]),
  ]);
}

export function formatProductList(page: ProductPage): string {
  if (!page.items.length) return 'no products';
  const rows = table([
    ['product', 'name', 'unit', 'stage', 'stars', 'group', 'subject', 'deadline'],
    ...page.items.map((p) => [
      p.productId,
      p.name,
      p.unit,
      p.level && p.stage === 'EVALUATION' ? `${p.stage} (${p.level})` : p.stage,
      p.stars ?? '—',
      p.group,
      p.subjectName ?? p.subjectId,
      when(p.deadline),
    ]),
  ]);
  return page.nextCursor ? `${rows}\n\nmore: --cursor ${page.nextCursor}` : rows;
}

export function formatTasks(tasks: Task[]): string {
  if (!tasks.length) return 'nothing waits for you';
  return table([
    ['due (UTC+7)', 'product', 'name', 'stage', 'action'],
    ...tasks.map((t) => [
      when(t.deadline),
      t.productId,
      t.name,
      t.level ? `${t.stage} (${t.level})` : t.stage,
      t.action,
    ]),
  ]);
}

/** Any list of flat records, one column per key of the first. */
export function formatRecords(records: Record<string, unknown>[], empty: string): string {
  const [first] = records;
  if (!first) return empty;
  const keys = Object.keys(first).filter((k) => typeof first[k] !== 'object' || first[k] === null);
  return table([keys, ...records.map((r) => keys.map((k) => r[k] as Cell))]);
}

export function formatCycles(cycles: CycleSummary[]): string {
  if (!cycles.length) return 'no cycles';
  return table([
    ['cycle', 'province', 'year', 'rules', 'phase'],
    ...cycles.map((c) => [c.cycleId, c.province, c.year, c.ruleSetId, c.phase]),
  ]);
}

/** Temporal lists ten years ahead; three say when it fires. */
const NEXT_RUNS_SHOWN = 3;

export function formatSchedule(schedule: CycleSchedule): string {
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
