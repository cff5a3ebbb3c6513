import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { agendaKeys, createAgenda, fetchAgenda, fetchGroupAgendas, type AgendaCreate } from '../api/agendas';
import { createTree, fetchGroupTrees, treeListKeys, type TreeCreate } from '../api/groupWork';
import { fetchHistory, historyKeys, type HistoryKind } from '../api/history';

export function useAgendaDetail(slug: string, agendaId: number) {
  return useQuery({
    queryKey: agendaKeys.detail(slug, agendaId),
    queryFn: ({ signal }) => fetchAgenda(slug, agendaId, signal),
    meta: { topics: ['groups', 'reviews'] },
  });
}

export function useGroupTrees(slug: string, groupId: number) {
  return useQuery({
    queryKey: treeListKeys.forGroup(slug, groupId),
    queryFn: ({ signal }) => fetchGroupTrees(slug, groupId, signal),
    meta: { topics: ['groups'] },
  });
}

export function useGroupAgendas(slug: string, groupId: number) {
  return useQuery({
    queryKey: agendaKeys.forGroup(slug, groupId),
    queryFn: ({ signal }) => fetchGroupAgendas(slug, groupId, signal),
    meta: { topics: ['groups'] },
  });
}

export function useHistory(slug: string, kind: HistoryKind, id: number, page: number) {
  return useQuery({
    queryKey: historyKeys.page(slug, kind, id, page),
    queryFn: ({ signal }) => fetchHistory(slug, kind, id, page, signal),
    placeholderData: keepPreviousData,
    // History grows while people edit: look again whenever the page is opened.
    staleTime: 0,
  });
}

export function useCreateTree(slug: string, groupId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TreeCreate) => createTree(slug, groupId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: treeListKeys.forGroup(slug, groupId) }),
  });
}

export function useCreateAgenda(slug: string, groupId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AgendaCreate) => createAgenda(slug, groupId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agendaKeys.forGroup(slug, groupId) }),
  });
}
