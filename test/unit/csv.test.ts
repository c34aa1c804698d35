// The spreadsheet files coordinators import: rows keep the numbers a
// spreadsheet shows, and a header with a misspelt column refuses the file.
import { readCsv } from '../../client/csv';

const COLUMNS = ['name', 'email', 'note'] as const;

describe('readCsv', () => {
  it('numbers rows as the spreadsheet does, blank lines included, and refuses a row whose cells do not fit', () => {
    const csv = readCsv('name,email\nAn,an@example.vn\n\nBình,\nChi,chi@example.vn,extra\n', '--file', COLUMNS, [
      'note',
    ]);
    expect(csv.total).toBe(3);
    expect(csv.rows.map(({ row, cell }) => [row, cell('name'), cell('email'), cell('note')])).toEqual([
      [2, 'An', 'an@example.vn', undefined],
      [4, 'Bình', undefined, undefined],
    ]);
    expect(csv.refused).toEqual([{ row: 5, reason: 'has 3 cells; the header names 2 columns' }]);
  });

  it('refuses a header with an unknown or a missing column, naming both', () => {
    expect(() => readCsv('name,mail\nAn,an@example.vn\n', 'FILE', COLUMNS, ['note'])).toThrow(
      'FILE: header: unknown column mail; missing column email; expected name,email,note',
    );
    expect(() => readCsv('', '--file', COLUMNS, [])).toThrow(
      '--file: is empty; the first line must be name,email,note',
    );
  });
});
