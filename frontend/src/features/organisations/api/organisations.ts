import { api, toPage, unwrap, type ApiBody, type ApiData, type ListItem, type Page } from '../../../lib/api';

export type Organisation = ListItem<ApiData<'/api/workspaces/{slug}/organisations/', 'get'>>;
export type OrganisationPage = Page<Organisation>;
export type OrganisationKind = NonNullable<Organisation['kind']>;
export type OrganisationInput = ApiBody<'/api/workspaces/{slug}/organisations/', 'post'>;

export const ORGANISATION_KINDS: readonly OrganisationKind[] = [
  'ngo',
  'ingo',
  'government',
  'university',
  'un_agency',
  'donor',
  'other',
];

export const organisationKeys = {
  all: (slug: string) => ['organisations', slug] as const,
  list: (slug: string, search: string, page: number) => ['organisations', slug, 'list', { search, page }] as const,
};

export async function fetchOrganisations(slug: string, search: string, page: number, signal?: AbortSignal): Promise<OrganisationPage> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/organisations/', {
      params: { path: { slug }, query: { page, ...(search ? { search } : {}) } },
      signal,
    }),
  );
  return toPage<Organisation>(data);
}

export function createOrganisation(slug: string, body: OrganisationInput): Promise<Organisation> {
  return unwrap(api.POST('/api/workspaces/{slug}/organisations/', { params: { path: { slug } }, body }));
}

export function updateOrganisation(slug: string, id: number, body: OrganisationInput): Promise<Organisation> {
  return unwrap(api.PATCH('/api/workspaces/{slug}/organisations/{organisation_id}/', { params: { path: { slug, organisation_id: id } }, body }));
}

export async function deleteOrganisation(slug: string, id: number): Promise<void> {
  await unwrap(api.DELETE('/api/workspaces/{slug}/organisations/{organisation_id}/', { params: { path: { slug, organisation_id: id } } }));
}
