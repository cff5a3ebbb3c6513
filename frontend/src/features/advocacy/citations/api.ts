/**
 * Citations of policy-bank documents on problem-tree nodes and agenda sections (advocacy's API), and the
 * policy bank's search as the inline picker uses it (read over HTTP: features do not import each other).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type ApiBody, type ApiData } from '../../../lib/api';
import { invalidateTopic } from '../../../lib/queryClient';

export type CitationList = ApiData<'/api/workspaces/{slug}/trees/{tree_id}/citations/', 'get'>;
export type Citation = CitationList['citations'][number];
export type CitationCreate = ApiBody<'/api/workspaces/{slug}/trees/{tree_id}/nodes/{key}/citations/', 'post'>;

/** Where citations hang: a node of a tree, or a section of an agenda. */
export type CitationPlace =
  | { kind: 'tree'; treeId: number; nodeKey: string }
  | { kind: 'agenda'; agendaId: number; section: string };

export const citationKeys = {
  tree: (slug: string, treeId: number) => ['advocacy', slug, 'trees', treeId, 'citations'] as const,
  agenda: (slug: string, agendaId: number) => ['advocacy', slug, 'agendas', agendaId, 'citations'] as const,
  search: (slug: string, q: string) => ['advocacy', slug, 'cite-search', q] as const,
};

function placeKey(slug: string, place: CitationPlace) {
  return place.kind === 'tree' ? citationKeys.tree(slug, place.treeId) : citationKeys.agenda(slug, place.agendaId);
}

/** Every citation of the tree or agenda in one request; each node or section shows its own. */
export function fetchAllCitations(
  slug: string,
  place: Pick<CitationPlace, 'kind'> & { id: number },
  signal?: AbortSignal,
): Promise<CitationList> {
  return place.kind === 'tree'
    ? unwrap(
        api.GET('/api/workspaces/{slug}/trees/{tree_id}/citations/', {
          params: { path: { slug, tree_id: place.id } },
          signal,
        }),
      )
    : unwrap(
        api.GET('/api/workspaces/{slug}/agendas/{agenda_id}/citations/', {
          params: { path: { slug, agenda_id: place.id } },
          signal,
        }),
      );
}

export function createCitation(slug: string, place: CitationPlace, body: CitationCreate): Promise<CitationList> {
  return place.kind === 'tree'
    ? unwrap(
        api.POST('/api/workspaces/{slug}/trees/{tree_id}/nodes/{key}/citations/', {
          params: { path: { slug, tree_id: place.treeId, key: place.nodeKey } },
          body,
        }),
      )
    : unwrap(
        api.POST('/api/workspaces/{slug}/agendas/{agenda_id}/sections/{section}/citations/', {
          params: { path: { slug, agenda_id: place.agendaId, section: place.section } },
          body,
        }),
      );
}

export async function deleteCitation(slug: string, citationId: number): Promise<void> {
  await unwrap(
    api.DELETE('/api/workspaces/{slug}/citations/{citation_id}/', {
      params: { path: { slug, citation_id: citationId } },
    }),
  );
}

export function useAllCitations(slug: string, kind: CitationPlace['kind'], id: number) {
  return useQuery({
    queryKey: kind === 'tree' ? citationKeys.tree(slug, id) : citationKeys.agenda(slug, id),
    queryFn: ({ signal }) => fetchAllCitations(slug, { kind, id }, signal),
    meta: { topics: ['groups'] },
  });
}

export function useCreateCitation(slug: string, place: CitationPlace) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CitationCreate) => createCitation(slug, place, body),
    // The cited document's "cited by" (the policy bank's, which this feature does not know) changed too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: placeKey(slug, place) }),
        invalidateTopic(queryClient, 'citations'),
      ]),
  });
}

export function useDeleteCitation(slug: string, place: CitationPlace) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (citationId: number) => deleteCitation(slug, citationId),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: placeKey(slug, place) }),
        invalidateTopic(queryClient, 'citations'),
      ]),
  });
}

// ------------------------------------------------------------------ the inline search

export interface FoundDocument {
  id: number;
  title: string;
  kind: string;
  year: number | null;
  publisher: string;
}

export async function searchPolicyBank(slug: string, q: string, signal?: AbortSignal): Promise<FoundDocument[]> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/policy/search/', {
      params: { path: { slug }, query: { q, facets: false } },
      signal,
    }),
  );
  return data.results.map((hit) => ({
    id: hit.id,
    title: hit.title,
    kind: hit.kind,
    year: hit.year,
    publisher: hit.publisher,
  }));
}

export function usePolicySearch(slug: string, q: string) {
  return useQuery({
    queryKey: citationKeys.search(slug, q),
    queryFn: ({ signal }) => searchPolicyBank(slug, q, signal),
    enabled: q.trim() !== '',
  });
}
