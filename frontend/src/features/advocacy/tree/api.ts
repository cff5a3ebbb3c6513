/**
 * The problem tree's REST side (contract §4): the detail (title, group, rights, dot-vote results)
 * and "Turn into objectives". The content itself is read and edited through the live document.
 * Local path types until `make api-types` generates them (see ../api/localSchema.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../../lib/api';
import { localClient, type GetOp, type PersonRef, type WriteOp } from '../api/localSchema';

export type TreeKind = 'problem' | 'objectives';
export type NodeKind = 'problem' | 'cause' | 'effect';

/** A node as the REST detail answers it (materialised rows; parent_key is the effective parent). */
export interface ApiTreeNode {
  key: string;
  parent_key: string | null;
  kind: NodeKind;
  label: string;
  position: number;
  depth: number;
  dots: number;
  is_top: boolean;
}

export interface TreeDetail {
  id: number;
  title: string;
  kind: TreeKind;
  group: { id: number; name: string };
  source_tree_id: number | null;
  created_by: PersonRef | null;
  created_at: string;
  last_edited_at: string | null;
  last_editors: PersonRef[];
  can_edit: boolean;
  nodes: ApiTreeNode[];
  top_vote: { id: number; question: string; status: string; session_id: number; meeting_id: number } | null;
  /** Open group sessions of the tree's group where I may open a vote on its causes. */
  vote_sessions: VoteSession[];
}

export interface VoteSession {
  id: number;
  meeting_id: number;
  meeting_title: string;
}

export interface CauseVoteInput {
  session_id: number;
  dots_per_person: number;
  closes_in_minutes: number;
}

interface Paths {
  '/api/workspaces/{slug}/trees/{tree_id}/': {
    get: GetOp<{ slug: string; tree_id: number }, TreeDetail>;
  };
  '/api/workspaces/{slug}/trees/{tree_id}/objectives/': {
    post: WriteOp<{ slug: string; tree_id: number }, { title?: string }, TreeDetail, 201>;
  };
  '/api/workspaces/{slug}/trees/{tree_id}/cause-vote/': {
    post: WriteOp<{ slug: string; tree_id: number }, CauseVoteInput, TreeDetail, 201>;
  };
}

const client = localClient<Paths>();

export const treeKeys = {
  detail: (slug: string, treeId: number) => ['advocacy', slug, 'trees', treeId, 'detail'] as const,
};

export function fetchTree(slug: string, treeId: number, signal?: AbortSignal): Promise<TreeDetail> {
  return unwrap(client.GET('/api/workspaces/{slug}/trees/{tree_id}/', { params: { path: { slug, tree_id: treeId } }, signal }));
}

export function createObjectivesTree(slug: string, treeId: number, body: { title?: string } = {}): Promise<TreeDetail> {
  return unwrap(
    client.POST('/api/workspaces/{slug}/trees/{tree_id}/objectives/', { params: { path: { slug, tree_id: treeId } }, body }),
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
    mutationFn: (body: { title?: string }) => createObjectivesTree(slug, treeId, body),
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
    mutationFn: (body: CauseVoteInput) =>
      unwrap(
        client.POST('/api/workspaces/{slug}/trees/{tree_id}/cause-vote/', {
          params: { path: { slug, tree_id: treeId } },
          body,
        }),
      ),
    onSuccess: (updated) => queryClient.setQueryData(treeKeys.detail(slug, treeId), updated),
  });
}
