import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { Alert } from './Alert';
import { Button } from './Button';
import { EmptyState } from './EmptyState';

/** "You do not have access" — for admin pages and anything the server refuses. */
export function AccessDenied() {
  const { t } = useTranslation();
  return (
    <EmptyState title={t('states.forbiddenTitle')} headingLevel={2}>
      <p>{t('states.forbiddenBody')}</p>
    </EmptyState>
  );
}

export function NotFoundState() {
  const { t } = useTranslation();
  return (
    <EmptyState title={t('states.notFoundTitle')} headingLevel={2}>
      <p>{t('states.notFoundBody')}</p>
    </EmptyState>
  );
}

/**
 * What to show when a query failed: 403 → not allowed, 404 → not found,
 * anything else → the message and a retry button.
 */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403) return <AccessDenied />;
  if (error instanceof ApiError && error.status === 404) return <NotFoundState />;
  const message = error instanceof ApiError ? error.message : t('errors.generic');
  return (
    <Alert tone="error" messages={[message]}>
      {onRetry && (
        <p>
          <Button onClick={onRetry}>{t('common.retry')}</Button>
        </p>
      )}
    </Alert>
  );
}
