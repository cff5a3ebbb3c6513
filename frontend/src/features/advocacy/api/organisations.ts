import { api, toPage, unwrap, type ApiData, type ListItem } from '../../../lib/api';

export type OrganisationOption = Pick<ListItem<ApiData<'/api/workspaces/{slug}/organisations/', 'get'>>, 'id' | 'name' | 'acronym'>;

/** Networks have a few hundred organisations at most: every page, for the action plan's owner picker. */
export async function fetchAllOrganisations(slug: string, signal?: AbortSignal): Promise<OrganisationOption[]> {
  const all: OrganisationOption[] = [];
  for (let page = 1; page <= 20; page += 1) {
    const data = toPage(
      await unwrap(api.GET('/api/workspaces/{slug}/organisations/', { params: { path: { slug }, query: { page } }, signal })),
    );
    all.push(...data.results.map(({ id, name, acronym }) => ({ id, name, acronym })));
    if (!data.next) break;
  }
  return all;
}

export const organisationOptionKeys = {
  all: (slug: string) => ['advocacy', slug, 'organisations'] as const,
};

export function organisationName(organisation: { name: string; acronym?: string | null }): string {
  return organisation.acronym ? `${organisation.name} (${organisation.acronym})` : organisation.name;
}
