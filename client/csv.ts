// Spreadsheet files, as provinces keep their registrations and address books:
// CSV with a header naming known columns, each row checked on its own, so one
// bad row is refused with its row number, column and rule while the others go
// ahead.
import { parse } from 'csv-parse/sync';
import { CSV_MAX_ROWS } from '../domain/csv-limits';
import { OcopError } from './errors';

export interface Refused {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** The column (or flag) at fault, when the refusal is about one. */
  field?: string;
  reason: string;
}

export interface CsvRows<C extends string> {
  /** The data rows that are not blank. */
  total: number;
  /** Each row with its cells by column; an empty cell is absent. */
  rows: { row: number; cell: (column: C) => string | undefined }[];
  /** Rows whose cells do not match the header. */
  refused: Refused[];
}

/**
 * Reads `text` (named `source` in messages: a flag or an argument) whose header
 * must name only `columns`, and all but the `optional` ones, so that a
 * misspelt column is not silently dropped. `aliases` are other names people
 * give a column in their spreadsheets, e.g. `district` for `unit`.
 */
export function readCsv<C extends string>(
  text: string,
  source: string,
  columns: readonly C[],
  optional: readonly C[],
  aliases: Readonly<Record<string, C>> = {},
): CsvRows<C> {
  let records: string[][];
  try {
    // Blank lines are kept, so row numbers stay those of the spreadsheet.
    records = parse(text, { bom: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new OcopError('ValidationError', `${source}: ${(error as Error).message}`);
  }
  const [names, ...data] = records;
  const header = checkHeader(names, source, columns, optional, aliases);
  if (data.length > CSV_MAX_ROWS) {
    throw new OcopError(
      'ValidationError',
      `${source}: has ${data.length} rows; at most ${CSV_MAX_ROWS} are read at once`,
    );
  }
  const result: CsvRows<C> = { total: 0, rows: [], refused: [] };
  data.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell === '')) return;
    result.total++;
    if (cells.length !== header.length) {
      result.refused.push({ row, reason: `has ${cells.length} cells; the header names ${header.length} columns` });
      return;
    }
    result.rows.push({
      row,
      cell: (column) => {
        const value = cells[header.indexOf(column)];
        return value === '' ? undefined : value;
      },
    });
  });
  return result;
}

function checkHeader<C extends string>(
  names: string[] | undefined,
  source: string,
  columns: readonly C[],
  optional: readonly C[],
  aliases: Readonly<Record<string, C>>,
): C[] {
  const expected = columns.join(',');
  if (!names) throw new OcopError('ValidationError', `${source}: is empty; the first line must be ${expected}`);
  const known = (name: string): C | undefined =>
    (columns as readonly string[]).includes(name)
      ? (name as C)
      : Object.hasOwn(aliases, name)
        ? aliases[name]
        : undefined;
  const header = names.map(known);
  const unknown = names.filter((_, i) => header[i] === undefined);
  const missing = columns.filter((c) => !optional.includes(c) && !header.includes(c));
  const twice = columns.filter((c) => header.filter((h) => h === c).length > 1);
  const otherNames = (c: C) => Object.keys(aliases).filter((alias) => aliases[alias] === c);
  const named = (c: C) => (otherNames(c).length ? `${c} (or ${otherNames(c).join(', ')})` : c);
  if (unknown.length || missing.length || twice.length) {
    const problems = [
      ...(unknown.length ? [`unknown column ${unknown.join(', ')}`] : []),
      ...(missing.length ? [`missing column ${missing.map(named).join(', ')}`] : []),
      ...(twice.length ? [`column ${twice.map(named).join(', ')} given more than once`] : []),
    ];
    throw new OcopError('ValidationError', `${source}: header: ${problems.join('; ')}; expected ${expected}`);
  }
  return header as C[];
}
