// Registrations read from a CSV file (see ./csv.ts): one row, one product.
// The API reads an uploaded file with it and the CLI a local one; each row is
// checked on its own, so one bad row is refused with its column and rule while
// the others go ahead.
import { type RegisterProduct, RegistrationForm } from '../domain/cycle';
import type { RuleSetId } from '../domain/rules';
import type { Actor } from '../domain/schemas';
import { checkUnit } from '../domain/units';
import { readCsv, type Refused } from './csv';
import { OcopError } from './errors';

/** The columns, and the field of a registration each one fills. */
const COLUMNS = {
  product_name: 'product.name',
  product_group: 'product.group',
  subject_id: 'subject.id',
  subject_name: 'subject.name',
  subject_type: 'subject.type',
  subject_email: 'subject.email',
  unit: 'unit',
  kind: 'kind',
  previous_product_id: 'previousProductId',
} as const;
type Column = keyof typeof COLUMNS;
const OPTIONAL: readonly Column[] = ['subject_email', 'kind', 'previous_product_id'];
/** Coordinators head the place column by what it holds: districts under Decision 148, communes since 1489. */
const ALIASES: Readonly<Record<string, Column>> = { district: 'unit', commune: 'unit' };

export interface ImportSummary {
  registered: { row: number; productId: string }[];
  refused: Refused[];
}

/** Without an importer, each subject registers its own product, as the validator allows a producer to. */
export function registrant(subject: { id: string }, as?: Actor): Actor {
  return as ?? { id: subject.id, role: 'producer' };
}

export interface RegistrationFileOptions {
  /** Who registers every row; without it, each row's subject. */
  as?: Actor;
  /** How messages name the file and the actor: a flag, a request body. */
  source?: string;
  actorSource?: string;
  /** The cycle's province and rule set, to refuse a unit that is not one of its own before sending. */
  place?: { province: string; ruleSetId: RuleSetId };
}

/** The column, or the actor's source, that a field of a registration comes from. */
export function sourceOf(path: string, actorSource = '--as'): string | undefined {
  if (path === 'actor' || path.startsWith('actor.')) return actorSource;
  return (Object.keys(COLUMNS) as Column[]).find((column) => COLUMNS[column] === path);
}

/** The file's rows as registrations ready to send, and the refusals of rows that are not sent. */
export function readRegistrations(
  text: string,
  options: RegistrationFileOptions = {},
): { rows: { row: number; registration: RegisterProduct }[]; refused: Refused[]; total: number } {
  const { as, source = '--file', place } = options;
  const csv = readCsv(text, source, Object.keys(COLUMNS) as Column[], OPTIONAL, ALIASES);
  const rows: { row: number; registration: RegisterProduct }[] = [];
  const refused: Refused[] = [...csv.refused];
  for (const { row, cell } of csv.rows) {
    const parsed = RegistrationForm.safeParse(
      {
        product: { name: cell('product_name'), group: cell('product_group') },
        subject: {
          id: cell('subject_id'),
          name: cell('subject_name'),
          type: cell('subject_type'),
          email: cell('subject_email'),
        },
        unit: cell('unit'),
        kind: cell('kind'),
        previousProductId: cell('previous_product_id'),
      },
      { reportInput: true },
    );
    // Every fault of a row at once, the unit's place among them, so one correction of the file fixes it.
    const faults: Refused[] = (parsed.error?.issues ?? []).map((issue) => ({
      row,
      field: sourceOf(issue.path.join('.'), options.actorSource),
      reason: issue.input === undefined && /^Invalid input/.test(issue.message) ? 'is required' : issue.message,
    }));
    const unit = parsed.data?.unit ?? cell('unit');
    const unitFault = faults.some((f) => f.field === 'unit');
    const misplaced = place && unit !== undefined && !unitFault && checkUnit(place.province, place.ruleSetId, unit);
    if (misplaced) faults.push({ row, field: 'unit', reason: misplaced });
    if (faults.length || !parsed.data) {
      refused.push(...faults);
      continue;
    }
    rows.push({ row, registration: { ...parsed.data, actor: registrant(parsed.data.subject, as) } });
  }
  return { rows, refused, total: csv.total };
}

const ROW_REFUSALS: readonly OcopError['kind'][] = [
  'ValidationError',
  'WrongStage',
  'Forbidden',
  'DeadlinePassed',
  'AlreadyExists',
];

/**
 * A refusal of one row by the cycle, e.g. a duplicate or a closed window;
 * anything else (the cycle unknown, Temporal down) stops the import.
 */
export function rowRefusal(row: number, error: unknown, actorSource?: string): Refused | null {
  if (!isRefusal(error)) return null;
  return refusalOfRow(row, error.message.replace(/^registerProduct: /, ''), actorSource);
}

/** Whether the cycle refused what it was sent (a row, or a batch as a whole), rather than failed. */
export function isRefusal(error: unknown): error is OcopError {
  return error instanceof OcopError && ROW_REFUSALS.includes(error.kind);
}

/** A cycle's `field: rule` refusal of one row, the field named by its column. */
export function refusalOfRow(row: number, reason: string, actorSource?: string): Refused {
  const match = /^([\w.]+): (.*)$/s.exec(reason);
  const field = match?.[1] ? sourceOf(match[1], actorSource) : undefined;
  return field && match?.[2] ? { row, field, reason: match[2] } : { row, reason };
}
