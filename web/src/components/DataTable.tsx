// Tables are TanStack Table. Sorting and paging happen on the server (the product list is 10,000 rows), so the
// table only renders the page it is given and reports which column the reader asked to sort by.
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type SortingState,
} from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';

interface DataTableProps<Row> {
  caption: string;
  data: Row[];
  // TanStack's own column type: each column's value type differs, which its helper erases the same way.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<Row, any>[];
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  rowId?: (row: Row) => string;
}

export function DataTable<Row>({ caption, data, columns, sorting, onSortingChange, rowId }: DataTableProps<Row>) {
  const { t } = useTranslation();
  // TanStack Table hands back fresh functions each render; the React Compiler rightly leaves this component alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    enableSorting: onSortingChange !== undefined,
    enableMultiSort: false,
    state: { sorting: sorting ?? [] },
    ...(onSortingChange ? { onSortingChange } : {}),
    ...(rowId ? { getRowId: rowId } : {}),
  });
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        className="sort"
                        onClick={header.column.getToggleSortingHandler()}
                        title={sorted === 'asc' ? t('table.sortDescending') : t('table.sortAscending')}
                      >
                        {label}
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{t('state.empty')}</td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
