import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invalidateTopic } from '../../../lib/queryClient';
import { invalidateMe } from '../../../lib/queryKeys';
import {
  fetchMembers,
  fetchOrganisationOptions,
  inviteMember,
  peopleKeys,
  updateMember,
  type MemberFilters,
  type MembershipInvite,
  type MembershipUpdate,
} from '../api/people';

export function useMembers(slug: string, filters: MemberFilters) {
  return useQuery({
    queryKey: peopleKeys.list(slug, filters),
    queryFn: ({ signal }) => fetchMembers(slug, filters, signal),
    placeholderData: keepPreviousData,
    meta: { topics: ['memberships'] },
  });
}

export function useOrganisationOptions(slug: string) {
  return useQuery({
    queryKey: peopleKeys.organisationOptions(slug),
    queryFn: ({ signal }) => fetchOrganisationOptions(slug, signal),
    staleTime: 5 * 60_000,
    meta: { topics: ['organisations'] },
  });
}

function useAfterMembershipChange(slug: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: peopleKeys.all(slug) }),
      invalidateTopic(queryClient, 'memberships'),
      invalidateTopic(queryClient, 'audit'),
      // The change may be to the signed-in person's own membership (their roles).
      invalidateMe(queryClient),
    ]);
}

export function useInviteMember(slug: string) {
  const after = useAfterMembershipChange(slug);
  return useMutation({
    mutationFn: (body: MembershipInvite) => inviteMember(slug, body),
    onSuccess: after,
  });
}

export function useUpdateMember(slug: string) {
  const after = useAfterMembershipChange(slug);
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: MembershipUpdate }) => updateMember(slug, id, body),
    onSuccess: after,
  });
}
