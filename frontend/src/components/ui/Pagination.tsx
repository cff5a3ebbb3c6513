import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/** The envelope every list endpoint answers with. */
export interface PageOf<Row> {
  count: number;
  next?: string | null;
  previous?: string | null;
  results: Row[];
}

interface PaginationProps {
  page: number;
  of: Omit<PageOf<unknown>, 'results'>;
  onPageChange: (page: number) => void;
  /** Page size, when known, to show "page 2 of 5". */
  pageSize?: number;
}

export function Pagination({ page, of, onPageChange, pageSize }: PaginationProps) {
  const { t } = useTranslation();
  const { count } = of;
  const hasNext = Boolean(of.next);
  const hasPrevious = Boolean(of.previous);
  if (!hasNext && !hasPrevious) return null;
  const pages = pageSize ? Math.max(1, Math.ceil(count / pageSize)) : null;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <Button onClick={() => onPageChange(page - 1)} disabled={!hasPrevious}>
        <span aria-hidden="true">‹ </span>
        {t('pagination.previous')}
      </Button>
      <span className="pagination-status" aria-live="polite">
        {pages ? t('pagination.pageOf', { page, pages }) : t('pagination.page', { page })}
      </span>
      <Button onClick={() => onPageChange(page + 1)} disabled={!hasNext}>
        {t('pagination.next')}
        <span aria-hidden="true"> ›</span>
      </Button>
    </nav>
  );
}
