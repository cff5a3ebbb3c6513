import { useQuery } from '@tanstack/react-query';
import { dashboardKeys, fetchDashboard } from '../api/dashboard';

export function useDashboard(slug: string) {
  return useQuery({
    queryKey: dashboardKeys.detail(slug),
    queryFn: ({ signal }) => fetchDashboard(slug, signal),
    meta: { topics: ['notifications', 'groups', 'memberships', 'meetings'] },
  });
}
