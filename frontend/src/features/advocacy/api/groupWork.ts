/** The problem trees of a working group, as its group page lists them (agendas: ./agendas.ts). */
import { api, toPage, unwrap, type ApiBody, type ApiData, type ListItem, type Page } from '../../../lib/api';

/** `node_counts`: causes (means) and effects (ends) at any depth; the focal problem is not counted. */
export type TreeSummary = ListItem<ApiData<'/api/workspaces/{slug}/groups/{group_id}/trees/', 'get'>>;
export type TreeCreate = ApiBody<'/api/workspaces/{slug}/groups/{group_id}/trees/', 'post'>;
/** The new tree's detail (the group page only needs its id, to open it). */
export type CreatedTree = ApiData<'/api/workspaces/{slug}/groups/{group_id}/trees/', 'post', 201>;
/** A person as the advocacy API names them (last editors, history authors). */
export type PersonRef = TreeSummary['last_editors'][number];

export const treeListKeys = {
  forGroup: (slug: string, groupId: number) => ['advocacy', slug, 'groups', groupId, 'trees'] as const,
};

export async function fetchGroupTrees(slug: string, groupId: number, signal?: AbortSignal): Promise<Page<TreeSummary>> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/groups/{group_id}/trees/', { params: { path: { slug, group_id: groupId } }, signal }),
  );
  return toPage<TreeSummary>(data);
}

export function createTree(slug: string, groupId: number, body: TreeCreate): Promise<CreatedTree> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/groups/{group_id}/trees/', { params: { path: { slug, group_id: groupId } }, body }),
  );
}
