import { api, toPage, unwrap, type ApiData, type ListItem, type Page } from '../../../lib/api';

export type Notification = ListItem<ApiData<'/api/notifications/', 'get'>>;
export type NotificationPage = Page<Notification>;

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (page: number, unreadOnly: boolean) => ['notifications', 'list', { page, unreadOnly }] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
};

export async function fetchNotifications(page: number, unreadOnly: boolean, signal?: AbortSignal): Promise<NotificationPage> {
  const data = await unwrap(
    api.GET('/api/notifications/', {
      params: { query: { page, ...(unreadOnly ? { unread: true } : {}) } },
      signal,
    }),
  );
  return toPage<Notification>(data);
}

export function fetchUnreadCount(signal?: AbortSignal): Promise<ApiData<'/api/notifications/unread-count/', 'get'>> {
  return unwrap(api.GET('/api/notifications/unread-count/', { signal }));
}

export async function markRead(id: number): Promise<void> {
  await unwrap(api.POST('/api/notifications/{notification_id}/read/', { params: { path: { notification_id: id } } }));
}

export async function markAllRead(): Promise<void> {
  await unwrap(api.POST('/api/notifications/read-all/'));
}
