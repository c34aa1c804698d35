// Spreadsheet files, as provinces keep their registrations and address books:
// CSV with a header naming known columns, each row checked on its own, so one
// bad row is refused with its row number, column and rule while the others go
// ahead.
import { parse } from 'csv-parse/sync';
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
 * misspelt column is not silently dropped.
 */
export function readCsv<C extends string>(
  text: string,
  source: string,
  columns: readonly C[],
  optional: readonly C[],
): CsvRows<C> {
  let records: string[][];
  try {
    // Blank lines are kept, so row numbers stay those of the spreadsheet.
    records = parse(text, { bom: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new OcopError('ValidationError', `${source}: ${(error as Error).message}`);
  }
  const [names, ...data] = records;
  const header = checkHeader(names, source, columns, optional);
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
): C[] {
  const expected = columns.join(',');
  if (!names) throw new OcopError('ValidationError', `${source}: is empty; the first line must be ${expected}`);
  const unknown = names.filter((name) => !(columns as readonly string[]).includes(name));
  const missing = columns.filter((c) => !optional.includes(c) && !names.includes(c));
  if (unknown.length || missing.length) {
    const problems = [
      ...(unknown.length ? [`unknown column ${unknown.join(', ')}`] : []),
      ...(missing.length ? [`missing column ${missing.join(', ')}`] : []),
    ];
    throw new OcopError('ValidationError', `${source}: header: ${problems.join('; ')}; expected ${expected}`);
  }
  return names as C[];
}
