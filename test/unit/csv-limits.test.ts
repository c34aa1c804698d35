// The bound on a CSV file's rows that the API, the CLI and the web app share:
// a file at the bound is read, one row more is refused before any row is.
import { readCsv } from '../../client/csv';
import { CSV_MAX_ROWS } from '../../domain/csv-limits';

const file = (rows: number) => `name\n${Array.from({ length: rows }, (_, i) => `Sản phẩm ${i}`).join('\n')}\n`;

describe('the CSV row bound', () => {
  it(`reads ${CSV_MAX_ROWS} rows and refuses ${CSV_MAX_ROWS + 1}, saying how many it holds`, () => {
    expect(readCsv(file(CSV_MAX_ROWS), '--file', ['name'], []).total).toBe(CSV_MAX_ROWS);
    expect(() => readCsv(file(CSV_MAX_ROWS + 1), '--file', ['name'], [])).toThrow(
      `--file: has ${CSV_MAX_ROWS + 1} rows; at most ${CSV_MAX_ROWS} are read at once`,
    );
  });
});
