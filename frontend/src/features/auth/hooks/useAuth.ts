import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { events } from '../../../lib/events';
import { isLanguage, setLanguage } from '../../../lib/i18n';
import {
  authKeys,
  changePassword,
  confirmPasswordReset,
  fetchMe,
  fetchNotificationSettings,
  login,
  logout,
  requestPasswordReset,
  updateMe,
  updateNotificationSettings,
  type Me,
} from '../api/auth';

export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
  });
}

/** Forget everything cached for the previous person and mark the session as signed out. */
export function clearSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
  queryClient.setQueryData<Me | null>(authKeys.me, null);
  events.reset();
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async (me) => {
      // Whatever a previous person left in the cache must not leak into this session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
      queryClient.setQueryData(authKeys.me, me);
      events.reset();
      if (isLanguage(me.preferred_language)) await setLanguage(me.preferred_language);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => clearSession(queryClient),
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (me, variables) => {
      queryClient.setQueryData(authKeys.me, me);
      if (variables.preferred_language) {
        // Server-made text (notifications, messages) follows the person's language: refetch it.
        void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
      }
    },
  });
}

export function useNotificationSettings() {
  return useQuery({
    queryKey: authKeys.notificationSettings,
    queryFn: ({ signal }) => fetchNotificationSettings(signal),
  });
}

export function useUpdateNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNotificationSettings,
    onSuccess: (settings) => queryClient.setQueryData(authKeys.notificationSettings, settings),
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
