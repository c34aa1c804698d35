// The list the address asks for, and the ways to change it. Each change is a new history entry, so the back button
// returns to the previous filter.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ProductListQuery } from '../../../../domain/product-list';
import { queryOf, withParam, type LinkedKey } from './product-query';

export interface ProductQueryControls {
  /** The first page's query: filters, sort and page size. */
  query: ProductListQuery;
  set: (key: LinkedKey, value: string | undefined) => void;
  clear: () => void;
}

export function useProductQuery(): ProductQueryControls {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryOf(params), [params]);
  const set = useCallback(
    (key: LinkedKey, value: string | undefined) => setParams((current) => withParam(current, key, value)),
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return { query, set, clear };
}
