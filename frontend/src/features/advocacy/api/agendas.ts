import { api, toPage, unwrap, type ApiBody, type ApiData, type ListItem, type Page } from '../../../lib/api';

/** GET agendas/<id>/: the metadata and the materialised rows; the content itself is edited through the live document. */
export type AgendaDetail = ApiData<'/api/workspaces/{slug}/agendas/{agenda_id}/', 'get'>;
export type AgendaSummary = ListItem<ApiData<'/api/workspaces/{slug}/groups/{group_id}/agendas/', 'get'>>;
export type AgendaCreate = ApiBody<'/api/workspaces/{slug}/groups/{group_id}/agendas/', 'post'>;
export type AgendaStatus = AgendaDetail['status'];

export const AGENDA_STATUSES: readonly AgendaStatus[] = ['draft', 'submitted', 'changes_requested', 'approved', 'published', 'archived'];

export const agendaKeys = {
  detail: (slug: string, agendaId: number) => ['advocacy', slug, 'agendas', agendaId] as const,
  forGroup: (slug: string, groupId: number) => ['advocacy', slug, 'groups', groupId, 'agendas'] as const,
};

export function fetchAgenda(slug: string, agendaId: number, signal?: AbortSignal): Promise<AgendaDetail> {
  return unwrap(
    api.GET('/api/workspaces/{slug}/agendas/{agenda_id}/', { params: { path: { slug, agenda_id: agendaId } }, signal }),
  );
}

export async function fetchGroupAgendas(slug: string, groupId: number, signal?: AbortSignal): Promise<Page<AgendaSummary>> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/groups/{group_id}/agendas/', {
      params: { path: { slug, group_id: groupId } },
      signal,
    }),
  );
  return toPage<AgendaSummary>(data);
}

export function createAgenda(slug: string, groupId: number, body: AgendaCreate): Promise<AgendaDetail> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/groups/{group_id}/agendas/', { params: { path: { slug, group_id: groupId } }, body }),
  );
}
