// The spreadsheet files coordinators import: rows keep the numbers a
// spreadsheet shows, and a header with a misspelt column refuses the file.
import { readCsv } from '../../client/csv';
import { readRegistrations } from '../../client/registrations';

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

describe('readCsv with aliases', () => {
  const PLACE = ['name', 'unit'] as const;
  const ALIASES = { district: 'unit', commune: 'unit' } as const;

  it('reads a column under another name people give it', () => {
    const csv = readCsv('name,district\nAn,047\n', '--file', PLACE, [], ALIASES);
    expect(csv.rows.map(({ cell }) => [cell('name'), cell('unit')])).toEqual([['An', '047']]);
  });

  it('refuses a column given twice under two names, and names the aliases of a missing one', () => {
    expect(() => readCsv('name,unit,commune\nAn,047,01477\n', '--file', PLACE, [], ALIASES)).toThrow(
      '--file: header: column unit (or district, commune) given more than once; expected name,unit',
    );
    expect(() => readCsv('name\nAn\n', '--file', PLACE, [], ALIASES)).toThrow(
      '--file: header: missing column unit (or district, commune); expected name,unit',
    );
  });
});

describe('readRegistrations', () => {
  const HEADER = 'product_name,product_group,subject_id,subject_name,subject_type,';
  const as = { id: 'vp-ocop-cb', role: 'coordinator' } as const;

  it.each(['unit', 'district', 'commune'])('reads the place from a column headed %s', (column) => {
    const { rows, refused } = readRegistrations(
      `${HEADER}${column}\nHạt dẻ,food,htx-trung-khanh,HTX Trùng Khánh,cooperative,047\n`,
      { as },
    );
    expect(refused).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        registration: {
          actor: as,
          product: { name: 'Hạt dẻ', group: 'food' },
          subject: { id: 'htx-trung-khanh', name: 'HTX Trùng Khánh', type: 'cooperative' },
          unit: '047',
          kind: 'new',
        },
      },
    ]);
  });

  it("refuses a row without a place, or with one that is not the cycle's province's, and sends the others", () => {
    const { rows, refused, total } = readRegistrations(
      `${HEADER}unit\n` +
        'Hạt dẻ,food,htx-a,HTX A,cooperative,047\n' +
        'Miến dong,food,htx-b,HTX B,cooperative,\n' +
        'Thạch đen,food,hkd-c,HKD C,household,099\n',
      { source: 'body', place: { province: 'CB', ruleSetId: 'OCOP_148_2023' } },
    );
    expect(total).toBe(3);
    expect(rows.map((r) => [r.row, r.registration.actor])).toEqual([[2, { id: 'htx-a', role: 'producer' }]]);
    expect(refused).toEqual([
      {
        row: 3,
        field: 'unit',
        reason:
          'required: the code of the district (under OCOP_148_2023) or commune (under OCOP_1489_2025) the product comes from',
      },
      {
        row: 4,
        field: 'unit',
        reason: expect.stringMatching(/^must be one of Cao Bằng's districts under OCOP_148_2023: 040 /),
      },
    ]);
  });

  it('reports every fault of a row, its place among them, and names an empty cell as required', () => {
    const { rows, refused } = readRegistrations(
      `${HEADER}unit\n` + 'Thạch đen,drinks,hkd-c,HKD C,household,099\n' + ',food,hkd-d,HKD D,famly,047\n',
      { source: 'body', place: { province: 'CB', ruleSetId: 'OCOP_148_2023' } },
    );
    expect(rows).toEqual([]);
    expect(refused.map((r) => [r.row, r.field, r.reason.slice(0, 40)])).toEqual([
      [2, 'product_group', 'Invalid option: expected one of "food"|"'],
      [2, 'unit', "must be one of Cao Bằng's districts unde"],
      [3, 'product_name', 'is required'],
      [3, 'subject_type', 'Invalid option: expected one of "coopera'],
    ]);
  });

  it('names the file as its caller calls it', () => {
    expect(() => readRegistrations('product_name\nHạt dẻ\n', { source: 'body' })).toThrow(
      /^body: header: missing column/,
    );
  });
});
