import { unwrap, type Page } from '../../../lib/api';
import { localClient, type GetOp, type PersonRef } from './localSchema';

export type HistoryAction = 'added' | 'edited' | 'removed';

/** One person's run of edits to one thing (the server merges consecutive edits into one entry). */
export interface HistoryEntry {
  id: number;
  author: PersonRef | null;
  action: HistoryAction;
  path: string;
  target: {
    type: 'node' | 'section' | 'row';
    section: string;
    key: string | null;
    /** In the reader's language; a removed row or node keeps the text it last had. */
    label: string | null;
    removed?: boolean;
  };
  first_at: string;
  last_at: string;
  edits: number;
}

export type HistoryKind = 'tree' | 'agenda';

interface Paths {
  '/api/workspaces/{slug}/trees/{tree_id}/history/': {
    get: GetOp<{ slug: string; tree_id: number }, Page<HistoryEntry>, { page?: number }>;
  };
  '/api/workspaces/{slug}/agendas/{agenda_id}/history/': {
    get: GetOp<{ slug: string; agenda_id: number }, Page<HistoryEntry>, { page?: number }>;
  };
}

const client = localClient<Paths>();

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
    ? unwrap(client.GET('/api/workspaces/{slug}/trees/{tree_id}/history/', { params: { path: { slug, tree_id: id }, query: { page } }, signal }))
    : unwrap(
        client.GET('/api/workspaces/{slug}/agendas/{agenda_id}/history/', {
          params: { path: { slug, agenda_id: id }, query: { page } },
          signal,
        }),
      );
}
