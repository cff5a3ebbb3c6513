/**
 * The problem tree's REST side (contract §4): the detail (title, group, rights, dot-vote results)
 * and "Turn into objectives". The content itself is read and edited through the live document.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ApiBody, type ApiData } from '../../../lib/api';

export type TreeDetail = ApiData<'/api/workspaces/{slug}/trees/{tree_id}/', 'get'>;
/** A node as the REST detail answers it (materialised rows; parent_key is the effective parent). */
export type ApiTreeNode = TreeDetail['nodes'][number];
export type TreeKind = TreeDetail['kind'];
export type NodeKind = ApiTreeNode['kind'];
export type ObjectivesCreate = ApiBody<'/api/workspaces/{slug}/trees/{tree_id}/objectives/', 'post'>;
export type CauseVoteInput = ApiBody<'/api/workspaces/{slug}/trees/{tree_id}/cause-vote/', 'post'>;

export const treeKeys = {
  detail: (slug: string, treeId: number) => ['advocacy', slug, 'trees', treeId, 'detail'] as const,
};

export function fetchTree(slug: string, treeId: number, signal?: AbortSignal): Promise<TreeDetail> {
  return unwrap(api.GET('/api/workspaces/{slug}/trees/{tree_id}/', { params: { path: { slug, tree_id: treeId } }, signal }));
}

export function createObjectivesTree(slug: string, treeId: number, body: ObjectivesCreate = {}): Promise<TreeDetail> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/trees/{tree_id}/objectives/', { params: { path: { slug, tree_id: treeId } }, body }),
  );
}

export function startCauseVote(slug: string, treeId: number, body: CauseVoteInput): Promise<TreeDetail> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/trees/{tree_id}/cause-vote/', { params: { path: { slug, tree_id: treeId } }, body }),
  );
}

export function useTreeDetail(slug: string, treeId: number) {
  return useQuery({
    queryKey: treeKeys.detail(slug, treeId),
    queryFn: ({ signal }) => fetchTree(slug, treeId, signal),
    meta: { topics: ['groups'] },
  });
}

export function useCreateObjectives(slug: string, treeId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ObjectivesCreate) => createObjectivesTree(slug, treeId, body),
    onSuccess: (created) => {
      queryClient.setQueryData(treeKeys.detail(slug, created.id), created);
      // The group page lists its trees.
      return queryClient.invalidateQueries({ queryKey: ['advocacy', slug, 'groups', created.group.id] });
    },
  });
}

export function useStartCauseVote(slug: string, treeId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CauseVoteInput) => startCauseVote(slug, treeId, body),
    onSuccess: (updated) => queryClient.setQueryData(treeKeys.detail(slug, treeId), updated),
  });
}
