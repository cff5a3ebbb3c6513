import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invalidateTopic } from '../../../lib/queryClient';
import {
  addGroupMember,
  createGroup,
  fetchGroup,
  fetchGroupMembers,
  fetchGroups,
  fetchMemberCandidates,
  groupKeys,
  removeGroupMember,
  updateGroup,
  updateGroupMember,
  type GroupCreate,
  type GroupMemberAdd,
  type GroupRole,
  type GroupUpdate,
} from '../api/groups';

export function useGroups(slug: string, page: number) {
  return useQuery({
    queryKey: groupKeys.list(slug, page),
    queryFn: ({ signal }) => fetchGroups(slug, page, signal),
    placeholderData: keepPreviousData,
    meta: { topics: ['groups'] },
  });
}

export function useGroup(slug: string, groupId: number) {
  return useQuery({
    queryKey: groupKeys.detail(slug, groupId),
    queryFn: ({ signal }) => fetchGroup(slug, groupId, signal),
    meta: { topics: ['groups'] },
  });
}

export function useGroupMembers(slug: string, groupId: number, page: number) {
  return useQuery({
    queryKey: groupKeys.members(slug, groupId, page),
    queryFn: ({ signal }) => fetchGroupMembers(slug, groupId, page, signal),
    placeholderData: keepPreviousData,
    meta: { topics: ['groups', 'memberships'] },
  });
}

export function useMemberCandidates(slug: string, groupId: number, search: string, enabled: boolean) {
  return useQuery({
    queryKey: groupKeys.candidates(slug, groupId, search),
    queryFn: ({ signal }) => fetchMemberCandidates(slug, groupId, search, signal),
    placeholderData: keepPreviousData,
    enabled,
    meta: { topics: ['groups', 'memberships'] },
  });
}

/** Group changes show on the list, the group page, the dashboard and the audit log. */
function useAfterGroupChange() {
  const queryClient = useQueryClient();
  return () => Promise.all([invalidateTopic(queryClient, 'groups'), invalidateTopic(queryClient, 'audit')]);
}

export function useCreateGroup(slug: string) {
  const after = useAfterGroupChange();
  return useMutation({ mutationFn: (body: GroupCreate) => createGroup(slug, body), onSuccess: after });
}

export function useUpdateGroup(slug: string, groupId: number) {
  const after = useAfterGroupChange();
  return useMutation({ mutationFn: (body: GroupUpdate) => updateGroup(slug, groupId, body), onSuccess: after });
}

export function useAddGroupMember(slug: string, groupId: number) {
  const after = useAfterGroupChange();
  return useMutation({ mutationFn: (body: GroupMemberAdd) => addGroupMember(slug, groupId, body), onSuccess: after });
}

export function useUpdateGroupMember(slug: string, groupId: number) {
  const after = useAfterGroupChange();
  return useMutation({
    mutationFn: ({ id, role }: { id: number; role: GroupRole }) => updateGroupMember(slug, groupId, id, role),
    onSuccess: after,
  });
}

export function useRemoveGroupMember(slug: string, groupId: number) {
  const after = useAfterGroupChange();
  return useMutation({ mutationFn: (id: number) => removeGroupMember(slug, groupId, id), onSuccess: after });
}
