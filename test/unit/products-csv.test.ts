// The product list's CSV: the import file's column names, codes as the API
// gives them, empty cells for what a product has not yet, and dates in
// Vietnam's time, with a byte order mark for spreadsheets.
import { parse } from 'csv-parse/sync';
import { PRODUCT_CSV_HEADER, productsCsv } from '../../api/routes/products-csv';
import type { ProductListItem } from '../../read-model/product-queries';

const ITEM: ProductListItem = {
  productId: 'CB-2023-0007',
  cycleId: 'CB-2023',
  province: 'CB',
  name: 'Hạt dẻ "Trùng Khánh", rang củi',
  group: 'food',
  subjectId: 'htx-nong-nghiep-hat-de-trung-khanh',
  unit: '047',
  kind: 'new',
  stage: 'POST_INSPECTION',
  level: 'district',
  stars: 4,
  score: 72.5,
  nextDeadline: '2024-03-31T17:00:00.000Z',
  certificateNo: 'CB-2023-00012',
  updatedAt: '2023-10-02T02:05:00.000Z',
};

describe('productsCsv', () => {
  it('writes one line per product under the header, dates in Asia/Ho_Chi_Minh', () => {
    const text = productsCsv([
      ITEM,
      { ...ITEM, productId: 'CB-2023-0008', stars: null, score: null, nextDeadline: null },
    ]);
    expect(text.startsWith(`\uFEFF${PRODUCT_CSV_HEADER}\n`)).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]).toEqual({
      product_id: 'CB-2023-0007',
      product_name: 'Hạt dẻ "Trùng Khánh", rang củi',
      cycle_id: 'CB-2023',
      product_group: 'food',
      subject_id: 'htx-nong-nghiep-hat-de-trung-khanh',
      unit: '047',
      kind: 'new',
      stage: 'POST_INSPECTION',
      level: 'district',
      stars: '4',
      score: '72.5',
      next_deadline: '01/04/2024 00:00',
      certificate_no: 'CB-2023-00012',
      updated_at: '02/10/2023 09:05',
    });
    expect(rows[1]).toMatchObject({ product_id: 'CB-2023-0008', stars: '', score: '', next_deadline: '' });
  });

  it('writes a name a spreadsheet would run as a formula as text (CSV injection)', () => {
    const names = ['=HYPERLINK("http://evil.example","Hạt dẻ")', '+84 chè', '-1+1', '@SUM(A1)', '\tTrà'];
    const text = productsCsv(names.map((name, i) => ({ ...ITEM, productId: `CB-2023-000${i}`, name })));
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.product_name)).toEqual(names.map((name) => `'${name}`));
    // Numbers are not text a person typed: a negative score would stay a number, and stars are never negative.
    expect(rows[0]?.score).toBe('72.5');
  });

  it('writes the header alone for no products', () => {
    expect(productsCsv([])).toBe(`\uFEFF${PRODUCT_CSV_HEADER}\n`);
  });
});
