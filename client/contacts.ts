// Contacts read from a CSV file, as a province keeps its address book in a
// spreadsheet. Each row is checked on its own: a refused row is listed with its
// row number, column and rule, and nothing of it is imported, while the valid
// rows of the same file are.
import { parse } from 'csv-parse/sync';
import { Contact } from '../domain/notifications';
import type { Refused } from './cli/registrations';
import { OcopError } from './errors';

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
const EXPECTED = Object.keys(COLUMNS).join(',');

export interface ContactRows {
  total: number;
  valid: { row: number; contact: Contact }[];
  refused: Refused[];
}

function header(names: string[] | undefined): Column[] {
  if (!names) throw new OcopError('ValidationError', `FILE: is empty; the first line must be ${EXPECTED}`);
  const unknown = names.filter((name) => !(name in COLUMNS));
  const missing = (Object.keys(COLUMNS) as Column[]).filter((c) => !OPTIONAL.includes(c) && !names.includes(c));
  if (unknown.length || missing.length) {
    const problems = [
      ...(unknown.length ? [`unknown column ${unknown.join(', ')}`] : []),
      ...(missing.length ? [`missing column ${missing.join(', ')}`] : []),
    ];
    throw new OcopError('ValidationError', `FILE: header: ${problems.join('; ')}; expected ${EXPECTED}`);
  }
  return names as Column[];
}

export function readContacts(text: string): ContactRows {
  let records: string[][];
  try {
    // Blank lines are kept, so row numbers stay those of the spreadsheet.
    records = parse(text, { bom: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new OcopError('ValidationError', `FILE: ${(error as Error).message}`);
  }
  const [names, ...data] = records;
  const columns = header(names);
  const result: ContactRows = { total: 0, valid: [], refused: [] };
  const firstRowOf = new Map<string, number>();
  data.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell === '')) return;
    result.total++;
    if (cells.length !== columns.length) {
      result.refused.push({ row, reason: `has ${cells.length} cells; the header names ${columns.length} columns` });
      return;
    }
    const fields = Object.fromEntries(
      columns.map((column, i) => [COLUMNS[column], cells[i] === '' ? undefined : cells[i]]),
    );
    const parsed = Contact.safeParse(fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = (Object.keys(COLUMNS) as Column[]).find((c) => COLUMNS[c] === issue.path[0]);
        result.refused.push({ row, field, reason: issue.message });
      }
      return;
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
      return;
    }
    firstRowOf.set(key, row);
    result.valid.push({ row, contact });
  });
  return result;
}
