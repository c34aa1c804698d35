// The list's filters and sort live in the address (?stage=CERTIFIED&sort=-stars), so a filtered view can be linked
// and the back button undoes a filter. The address is read through the API's own schema of the query, so a stale or
// mistyped parameter drops itself instead of sending a request the API would refuse.
import type { SortingState } from '@tanstack/react-table';
import { ProductListQuery, ProductSort, sortOrder } from '../../../../domain/product-list';

/** The parameters a link may carry: the filters and the sort, never the page size or a cursor. */
export const LINKED_KEYS = [
  'cycle',
  'stage',
  'stars',
  'group',
  'unit',
  'subject',
  'subjectType',
  'level',
  'kind',
  'deadlineBefore',
  'q',
  'sort',
] as const;
export type LinkedKey = (typeof LINKED_KEYS)[number];

export const PAGE_SIZE = 50;

/** The first page's query for what the address asks, with each invalid parameter left out. */
export function queryOf(params: URLSearchParams): ProductListQuery {
  const asked = Object.fromEntries(
    LINKED_KEYS.flatMap((key) => {
      const value = params.get(key);
      return value ? [[key, value]] : [];
    }),
  );
  const whole = ProductListQuery.safeParse({ ...asked, limit: PAGE_SIZE });
  if (whole.success) return whole.data;
  const invalid = new Set(whole.error.issues.map((issue) => String(issue.path[0])));
  const valid = Object.entries(asked).filter(([key]) => !invalid.has(key));
  return ProductListQuery.parse({ ...Object.fromEntries(valid), limit: PAGE_SIZE });
}

/** The filters and the sort of `query` as parameters, as a link or a download carries them. */
export function paramsOf(query: ProductListQuery): URLSearchParams {
  return new URLSearchParams(
    LINKED_KEYS.flatMap((key) => {
      const value = query[key];
      return value === undefined ? [] : [[key, String(value)]];
    }),
  );
}

/** The address with one parameter set, or removed when empty; the other parameters stay. */
export function withParam(params: URLSearchParams, key: LinkedKey, value: string | undefined): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(key, value);
  else next.delete(key);
  return next;
}

export function sortingOf(sort: ProductSort): SortingState {
  const { key, descending } = sortOrder(sort);
  return [{ id: key, desc: descending }];
}

/** The table's chosen column as the API's sort; undefined is the default, by name. */
export function sortOf(sorting: SortingState): ProductSort | undefined {
  const [first] = sorting;
  if (!first) return undefined;
  const sort = ProductSort.safeParse(first.desc ? `-${first.id}` : first.id);
  return sort.success && sort.data !== 'name' ? sort.data : undefined;
}
