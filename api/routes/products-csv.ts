// The product list as a CSV file for the province's spreadsheets: the list's
// fields under the import file's snake_case names (product_name, product_group,
// subject_id, unit and kind read back as they were written), codes as the API
// gives them, for a spreadsheet filters on codes, and dates in Vietnam's time
// as the office writes them.
import { stringify } from 'csv-stringify/sync';
import type { ProductListItem } from '../../read-model/product-queries';
import { formatDateTimeVN } from '../../domain/dates';
import { neutraliseFormula } from '../csv-cells';

const COLUMNS: readonly [string, (item: ProductListItem) => string | number | null][] = [
  ['product_id', (item) => item.productId],
  ['product_name', (item) => item.name],
  ['cycle_id', (item) => item.cycleId],
  ['product_group', (item) => item.group],
  ['subject_id', (item) => item.subjectId],
  ['unit', (item) => item.unit],
  ['kind', (item) => item.kind],
  ['stage', (item) => item.stage],
  ['level', (item) => item.level],
  ['stars', (item) => item.stars],
  ['score', (item) => item.score],
  ['next_deadline', (item) => (item.nextDeadline ? formatDateTimeVN(item.nextDeadline) : null)],
  ['certificate_no', (item) => item.certificateNo],
  ['updated_at', (item) => formatDateTimeVN(item.updatedAt)],
];

/** The header line's names, for the API's documentation. */
export const PRODUCT_CSV_HEADER = COLUMNS.map(([name]) => name).join(',');

/** With a byte order mark, so that a spreadsheet opens the Vietnamese names as UTF-8. */
export function productsCsv(items: readonly ProductListItem[]): string {
  return stringify(
    items.map((item) => COLUMNS.map(([, value]) => neutraliseFormula(value(item)))),
    { header: true, columns: COLUMNS.map(([name]) => name), bom: true, record_delimiter: 'unix' },
  );
}
