// Registrations read from a CSV file (see ../csv.ts): one row, one product.
import { type RegisterProduct, RegistrationFields } from '../../domain/cycle';
import { checkPreviousProduct } from '../../domain/product';
import type { Actor } from '../../domain/schemas';
import { readCsv, type Refused } from '../csv';
import { OcopError } from '../errors';

/** The columns, and the field of a registration each one fills. */
const COLUMNS = {
  product_name: 'product.name',
  product_group: 'product.group',
  subject_id: 'subject.id',
  subject_name: 'subject.name',
  subject_type: 'subject.type',
  subject_email: 'subject.email',
  kind: 'kind',
  previous_product_id: 'previousProductId',
} as const;
type Column = keyof typeof COLUMNS;
const OPTIONAL: readonly Column[] = ['subject_email', 'kind', 'previous_product_id'];

/** A registration as the file gives it: the actor comes from `--as`, or is the subject itself. */
export const FileRegistration = RegistrationFields.omit({ actor: true }).superRefine(checkPreviousProduct);

export interface ImportSummary {
  registered: { row: number; productId: string }[];
  refused: Refused[];
}

/** Without `--as`, each subject registers its own product, as the validator allows a producer to. */
export function registrant(subject: { id: string }, as?: Actor): Actor {
  return as ?? { id: subject.id, role: 'producer' };
}

/** The column, or flag, that a field of a registration comes from. */
export function sourceOf(path: string): string | undefined {
  if (path === 'actor' || path.startsWith('actor.')) return '--as';
  return (Object.keys(COLUMNS) as Column[]).find((column) => COLUMNS[column] === path);
}

/** The file's rows as registrations ready to send, and the refusals of rows that are not sent. */
export function readRegistrations(
  text: string,
  as?: Actor,
): { rows: { row: number; registration: RegisterProduct }[]; refused: Refused[]; total: number } {
  const csv = readCsv(text, '--file', Object.keys(COLUMNS) as Column[], OPTIONAL);
  const rows: { row: number; registration: RegisterProduct }[] = [];
  const refused: Refused[] = [...csv.refused];
  for (const { row, cell } of csv.rows) {
    const parsed = FileRegistration.safeParse({
      product: { name: cell('product_name'), group: cell('product_group') },
      subject: {
        id: cell('subject_id'),
        name: cell('subject_name'),
        type: cell('subject_type'),
        email: cell('subject_email'),
      },
      kind: cell('kind'),
      previousProductId: cell('previous_product_id'),
    });
    if (parsed.success) {
      rows.push({ row, registration: { ...parsed.data, actor: registrant(parsed.data.subject, as) } });
    } else {
      for (const issue of parsed.error.issues) {
        refused.push({ row, field: sourceOf(issue.path.join('.')), reason: issue.message });
      }
    }
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
export function rowRefusal(row: number, error: unknown): Refused | null {
  if (!(error instanceof OcopError) || !ROW_REFUSALS.includes(error.kind)) return null;
  const reason = error.message.replace(/^registerProduct: /, '');
  const match = /^([\w.]+): (.*)$/s.exec(reason);
  const field = match?.[1] ? sourceOf(match[1]) : undefined;
  return field && match?.[2] ? { row, field, reason: match[2] } : { row, reason };
}
