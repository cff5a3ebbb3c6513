import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditKeys, fetchAuditEvents } from '../api/audit';

export function useAuditEvents(slug: string, page: number) {
  return useQuery({
    queryKey: auditKeys.list(slug, page),
    queryFn: ({ signal }) => fetchAuditEvents(slug, page, signal),
    placeholderData: keepPreviousData,
    meta: { topics: ['audit'] },
  });
}
