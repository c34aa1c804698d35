// One page of the list as the API sorts and pages it. While a page is being fetched the previous one stays on
// screen (no flash of an empty table) and the region says it is busy: data-loading is what the bench waits on to
// time a filter's round trip, aria-busy what a screen reader hears.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OnChangeFn, SortingState } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { ProductListQuery, ProductSort } from '../../../../domain/product-list';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Pager } from './Pager';
import { productPageQuery } from './product-page';
import { sortingOf, sortOf } from './product-query';
import { useProductColumns } from './useProductColumns';
import { usePaging } from './usePaging';

interface ProductsTableProps {
  query: ProductListQuery;
  /** A filter typed but not yet applied: the rows shown do not match it yet. */
  pending: boolean;
  onSort: (sort: ProductSort | undefined) => void;
  /** Until when to ask again every second, while the read model catches up with an import (epoch ms). */
  catchUpUntil: number | undefined;
}

const CATCH_UP_EVERY_MS = 1000;

export function ProductsTable({ query, pending, onSort, catchUpUntil }: ProductsTableProps) {
  const { t } = useTranslation('products');
  const columns = useProductColumns();
  const paging = usePaging(JSON.stringify(query));
  const pageQuery = paging.cursor ? { ...query, cursor: paging.cursor } : query;
  const list = useQuery({
    ...productPageQuery(pageQuery),
    placeholderData: keepPreviousData,
    // An import answers once the cycle has taken each product; the list, read from the read model, follows within
    // moments, so it is asked again for a short while rather than left one product short.
    refetchInterval: () => (catchUpUntil !== undefined && Date.now() < catchUpUntil ? CATCH_UP_EVERY_MS : false),
  });
  const sorting = sortingOf(query.sort);
  const changeSorting: OnChangeFn<SortingState> = (change) =>
    onSort(sortOf(typeof change === 'function' ? change(sorting) : change));
  const busy = list.isFetching || pending;
  const rows = list.data?.items ?? [];
  const nextCursor = list.isPlaceholderData ? null : list.data?.nextCursor;
  return (
    <div className="products-list" data-testid="products-table" data-loading={busy ? 'true' : 'false'} aria-busy={busy}>
      <ProblemAlert error={list.error} />
      <DataTable
        caption={t('list.caption')}
        data={rows}
        columns={columns}
        sorting={sorting}
        onSortingChange={changeSorting}
        rowId={(row) => row.productId}
      />
      <Pager
        page={paging.page}
        shown={rows.length}
        total={list.data?.total ?? 0}
        pageSize={query.limit}
        busy={busy}
        onPrevious={paging.page > 1 ? paging.previous : undefined}
        onNext={nextCursor ? () => paging.next(nextCursor) : undefined}
      />
    </div>
  );
}
