import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Icon, LoadingBlock, Popover } from '../../../components/ui';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from '../hooks/useNotifications';
import { NotificationItem } from './NotificationItem';

const PREVIEW_SIZE = 6;

function NotificationPreview({ close }: { close: () => void }) {
  const { t } = useTranslation();
  const list = useNotifications(1, false);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = list.data?.results.slice(0, PREVIEW_SIZE) ?? [];
  const anyUnread = items.some((item) => !item.read_at);
  return (
    <>
      <div className="popover-header">
        <h2 className="popover-title">{t('notifications.title')}</h2>
        {anyUnread && (
          <Button variant="ghost" onClick={() => markAll.mutate()} busy={markAll.isPending}>
            {t('notifications.markAllRead')}
          </Button>
        )}
      </div>
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <Alert tone="error" messages={[list.error.message]} />
      ) : items.length === 0 ? (
        <p className="menu-caption">{t('notifications.emptyShort')}</p>
      ) : (
        <ul className="stack-list">
          {items.map((item) => (
            <NotificationItem
              key={item.id}
              notification={item}
              onMarkRead={(id) => markRead.mutate(id)}
              onOpen={close}
            />
          ))}
        </ul>
      )}
      <p style={{ margin: '0.5rem' }}>
        <Link to="/notifications" onClick={close}>
          {t('notifications.seeAll')}
        </Link>
      </p>
    </>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  return (
    <Popover
      panelLabel={t('notifications.title')}
      triggerProps={{
        className: 'header-button',
        'aria-label': t('notifications.unreadCount', { count }),
      }}
      trigger={
        <>
          <Icon name="bell" />
          <span className={count > 0 ? 'count-badge' : 'count-badge count-zero'} data-testid="unread-count">
            {count}
          </span>
        </>
      }
    >
      {(close) => <NotificationPreview close={close} />}
    </Popover>
  );
}
