import { api, toPage, unwrap, type ApiBody, type ApiData, type ApiPaths, type ListItem, type Page } from '../../../lib/api';

/** One followed action of an approved agenda's plan, as the lists show it. */
export type Action = ListItem<ApiData<'/api/workspaces/{slug}/my-actions/', 'get'>>;
/** GET actions/<id>/: the action with its progress notes and whether this person may update it. */
export type ActionDetail = ApiData<'/api/workspaces/{slug}/actions/{action_id}/', 'get'>;
export type ProgressNote = ActionDetail['notes'][number];
export type ActionStatus = Action['status'];
export type ProgressNoteInput = ApiBody<'/api/workspaces/{slug}/actions/{action_id}/notes/', 'post'>;

export const ACTION_STATUSES: readonly ActionStatus[] = ['planned', 'in_progress', 'done', 'blocked', 'cancelled'];

export function isActionStatus(value: string): value is ActionStatus {
  return (ACTION_STATUSES as readonly string[]).includes(value);
}

/** The network list's filters as the page keeps them in its URL (strings; empty means "any"). */
export interface ActionFilters {
  group: string;
  organisation: string;
  status: string;
  due_from: string;
  due_to: string;
  overdue: boolean;
}

type ActionQuery = NonNullable<ApiPaths['/api/workspaces/{slug}/actions/']['get']['parameters']['query']>;

function positiveInteger(value: string): number | undefined {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

/** The API's query for the filters: only what is set, so the list and the export ask the same thing. */
export function actionQuery(filters: ActionFilters): ActionQuery {
  const query: ActionQuery = {};
  const group = positiveInteger(filters.group);
  const organisation = positiveInteger(filters.organisation);
  if (group) query.group = group;
  if (organisation) query.organisation = organisation;
  if (isActionStatus(filters.status)) query.status = filters.status;
  // Dates go to the server as typed: a malformed one comes back as a 400 the page shows.
  if (filters.due_from) query.due_from = filters.due_from;
  if (filters.due_to) query.due_to = filters.due_to;
  if (filters.overdue) query.overdue = true;
  return query;
}

/** Where the CSV of the filtered list downloads from (a plain link: the session cookie authenticates it). */
export function actionExportUrl(slug: string, filters: ActionFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(actionQuery(filters))) params.set(key, String(value));
  const search = params.toString();
  return `/api/workspaces/${encodeURIComponent(slug)}/actions/export/${search ? `?${search}` : ''}`;
}

export const actionKeys = {
  all: (slug: string) => ['actions', slug] as const,
  mine: (slug: string, page: number) => ['actions', slug, 'mine', { page }] as const,
  list: (slug: string, filters: ActionFilters, page: number) => ['actions', slug, 'list', { ...filters, page }] as const,
  detail: (slug: string, actionId: number) => ['actions', slug, 'detail', actionId] as const,
};

export async function fetchMyActions(slug: string, page: number, signal?: AbortSignal): Promise<Page<Action>> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/my-actions/', { params: { path: { slug }, query: { page } }, signal }),
  );
  return toPage<Action>(data);
}

export async function fetchActions(
  slug: string,
  filters: ActionFilters,
  page: number,
  signal?: AbortSignal,
): Promise<Page<Action>> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/actions/', {
      params: { path: { slug }, query: { ...actionQuery(filters), page } },
      signal,
    }),
  );
  return toPage<Action>(data);
}

export function fetchAction(slug: string, actionId: number, signal?: AbortSignal): Promise<ActionDetail> {
  return unwrap(
    api.GET('/api/workspaces/{slug}/actions/{action_id}/', { params: { path: { slug, action_id: actionId } }, signal }),
  );
}

export function updateActionStatus(slug: string, actionId: number, status: ActionStatus): Promise<ActionDetail> {
  return unwrap(
    api.PATCH('/api/workspaces/{slug}/actions/{action_id}/', {
      params: { path: { slug, action_id: actionId } },
      body: { status },
    }),
  );
}

export function addProgressNote(slug: string, actionId: number, body: ProgressNoteInput): Promise<ProgressNote> {
  return unwrap(
    api.POST('/api/workspaces/{slug}/actions/{action_id}/notes/', {
      params: { path: { slug, action_id: actionId } },
      body,
    }),
  );
}
