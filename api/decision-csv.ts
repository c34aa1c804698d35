// A recognition decision as the national OCOP information system takes it in:
// one row per product recognised, with the decision repeated on each row so a
// file stands on its own. No published import format was found; the columns
// are those the provinces' announced lists give (product, subject, stars,
// certificate, decision), under snake_case names like the product list's CSV.
import { stringify } from 'csv-stringify/sync';
import type { AnnouncedDecision, AnnouncedProduct } from '../read-model/decisions';
import { formatDateVN } from '../domain/dates';
import { neutraliseFormula } from './csv-cells';

type Column = readonly [string, (d: AnnouncedDecision, p: AnnouncedProduct) => string | number | null];

const COLUMNS: readonly Column[] = [
  ['decision_number', (d) => d.number],
  ['decision_date', (d) => formatDateVN(d.decidedOn)],
  ['authority', (d) => d.authority],
  ['province', (d) => d.province],
  ['level', (d) => d.level],
  ['product_id', (_, p) => p.productId],
  ['product_name', (_, p) => p.productName],
  ['product_group', (_, p) => p.productGroup],
  ['subject_name', (_, p) => p.subjectName],
  ['subject_type', (_, p) => p.subjectType],
  ['unit', (_, p) => p.unit],
  ['stars', (_, p) => p.stars],
  ['certificate_number', (_, p) => p.certificateNumber],
  ['valid_until', (_, p) => formatDateVN(p.validUntil)],
];

export const DECISION_CSV_HEADER = COLUMNS.map(([name]) => name).join(',');

/** With a byte order mark, so that a spreadsheet opens the Vietnamese names as UTF-8. */
export function decisionCsv(decision: AnnouncedDecision): string {
  return stringify(
    decision.items.map((product) => COLUMNS.map(([, value]) => neutraliseFormula(value(decision, product)))),
    { header: true, columns: COLUMNS.map(([name]) => name), bom: true, record_delimiter: 'unix' },
  );
}
