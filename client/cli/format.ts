// Readable text for people; `--json` prints one JSON object for programs.
import { formatDateTimeVN, formatDateVN } from '../../domain/dates';
import type { ProductState } from '../../domain/product';

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
