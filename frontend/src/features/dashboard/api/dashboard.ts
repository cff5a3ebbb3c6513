import { api, unwrap, type ApiData } from '../../../lib/api';

export type Dashboard = ApiData<'/api/workspaces/{slug}/dashboard/', 'get'>;
export type DashboardGroup = Dashboard['my_groups'][number];
export type DashboardNotification = Dashboard['awaiting_me'][number];
export type DashboardMeeting = Dashboard['upcoming_meetings'][number];

export const dashboardKeys = {
  detail: (slug: string) => ['dashboard', slug] as const,
};

export function fetchDashboard(slug: string, signal?: AbortSignal): Promise<Dashboard> {
  return unwrap(api.GET('/api/workspaces/{slug}/dashboard/', { params: { path: { slug } }, signal }));
}
