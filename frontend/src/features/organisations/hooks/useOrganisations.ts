import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invalidateTopic } from '../../../lib/queryClient';
import {
  createOrganisation,
  deleteOrganisation,
  fetchOrganisations,
  organisationKeys,
  updateOrganisation,
  type OrganisationInput,
} from '../api/organisations';

export function useOrganisations(slug: string, search: string, page: number) {
  return useQuery({
    queryKey: organisationKeys.list(slug, search, page),
    queryFn: ({ signal }) => fetchOrganisations(slug, search, page, signal),
    placeholderData: keepPreviousData,
    meta: { topics: ['organisations', 'memberships'] },
  });
}

function useAfterChange(slug: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: organisationKeys.all(slug) }),
      invalidateTopic(queryClient, 'organisations'),
      invalidateTopic(queryClient, 'audit'),
    ]);
}

export function useSaveOrganisation(slug: string) {
  const after = useAfterChange(slug);
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: OrganisationInput }) =>
      id === null ? createOrganisation(slug, body) : updateOrganisation(slug, id, body),
    onSuccess: after,
  });
}

export function useDeleteOrganisation(slug: string) {
  const after = useAfterChange(slug);
  return useMutation({
    mutationFn: (id: number) => deleteOrganisation(slug, id),
    onSuccess: after,
  });
}
