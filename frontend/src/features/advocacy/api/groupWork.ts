/** The problem trees of a working group, as its group page lists them (agendas: ./agendas.ts). */
import { toPage, unwrap, type Page } from '../../../lib/api';
import type { NamedRef } from './agendas';
import { localClient, type GetOp, type PersonRef, type WriteOp } from './localSchema';

export type TreeKind = 'problem' | 'objectives';

export interface TreeSummary {
  id: number;
  title: string;
  kind: TreeKind;
  status: string;
  /** Causes (means) and effects (ends) at any depth; the focal problem is not counted. */
  node_counts: { causes: number; effects: number };
  last_edited_at: string | null;
  last_editors: PersonRef[];
  can_edit: boolean;
}

/** The part of the created tree's detail the group page needs (to open it). */
export interface TreeHeader {
  id: number;
  title: string;
  kind: TreeKind;
  group: NamedRef;
}

export interface TreeCreate {
  title: string;
  focal_problem: string;
}

interface Paths {
  '/api/workspaces/{slug}/groups/{group_id}/trees/': {
    get: GetOp<{ slug: string; group_id: number }, Page<TreeSummary> | TreeSummary[], { page?: number }>;
    post: WriteOp<{ slug: string; group_id: number }, TreeCreate, TreeHeader, 201>;
  };
}

const client = localClient<Paths>();

export const treeListKeys = {
  forGroup: (slug: string, groupId: number) => ['advocacy', slug, 'groups', groupId, 'trees'] as const,
};

export async function fetchGroupTrees(slug: string, groupId: number, signal?: AbortSignal): Promise<Page<TreeSummary>> {
  const data = await unwrap(
    client.GET('/api/workspaces/{slug}/groups/{group_id}/trees/', { params: { path: { slug, group_id: groupId } }, signal }),
  );
  return toPage<TreeSummary>(data);
}

export function createTree(slug: string, groupId: number, body: TreeCreate): Promise<TreeHeader> {
  return unwrap(
    client.POST('/api/workspaces/{slug}/groups/{group_id}/trees/', { params: { path: { slug, group_id: groupId } }, body }),
  );
}
