import type { ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  /** A plain-text header for the stacked (phone) layout when `header` is not a string. */
  label?: string;
  render: (row: Row) => ReactNode;
  className?: string;
}

interface TableProps<Row> {
  caption: ReactNode;
  /** Hide the caption visually (it stays for screen readers) when a heading already says it. */
  captionHidden?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  className?: string;
}

/**
 * A real <table>. On phone widths each row becomes a card: the cells stack and
 * show their column name (data-label) in front of the value.
 */
export function Table<Row>({ caption, captionHidden = false, columns, rows, rowKey, className }: TableProps<Row>) {
  return (
    <div className="table-wrap">
      <table className={['table', 'table-stack', className].filter(Boolean).join(' ')}>
        <caption className={captionHidden ? 'visually-hidden' : 'table-caption'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td
                  key={column.key}
                  className={column.className}
                  data-label={column.label ?? (typeof column.header === 'string' ? column.header : undefined)}
                >
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
