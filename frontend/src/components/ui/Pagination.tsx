import { useTranslation } from 'react-i18next';
import { Button } from './Button';

interface PaginationProps {
  page: number;
  count: number;
  hasNext: boolean;
  hasPrevious: boolean;
  onPageChange: (page: number) => void;
  /** Page size, when known, to show "page 2 of 5". */
  pageSize?: number;
}

export function Pagination({ page, count, hasNext, hasPrevious, onPageChange, pageSize }: PaginationProps) {
  const { t } = useTranslation();
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
