import { useQuery } from '@tanstack/react-query';
import { api, toPage, unwrap, type ApiData, type ListItem } from './api';

/**
 * The workspace's working groups and organisations as pickers and filters offer them. Several features
 * need the same lists (the agenda's action owners, the network action list, the review dashboard), so
 * they share one fetch and one cache entry per workspace.
 */
export interface GroupOption {
  id: number;
  name: string;
}

export type OrganisationOption = Pick<ListItem<ApiData<'/api/workspaces/{slug}/organisations/', 'get'>>, 'id' | 'name' | 'acronym'>;

// Networks have tens of groups and a few hundred organisations at most, so every page is read
// (capped, in case a list is ever much longer).
const MAX_OPTION_PAGES = 20;

export async function fetchAllGroups(slug: string, signal?: AbortSignal): Promise<GroupOption[]> {
  const all: GroupOption[] = [];
  for (let page = 1; page <= MAX_OPTION_PAGES; page += 1) {
    const data = toPage(
      await unwrap(api.GET('/api/workspaces/{slug}/groups/', { params: { path: { slug }, query: { page } }, signal })),
    );
    all.push(...data.results.map(({ id, name }) => ({ id, name })));
    if (!data.next) break;
  }
  return all;
}

export async function fetchAllOrganisations(slug: string, signal?: AbortSignal): Promise<OrganisationOption[]> {
  const all: OrganisationOption[] = [];
  for (let page = 1; page <= MAX_OPTION_PAGES; page += 1) {
    const data = toPage(
      await unwrap(api.GET('/api/workspaces/{slug}/organisations/', { params: { path: { slug }, query: { page } }, signal })),
    );
    all.push(...data.results.map(({ id, name, acronym }) => ({ id, name, acronym })));
    if (!data.next) break;
  }
  return all;
}

export function organisationName(organisation: { name: string; acronym?: string | null }): string {
  return organisation.acronym ? `${organisation.name} (${organisation.acronym})` : organisation.name;
}

export const workspaceOptionKeys = {
  groups: (slug: string) => ['workspace-options', slug, 'groups'] as const,
  organisations: (slug: string) => ['workspace-options', slug, 'organisations'] as const,
};

// The lists change rarely; live events on the topics refresh them when they do.
const OPTIONS_STALE_MS = 5 * 60_000;

export function useGroupOptions(slug: string) {
  return useQuery({
    queryKey: workspaceOptionKeys.groups(slug),
    queryFn: ({ signal }) => fetchAllGroups(slug, signal),
    staleTime: OPTIONS_STALE_MS,
    meta: { topics: ['groups'] },
  });
}

export function useOrganisationOptions(slug: string) {
  return useQuery({
    queryKey: workspaceOptionKeys.organisations(slug),
    queryFn: ({ signal }) => fetchAllOrganisations(slug, signal),
    staleTime: OPTIONS_STALE_MS,
    meta: { topics: ['organisations'] },
  });
}
