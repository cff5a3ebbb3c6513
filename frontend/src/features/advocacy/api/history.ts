import { api, unwrap, type ApiData, type ListItem, type Page } from '../../../lib/api';

/**
 * One person's run of edits to one thing (the server merges consecutive edits into one entry).
 * `target.label` is in the reader's language; a removed row or node keeps the text it last had.
 */
export type HistoryEntry = ListItem<ApiData<'/api/workspaces/{slug}/trees/{tree_id}/history/', 'get'>>;
export type HistoryAction = HistoryEntry['action'];

export type HistoryKind = 'tree' | 'agenda';

export const historyKeys = {
  page: (slug: string, kind: HistoryKind, id: number, page: number) => ['advocacy', slug, kind, id, 'history', { page }] as const,
};

export function fetchHistory(
  slug: string,
  kind: HistoryKind,
  id: number,
  page: number,
  signal?: AbortSignal,
): Promise<Page<HistoryEntry>> {
  return kind === 'tree'
    ? unwrap(api.GET('/api/workspaces/{slug}/trees/{tree_id}/history/', { params: { path: { slug, tree_id: id }, query: { page } }, signal }))
    : unwrap(
        api.GET('/api/workspaces/{slug}/agendas/{agenda_id}/history/', {
          params: { path: { slug, agenda_id: id }, query: { page } },
          signal,
        }),
      );
}
