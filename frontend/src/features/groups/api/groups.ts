import { api, toPage, unwrap, type ApiData, type ListItem, type Page } from '../../../lib/api';

export type Group = ListItem<ApiData<'/api/workspaces/{slug}/groups/', 'get'>>;
export type GroupPage = Page<Group>;

export const groupKeys = {
  list: (slug: string, page: number) => ['groups', slug, { page }] as const,
};

export async function fetchGroups(slug: string, page: number, signal?: AbortSignal): Promise<GroupPage> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/groups/', { params: { path: { slug }, query: { page } }, signal }),
  );
  return toPage<Group>(data);
}
