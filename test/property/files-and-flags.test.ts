// The CSV import and the CLI's flags, fed generated hostile input (issue 13):
// a refused character, huge text or an impossible date in any cell or flag is
// refused naming its column or flag, and bytes that are not UTF-8 never reach a
// registration as anything PostgreSQL cannot store.
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { readRegistrations } from '../../client/registrations';
import { OcopError } from '../../client/errors';
import { CliError } from '../../client/cli/errors';
import { parseInstant, parseText } from '../../client/cli/commands/shared';
import { hostileDate, hostileString } from './hostile';

const HEADER = ['product_name', 'product_group', 'subject_id', 'subject_name', 'subject_type', 'unit'];
const ROW = ['Hạt dẻ Trùng Khánh', 'food', 'htx-trung-khanh', 'HTX Trùng Khánh', 'cooperative', '047'];

const hostileText = hostileString(false).filter((v): v is string => typeof v === 'string');
// A file is bytes, where a lone surrogate cannot be: csv-parse reads a string as UTF-8, which makes one U+FFFD.
const hostileCell = hostileText.filter((cell) => !/[\uD800-\uDFFF]/u.test(cell));

function fileOf(rows: string[][]): string {
  return stringify([HEADER, ...rows]);
}

/** Every text a registration carries: none may hold what PostgreSQL refuses. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(texts);
  return [];
}
const storable = (text: string) => !text.includes('\u0000') && !/[\uD800-\uDFFF]/u.test(text);

describe('a registrations CSV', () => {
  it('refuses a row with a hostile cell, naming its row and column, and takes the others', () => {
    const file = fc.record({
      rows: fc.integer({ min: 1, max: 4 }),
      at: fc.nat(),
      column: fc.integer({ min: 0, max: HEADER.length - 1 }),
      cell: hostileCell,
    });
    fc.assert(
      fc.property(file, ({ rows, at, column, cell }) => {
        const bad = at % rows;
        const data = Array.from({ length: rows }, (_, i) =>
          i === bad ? ROW.map((c, j) => (j === column ? cell : c)) : ROW.map((c, j) => (j === 2 ? `${c}-${i}` : c)),
        );
        const read = readRegistrations(fileOf(data));
        const refusedHere = read.refused.filter((r) => r.row === bad + 2);
        return (
          read.rows.length === rows - 1 &&
          refusedHere.some((r) => r.field === HEADER[column]) &&
          read.rows.every((r) => texts(r.registration).every(storable))
        );
      }),
      { numRuns: 1200 },
    );
  });

  it('never makes a registration PostgreSQL cannot store of bytes that are not UTF-8', () => {
    const bytes = fc.uint8Array({ minLength: 1, maxLength: 24 });
    fc.assert(
      fc.property(bytes, fc.integer({ min: 0, max: HEADER.length - 1 }), (garbage, column) => {
        const row = ROW.map((c, j) => (j === column ? `${c}"` : c));
        const text = Buffer.concat([
          Buffer.from(fileOf([row]).replace('"', '')),
          Buffer.from(garbage),
          Buffer.from('\n'),
        ]).toString('utf8');
        let read: ReturnType<typeof readRegistrations>;
        try {
          read = readRegistrations(text);
        } catch (error) {
          return error instanceof OcopError && error.kind === 'ValidationError' && error.message.startsWith('--file');
        }
        return read.rows.every((r) => texts(r.registration).every(storable));
      }),
      { numRuns: 600 },
    );
  });
});

/** The message a flag's parser refuses `value` with, or undefined when it takes it. */
function refusalOf(parse: (value: string) => unknown, value: string): string | undefined {
  try {
    parse(value);
    return undefined;
  } catch (error) {
    return error instanceof CliError ? error.message : `not a CliError: ${String(error)}`;
  }
}

describe('the CLI flags', () => {
  it('refuse hostile text in --reason, naming the flag', () => {
    fc.assert(
      fc.property(hostileText, (value) => refusalOf(parseText('--reason'), value)?.startsWith('--reason: ') === true),
      { numRuns: 600 },
    );
  });

  it('refuse an impossible or out-of-range date in --until, naming the flag', () => {
    fc.assert(
      fc.property(hostileDate, (value) => refusalOf(parseInstant('--until'), value)?.startsWith('--until: ') === true),
      { numRuns: 600 },
    );
  });
});
