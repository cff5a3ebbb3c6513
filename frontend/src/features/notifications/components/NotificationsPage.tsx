import { useTranslation } from 'react-i18next';
import { Button, EmptyState, LoadingBlock, PageHeader, Pagination, QueryError } from '../../../components/ui';
import { usePageParam, useSearchParam, useStepBackFromMissingPage } from '../../../lib/searchParams';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from '../hooks/useNotifications';
import { NotificationItem } from './NotificationItem';

export function NotificationsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useSearchParam('show', 'all');
  const [page, setPage] = usePageParam();
  const unreadOnly = filter === 'unread';
  const list = useNotifications(page, unreadOnly);
  const steppingBack = useStepBackFromMissingPage(list.error, page, setPage);
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unreadCount = unread.data?.count ?? 0;

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.unreadCount', { count: unreadCount })}
        actions={
          <Button onClick={() => markAll.mutate()} busy={markAll.isPending} disabled={unreadCount === 0}>
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <div className="form-actions" role="group" aria-label={t('notifications.filter')}>
        <Button variant={unreadOnly ? 'secondary' : 'primary'} aria-pressed={!unreadOnly} onClick={() => setFilter('all')}>
          {t('notifications.showAll')}
        </Button>
        <Button variant={unreadOnly ? 'primary' : 'secondary'} aria-pressed={unreadOnly} onClick={() => setFilter('unread')}>
          {t('notifications.showUnread')}
        </Button>
      </div>
      <div style={{ marginTop: '1rem' }}>
        {list.isPending || steppingBack ? (
          <LoadingBlock />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.results.length === 0 ? (
          <EmptyState title={unreadOnly ? t('notifications.emptyUnreadTitle') : t('notifications.emptyTitle')}>
            <p>{t('notifications.emptyBody')}</p>
          </EmptyState>
        ) : (
          <>
            <ul className="stack-list" aria-label={t('notifications.title')}>
              {list.data.results.map((item) => (
                <NotificationItem
                  key={item.id}
                  notification={item}
                  onMarkRead={(id) => markRead.mutate(id)}
                />
              ))}
            </ul>
            <Pagination page={page} of={list.data} onPageChange={setPage} />
          </>
        )}
      </div>
    </>
  );
}
