import { toPage, unwrap, type Page } from '../../../lib/api';
import { localClient, type GetOp, type PersonRef, type WriteOp } from './localSchema';

export const AGENDA_STATUSES = ['draft', 'submitted', 'changes_requested', 'approved', 'published', 'archived'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

export interface NamedRef {
  id: number;
  name: string;
}

/** An action row as the REST detail answers it (the live document holds the organisation's id). */
export interface AgendaActionSummary {
  key: string;
  organisation: NamedRef | null;
}

/** GET agendas/<id>/: the metadata; the content itself is read from the live document. */
export interface AgendaDetail {
  id: number;
  title: string;
  status: AgendaStatus;
  version: number;
  group: NamedRef;
  created_by: PersonRef | null;
  created_at: string;
  last_edited_at: string | null;
  last_editors: PersonRef[];
  can_edit: boolean;
  actions?: AgendaActionSummary[];
}

export interface AgendaSummary {
  id: number;
  title: string;
  status: AgendaStatus;
  version: number;
  ready_sections: { count: number; total: number };
  last_edited_at: string | null;
  last_editors: PersonRef[];
  can_edit: boolean;
}

export interface AgendaCreate {
  title: string;
  source_tree_id?: number | null;
}

interface Paths {
  '/api/workspaces/{slug}/agendas/{agenda_id}/': {
    get: GetOp<{ slug: string; agenda_id: number }, AgendaDetail>;
  };
  '/api/workspaces/{slug}/groups/{group_id}/agendas/': {
    get: GetOp<{ slug: string; group_id: number }, Page<AgendaSummary> | AgendaSummary[], { page?: number }>;
    post: WriteOp<{ slug: string; group_id: number }, AgendaCreate, AgendaDetail, 201>;
  };
}

const client = localClient<Paths>();

export const agendaKeys = {
  detail: (slug: string, agendaId: number) => ['advocacy', slug, 'agendas', agendaId] as const,
  forGroup: (slug: string, groupId: number) => ['advocacy', slug, 'groups', groupId, 'agendas'] as const,
};

export function fetchAgenda(slug: string, agendaId: number, signal?: AbortSignal): Promise<AgendaDetail> {
  return unwrap(
    client.GET('/api/workspaces/{slug}/agendas/{agenda_id}/', { params: { path: { slug, agenda_id: agendaId } }, signal }),
  );
}

export async function fetchGroupAgendas(slug: string, groupId: number, signal?: AbortSignal): Promise<Page<AgendaSummary>> {
  const data = await unwrap(
    client.GET('/api/workspaces/{slug}/groups/{group_id}/agendas/', {
      params: { path: { slug, group_id: groupId } },
      signal,
    }),
  );
  return toPage<AgendaSummary>(data);
}

export function createAgenda(slug: string, groupId: number, body: AgendaCreate): Promise<AgendaDetail> {
  return unwrap(
    client.POST('/api/workspaces/{slug}/groups/{group_id}/agendas/', { params: { path: { slug, group_id: groupId } }, body }),
  );
}
