import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchGroups, groupKeys } from '../api/groups';

export function useGroups(slug: string, page: number) {
  return useQuery({
    queryKey: groupKeys.list(slug, page),
    queryFn: ({ signal }) => fetchGroups(slug, page, signal),
    placeholderData: keepPreviousData,
    meta: { topics: ['groups'] },
  });
}
