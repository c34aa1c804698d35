// Contacts read from a CSV file, as a province keeps its address book in a
// spreadsheet. Each row is checked on its own: a refused row is listed with its
// row number, column and rule, and nothing of it is imported, while the valid
// rows of the same file are.
import { Contact } from '../domain/notifications';
import { readCsv, type Refused } from './csv';

/** The columns, and the field of a contact each one fills. */
const COLUMNS = {
  province: 'province',
  role: 'role',
  level: 'level',
  name: 'name',
  email: 'email',
  webhook_url: 'webhookUrl',
} as const;
type Column = keyof typeof COLUMNS;
const OPTIONAL: readonly Column[] = ['level', 'webhook_url'];

export interface ContactRows {
  total: number;
  valid: { row: number; contact: Contact }[];
  refused: Refused[];
}

export function readContacts(text: string): ContactRows {
  const csv = readCsv(text, 'FILE', Object.keys(COLUMNS) as Column[], OPTIONAL);
  const result: ContactRows = { total: csv.total, valid: [], refused: [...csv.refused] };
  const firstRowOf = new Map<string, number>();
  for (const { row, cell } of csv.rows) {
    const fields = Object.fromEntries((Object.keys(COLUMNS) as Column[]).map((c) => [COLUMNS[c], cell(c)]));
    const parsed = Contact.safeParse(fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = (Object.keys(COLUMNS) as Column[]).find((c) => COLUMNS[c] === issue.path[0]);
        result.refused.push({ row, field, reason: issue.message });
      }
      continue;
    }
    const contact = parsed.data;
    const key = [contact.province, contact.role, contact.level, contact.name].join('\u0000');
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      result.refused.push({
        row,
        field: 'name',
        reason: `repeats row ${first}: the same province, role, level and name`,
      });
      continue;
    }
    firstRowOf.set(key, row);
    result.valid.push({ row, contact });
  }
  return result;
}
