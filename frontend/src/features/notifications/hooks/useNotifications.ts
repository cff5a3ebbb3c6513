import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useConnectionStatus, useEvent } from '../../../lib/events';
import { invalidateTopic } from '../../../lib/queryClient';
import { invalidateMe } from '../../../lib/queryKeys';
import {
  fetchNotifications,
  fetchUnreadCount,
  markAllRead,
  markRead,
  notificationKeys,
} from '../api/notifications';

/** The unread count: pushed by the events socket, polled once a minute while the socket is down. */
export function useUnreadCount() {
  const queryClient = useQueryClient();
  const status = useConnectionStatus();
  useEvent('notification.created', (event) => {
    queryClient.setQueryData(notificationKeys.unreadCount, { count: event.unread_count });
    void invalidateTopic(queryClient, 'notifications');
    void queryClient.invalidateQueries({ queryKey: [...notificationKeys.all, 'list'] });
    // A notification may announce a change to the person's own roles (e.g. a demotion):
    // refresh them so navigation and the admin guard follow.
    void invalidateMe(queryClient);
    // Every step of an agenda's review notifies the people it concerns: refresh where agendas stand.
    void invalidateTopic(queryClient, 'reviews');
  });
  return useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: ({ signal }) => fetchUnreadCount(signal),
    refetchInterval: status === 'open' ? false : 60_000,
    staleTime: 15_000,
  });
}

export function useNotifications(page: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: notificationKeys.list(page, unreadOnly),
    queryFn: ({ signal }) => fetchNotifications(page, unreadOnly, signal),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

function useInvalidateNotifications() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
      invalidateTopic(queryClient, 'notifications'),
    ]);
}

export function useMarkRead() {
  const invalidate = useInvalidateNotifications();
  return useMutation({ mutationFn: markRead, onSettled: invalidate });
}

export function useMarkAllRead() {
  const invalidate = useInvalidateNotifications();
  return useMutation({ mutationFn: markAllRead, onSettled: invalidate });
}
