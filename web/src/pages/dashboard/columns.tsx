// Columns the dashboard's lists share: when something happened, and the product it happened to (a link to it).
import type { ColumnDef } from '@tanstack/react-table';
import { Link } from 'react-router';
import { formatDateTime } from '../../format/dates';

export function whenColumn<Row extends { at: string }>(header: string): ColumnDef<Row, string> {
  return {
    id: 'at',
    accessorFn: (row) => row.at,
    header: () => header,
    cell: (cell) => formatDateTime(cell.getValue()),
  };
}

export function productColumn<Row extends { productId: string; name: string }>(header: string): ColumnDef<Row, string> {
  return {
    id: 'name',
    accessorFn: (row) => row.name,
    header: () => header,
    cell: ({ row }) => <Link to={`/products/${row.original.productId}`}>{row.original.name}</Link>,
  };
}
