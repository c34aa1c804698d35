// One page of the list, as the table shows it and the downloads count it: the same query key for both, so the
// count costs no second request. GET /v1/products also answers CSV, but only to a download that asks for it
// (ExportButtons, with fetchWithToken).
import { queryOptions } from '@tanstack/react-query';
import type { ProductListQuery } from '../../../../domain/product-list';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type ProductPage = paths['/v1/products']['get']['responses'][200]['content']['application/json'];

/** The filters, sort and page size, and the cursor of any page after the first. */
export type PageQuery = ProductListQuery & { cursor?: string };

export function productPageQuery(query: PageQuery) {
  return queryOptions({
    queryKey: ['products', query],
    queryFn: () => unwrap(api.GET('/v1/products', { params: { query } })),
  });
}
