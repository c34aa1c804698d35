// The products this person may see: filters and search written to the address, a table the API sorts and pages
// (10,000 products stay fast because only one page ever travels), downloads of the filter, and for the coordinator
// an import of a cycle's products from CSV.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { ExportButtons } from './ExportButtons';
import { ImportSection, useImportableCycles } from './ImportSection';
import { ProductFilters } from './ProductFilters';
import { ProductsTable } from './ProductsTable';
import { useCycles } from './useCycles';
import { useDebouncedText } from './useDebouncedText';
import { useProductQuery } from './useProductQuery';
import './products.css';

/** How long the list keeps asking after an import: the read model takes moments to record each product. */
const CATCH_UP_MS = 10_000;

export default function ProductsPage() {
  const { t } = useTranslation('products');
  const controls = useProductQuery();
  const { query, set } = controls;
  const cycles = useCycles();
  const [catchUpUntil, setCatchUpUntil] = useState<number>();
  const importable = useImportableCycles(cycles);
  const search = useDebouncedText(
    query.q,
    useCallback((value) => set('q', value), [set]),
  );
  const subject = useDebouncedText(
    query.subject,
    useCallback((value) => set('subject', value), [set]),
  );
  return (
    <div className="products-page">
      <PageTitle title={t('title')} />
      <section aria-labelledby="filters-heading">
        <h2 id="filters-heading">{t('filters.heading')}</h2>
        <ProductFilters controls={controls} cycles={cycles} search={search} subject={subject} />
      </section>
      <section aria-labelledby="list-heading">
        <div className="list-header">
          <h2 id="list-heading">{t('list.heading')}</h2>
          <ExportButtons query={query} cycles={cycles} />
        </div>
        <ProductsTable
          query={query}
          pending={search.pending || subject.pending}
          onSort={(sort) => set('sort', sort)}
          catchUpUntil={catchUpUntil}
        />
      </section>
      {importable.length > 0 ? (
        <ImportSection
          cycles={importable}
          chosen={query.cycle}
          onImported={() => setCatchUpUntil(Date.now() + CATCH_UP_MS)}
        />
      ) : null}
    </div>
  );
}
