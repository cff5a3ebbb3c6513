import { api, toPage, unwrap, type ApiBody, type ApiData, type ListItem, type Page } from '../../../lib/api';

export type Membership = ListItem<ApiData<'/api/workspaces/{slug}/members/', 'get'>>;
export type MembershipPage = Page<Membership>;
export type Role = NonNullable<Membership['role']>;
export type MembershipInvite = ApiBody<'/api/workspaces/{slug}/members/', 'post'>;
export type MembershipUpdate = ApiBody<'/api/workspaces/{slug}/members/{membership_id}/', 'patch'>;
type Organisation = ListItem<ApiData<'/api/workspaces/{slug}/organisations/', 'get'>>;
export type OrganisationOption = Pick<Organisation, 'id' | 'name' | 'acronym'>;

export const ROLES: readonly Role[] = ['admin', 'executive', 'facilitator', 'member', 'observer'];

export interface MemberFilters {
  search: string;
  role: Role | '';
  active: 'all' | 'active' | 'inactive';
  page: number;
}

export const peopleKeys = {
  all: (slug: string) => ['members', slug] as const,
  list: (slug: string, filters: MemberFilters) => ['members', slug, 'list', filters] as const,
  organisationOptions: (slug: string) => ['members', slug, 'organisation-options'] as const,
};

export async function fetchMembers(slug: string, filters: MemberFilters, signal?: AbortSignal): Promise<MembershipPage> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/members/', {
      params: {
        path: { slug },
        query: {
          page: filters.page,
          ...(filters.search ? { search: filters.search } : {}),
          ...(filters.role ? { role: filters.role } : {}),
          ...(filters.active !== 'all' ? { is_active: filters.active === 'active' } : {}),
        },
      },
      signal,
    }),
  );
  return toPage<Membership>(data);
}

export function inviteMember(slug: string, body: MembershipInvite): Promise<Membership> {
  return unwrap(api.POST('/api/workspaces/{slug}/members/', { params: { path: { slug } }, body }));
}

export function updateMember(slug: string, id: number, body: MembershipUpdate): Promise<Membership> {
  return unwrap(api.PATCH('/api/workspaces/{slug}/members/{membership_id}/', { params: { path: { slug, membership_id: id } }, body }));
}

/**
 * Every organisation of the workspace, for the "represents" select. A network
 * has a few hundred at most, so following the pages is cheaper than a search box.
 */
export async function fetchOrganisationOptions(slug: string, signal?: AbortSignal): Promise<OrganisationOption[]> {
  const options: OrganisationOption[] = [];
  for (let page = 1; page <= 50; page += 1) {
    const data = toPage<Organisation>(
      await unwrap(
        api.GET('/api/workspaces/{slug}/organisations/', { params: { path: { slug }, query: { page } }, signal }),
      ),
    );
    options.push(...data.results.map(({ id, name, acronym }) => ({ id, name, acronym })));
    if (!data.next) break;
  }
  return options.sort((a, b) => a.name.localeCompare(b.name));
}
