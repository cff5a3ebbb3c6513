import { api, toPage, unwrap, type ApiBody, type ApiData, type ListItem, type Page } from '../../../lib/api';

export type Group = ListItem<ApiData<'/api/workspaces/{slug}/groups/', 'get'>>;
export type GroupPage = Page<Group>;
export type GroupDetail = ApiData<'/api/workspaces/{slug}/groups/{group_id}/', 'get'>;
export type GroupCreate = ApiBody<'/api/workspaces/{slug}/groups/', 'post'>;
export type GroupUpdate = ApiBody<'/api/workspaces/{slug}/groups/{group_id}/', 'patch'>;
export type GroupMember = ListItem<ApiData<'/api/workspaces/{slug}/groups/{group_id}/members/', 'get'>>;
export type GroupMemberPage = Page<GroupMember>;
export type GroupMemberAdd = ApiBody<'/api/workspaces/{slug}/groups/{group_id}/members/', 'post'>;
export type MemberCandidate = ListItem<ApiData<'/api/workspaces/{slug}/groups/{group_id}/member-candidates/', 'get'>>;
export type GroupRole = GroupMember['role'];
export type Visibility = Group['visibility'];

export const GROUP_ROLES: readonly GroupRole[] = ['lead', 'member'];
export const VISIBILITIES: readonly Visibility[] = ['workspace', 'private'];

export const groupKeys = {
  all: (slug: string) => ['groups', slug] as const,
  list: (slug: string, page: number) => ['groups', slug, { page }] as const,
  detail: (slug: string, groupId: number) => ['groups', slug, 'detail', groupId] as const,
  members: (slug: string, groupId: number, page: number) => ['groups', slug, 'detail', groupId, 'members', { page }] as const,
  candidates: (slug: string, groupId: number, search: string) =>
    ['groups', slug, 'detail', groupId, 'candidates', { search }] as const,
};

export async function fetchGroups(slug: string, page: number, signal?: AbortSignal): Promise<GroupPage> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/groups/', { params: { path: { slug }, query: { page } }, signal }),
  );
  return toPage<Group>(data);
}

export function fetchGroup(slug: string, groupId: number, signal?: AbortSignal): Promise<GroupDetail> {
  return unwrap(api.GET('/api/workspaces/{slug}/groups/{group_id}/', { params: { path: { slug, group_id: groupId } }, signal }));
}

export function createGroup(slug: string, body: GroupCreate): Promise<GroupDetail> {
  return unwrap(api.POST('/api/workspaces/{slug}/groups/', { params: { path: { slug } }, body }));
}

export function updateGroup(slug: string, groupId: number, body: GroupUpdate): Promise<GroupDetail> {
  return unwrap(api.PATCH('/api/workspaces/{slug}/groups/{group_id}/', { params: { path: { slug, group_id: groupId } }, body }));
}

export async function fetchGroupMembers(
  slug: string,
  groupId: number,
  page: number,
  signal?: AbortSignal,
): Promise<GroupMemberPage> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/groups/{group_id}/members/', {
      params: { path: { slug, group_id: groupId }, query: { page } },
      signal,
    }),
  );
  return toPage<GroupMember>(data);
}

/** The first page of people who could join (a search narrows it; the picker never needs more). */
export async function fetchMemberCandidates(
  slug: string,
  groupId: number,
  search: string,
  signal?: AbortSignal,
): Promise<MemberCandidate[]> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/groups/{group_id}/member-candidates/', {
      params: { path: { slug, group_id: groupId }, query: search ? { search } : {} },
      signal,
    }),
  );
  return toPage<MemberCandidate>(data).results;
}

export function addGroupMember(slug: string, groupId: number, body: GroupMemberAdd): Promise<GroupMember> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/groups/{group_id}/members/', { params: { path: { slug, group_id: groupId } }, body }),
  );
}

export function updateGroupMember(slug: string, groupId: number, id: number, role: GroupRole): Promise<GroupMember> {
  return unwrap(
    api.PATCH('/api/workspaces/{slug}/groups/{group_id}/members/{group_membership_id}/', {
      params: { path: { slug, group_id: groupId, group_membership_id: id } },
      body: { role },
    }),
  );
}

export async function removeGroupMember(slug: string, groupId: number, id: number): Promise<void> {
  await unwrap(
    api.DELETE('/api/workspaces/{slug}/groups/{group_id}/members/{group_membership_id}/', {
      params: { path: { slug, group_id: groupId, group_membership_id: id } },
    }),
  );
}
