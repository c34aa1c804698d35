// Each row of an imported file with what became of it: the product registered, or why the row was refused (the
// column at fault and its rule), numbered as the spreadsheet numbers its rows.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import { DataTable } from '../../components/DataTable';
import { useRuleText } from '../../i18n/rules';
import { refusalsOf } from './import-form';

type ImportResult = components['schemas']['ProductImport'];
type ImportRow = ImportResult['rows'][number];

const column = createColumnHelper<ImportRow>();

function RowOutcome({ row }: { row: ImportRow }) {
  const { t } = useTranslation('products');
  const ruleText = useRuleText();
  if (row.productId) {
    return (
      <>
        {t('import.registeredAs')} <Link to={`/products/${encodeURIComponent(row.productId)}`}>{row.productId}</Link>
      </>
    );
  }
  return (
    <ul className="refusals">
      {refusalsOf(row.error ?? '').map(({ field, rule }, index) => (
        <li key={index}>
          {field ? <code>{field}</code> : null}
          {field ? ': ' : null}
          {ruleText(rule)}
        </li>
      ))}
    </ul>
  );
}

export function ImportResults({ result }: { result: ImportResult }) {
  const { t } = useTranslation('products');
  const columns = useMemo(
    () => [
      column.accessor('line', { header: t('import.line') }),
      column.accessor('status', {
        header: t('import.status'),
        cell: ({ getValue }) => t(`import.outcome.${getValue()}`),
      }),
      column.display({
        id: 'outcome',
        header: t('import.detail'),
        cell: ({ row }) => <RowOutcome row={row.original} />,
      }),
    ],
    [t],
  );
  return (
    <>
      <h3>{t('import.resultHeading')}</h3>
      <p role="status" className={result.refused === 0 ? 'success' : 'problem'}>
        {t('import.summary', { registered: result.registered, refused: result.refused })}
      </p>
      <DataTable
        caption={t('import.resultCaption')}
        data={result.rows}
        columns={columns}
        rowId={(row) => String(row.line)}
      />
    </>
  );
}
