import { Pagination, type PageOf } from './Pagination';
import { Table, type Column } from './Table';
import type { ReactNode } from 'react';

interface PagedTableProps<Row> {
  caption: ReactNode;
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string | number;
  data: PageOf<Row>;
  page: number;
  onPageChange: (page: number) => void;
}

/** One page of a list endpoint as a table, with the controls to move between pages. */
export function PagedTable<Row>({ caption, columns, rowKey, data, page, onPageChange }: PagedTableProps<Row>) {
  return (
    <>
      <Table caption={caption} columns={columns} rows={data.results} rowKey={rowKey} />
      <Pagination page={page} of={data} onPageChange={onPageChange} />
    </>
  );
}
