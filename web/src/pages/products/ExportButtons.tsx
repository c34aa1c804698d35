// Downloads of what the page shows, both the API's own CSV: the products of the current filter, all of them whatever
// page the table shows, and, for whoever may read it, the chosen cycle's report against its plan. A filter that
// matches more products than one file holds is not offered for download; the reader is told to narrow it.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { mayDo } from '../../../../domain/access';
import { PRODUCT_CSV_MAX_ROWS, type ProductListQuery } from '../../../../domain/product-list';
import { fetchWithToken } from '../../api/client';
import { useSession } from '../../auth/SessionProvider';
import { ProblemAlert } from '../../components/ProblemAlert';
import { filenameOf, saveFile } from './download';
import { productPageQuery } from './product-page';
import { paramsOf } from './product-query';
import type { CycleSummary } from './useCycles';

async function download(path: string, fallback: string): Promise<void> {
  const response = await fetchWithToken(path, { headers: { accept: 'text/csv' } });
  saveFile(await response.blob(), filenameOf(response, fallback));
}

const downloadProducts = (query: ProductListQuery) =>
  download(`/v1/products?${paramsOf(query).toString()}`, `ocop-products-${query.cycle ?? 'all'}.csv`);

const downloadReport = (cycleId: string) =>
  download(`/v1/cycles/${encodeURIComponent(cycleId)}/report`, `ocop-report-${cycleId}.csv`);

export function ExportButtons({ query, cycles }: { query: ProductListQuery; cycles: CycleSummary[] }) {
  const { t } = useTranslation('products');
  const { me } = useSession();
  // The table's first page, already fetched or being fetched: its total says whether one file holds the filter.
  const total = useQuery({ ...productPageQuery(query), select: (page) => page.total }).data;
  const tooMany = total !== undefined && total > PRODUCT_CSV_MAX_ROWS;
  const products = useMutation({ mutationFn: downloadProducts });
  const report = useMutation({ mutationFn: downloadReport });
  const cycle = cycles.find((known) => known.cycleId === query.cycle);
  const mayReport = (me?.grants ?? []).some(
    (grant) => grant.scope.province === cycle?.province && mayDo(grant.role, 'viewReport'),
  );
  return (
    <div className="export">
      <div className="page-actions">
        <button
          type="button"
          className="secondary"
          disabled={products.isPending || tooMany}
          onClick={() => products.mutate(query)}
        >
          {t('export.products')}
        </button>
        {cycle && mayReport ? (
          <button
            type="button"
            className="secondary"
            disabled={report.isPending}
            onClick={() => report.mutate(cycle.cycleId)}
          >
            {t('export.report', { cycleId: cycle.cycleId })}
          </button>
        ) : null}
      </div>
      <p role="status" className="muted">
        {tooMany
          ? t('export.tooMany', { max: PRODUCT_CSV_MAX_ROWS })
          : products.isPending
            ? t('export.progress')
            : products.isSuccess
              ? t('export.done')
              : ''}
      </p>
      <ProblemAlert error={products.error ?? report.error} />
    </div>
  );
}
