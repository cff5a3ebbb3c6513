import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../../components/ui';
import { useFormat } from '../../../lib/format';
import type { Notification } from '../api/notifications';

/** An in-app link target, or null for "" and anything that is not a local path. */
export function inAppPath(url: string | null | undefined): string | null {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : null;
}

interface NotificationItemProps {
  notification: Notification;
  onMarkRead: (id: number) => void;
  onOpen?: () => void;
  markingRead?: boolean;
}

export function NotificationItem({ notification, onMarkRead, onOpen, markingRead }: NotificationItemProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const unread = !notification.read_at;
  const path = inAppPath(notification.url);
  return (
    <li className={unread ? 'notification-unread' : undefined}>
      <div className="notification-row">
        <div>
          <p style={{ margin: 0 }}>
            {unread && <span className="visually-hidden">{t('notifications.unreadPrefix')} </span>}
            {path ? (
              <Link
                to={path}
                onClick={() => {
                  if (unread) onMarkRead(notification.id);
                  onOpen?.();
                }}
              >
                {notification.message}
              </Link>
            ) : (
              notification.message
            )}
          </p>
          <time className="notification-time" dateTime={notification.created_at}>
            {format.dateTime(notification.created_at)}
          </time>
        </div>
        {unread && (
          <Button variant="ghost" onClick={() => onMarkRead(notification.id)} disabled={markingRead}>
            {t('notifications.markRead')}
          </Button>
        )}
      </div>
    </li>
  );
}
