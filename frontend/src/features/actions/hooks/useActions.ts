import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invalidateTopic } from '../../../lib/queryClient';
import {
  actionKeys,
  addProgressNote,
  fetchAction,
  fetchActions,
  fetchMyActions,
  updateActionStatus,
  type ActionFilters,
  type ActionStatus,
} from '../api/actions';

// Which actions are followed changes with agendas (approved, reopened) and with whom a person represents.
const FOLLOWED = ['groups', 'memberships', 'organisations'] as const;

export function useMyActions(slug: string, page: number, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: actionKeys.mine(slug, page),
    enabled,
    queryFn: ({ signal }) => fetchMyActions(slug, page, signal),
    placeholderData: keepPreviousData,
    meta: { topics: FOLLOWED },
  });
}

export function useNetworkActions(slug: string, filters: ActionFilters, page: number) {
  return useQuery({
    queryKey: actionKeys.list(slug, filters, page),
    queryFn: ({ signal }) => fetchActions(slug, filters, page, signal),
    placeholderData: keepPreviousData,
    meta: { topics: FOLLOWED },
  });
}

export function useAction(slug: string, actionId: number) {
  return useQuery({
    queryKey: actionKeys.detail(slug, actionId),
    queryFn: ({ signal }) => fetchAction(slug, actionId, signal),
    meta: { topics: FOLLOWED },
  });
}

/** The lists show the status and whether an action is overdue: refresh them after a change. */
function useRefreshLists(slug: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [...actionKeys.all(slug), 'mine'] }),
      queryClient.invalidateQueries({ queryKey: [...actionKeys.all(slug), 'list'] }),
      // Status changes are audited.
      invalidateTopic(queryClient, 'audit'),
    ]);
}

export function useUpdateActionStatus(slug: string, actionId: number) {
  const queryClient = useQueryClient();
  const refreshLists = useRefreshLists(slug);
  return useMutation({
    mutationFn: (status: ActionStatus) => updateActionStatus(slug, actionId, status),
    onSuccess: (detail) => {
      queryClient.setQueryData(actionKeys.detail(slug, actionId), detail);
      void refreshLists();
    },
  });
}

export function useAddProgressNote(slug: string, actionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => addProgressNote(slug, actionId, { text }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: actionKeys.detail(slug, actionId), exact: true }),
  });
}
