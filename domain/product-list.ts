// The product list's query, as GET /v1/products takes it: the filters, the
// sort (a key, descending when prefixed by -), the page size and the cursor.
// The API validates with it, the read model takes its filter, and the client
// and the CLI send what it accepts, so the four never disagree on a bound.
import { z } from 'zod';
import { identifierText, nameText } from './text';
import { CycleId } from './ids';
import { ApplicationKind, Instant, LevelId, ProductGroup, Stage, SubjectType } from './schemas';
import { UnitCode } from './units';

/**
 * The most products one CSV of the list holds: a province registers a few
 * hundred a year, so this is every product of many years, and a filter that
 * matches more is refused rather than cut short without a word.
 */
export const PRODUCT_CSV_MAX_ROWS = 20_000;

export const ProductSortKey = z.enum(['name', 'deadline', 'stage', 'stars', 'updated']);
export type ProductSortKey = z.infer<typeof ProductSortKey>;

type ProductSortSpec = ProductSortKey | `-${ProductSortKey}`;
const SORT_SPECS = ProductSortKey.options.flatMap((key): ProductSortSpec[] => [key, `-${key}`]);

export const ProductSort = z.enum(SORT_SPECS as [ProductSortSpec, ...ProductSortSpec[]]);
export type ProductSort = z.infer<typeof ProductSort>;

export const ProductListQuery = z.strictObject({
  cycle: CycleId.optional(),
  stage: Stage.optional(),
  stars: z.coerce.number<number>().int('must be a whole number').min(1).max(5).optional(),
  group: ProductGroup.optional(),
  unit: UnitCode.optional(),
  subject: identifierText(120).optional(),
  /** The kind of producer: a cooperative, a cooperative group, an enterprise or a household. */
  subjectType: SubjectType.optional(),
  /** The council level the product is at now; a product not yet at a council has none. */
  level: LevelId.optional(),
  /** A first application, a re-evaluation of an expiring certificate, or an upgrade. */
  kind: ApplicationKind.optional(),
  deadlineBefore: Instant.optional(),
  /** A part of the product's name, matched whatever the case. */
  q: nameText(100).optional(),
  sort: ProductSort.default('name').describe('a field, descending when prefixed by -'),
  limit: z.coerce.number<number>().int('must be a whole number').min(1).max(200, 'must be at most 200').default(50),
  cursor: z
    .string()
    .max(400)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be the nextCursor of the previous page')
    .optional(),
});
/** The query as validated, defaults filled in. */
export type ProductListQuery = z.output<typeof ProductListQuery>;
/** The query as a client sends it: every field may be left out. */
export type ProductQuery = z.input<typeof ProductListQuery>;

/** What narrows the list, without the sort and the paging. */
export type ProductFilter = Omit<ProductListQuery, 'sort' | 'limit' | 'cursor'>;

/** `-stars` as the key `stars`, descending. */
export function sortOrder(sort: ProductSort): { key: ProductSortKey; descending: boolean } {
  const descending = sort.startsWith('-');
  return { key: ProductSortKey.parse(descending ? sort.slice(1) : sort), descending };
}
