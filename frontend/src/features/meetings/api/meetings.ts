/** Meetings, agendas and attendance. Types come from the generated schema, by path. */
import { api, toPage, unwrap, type ApiBody, type ApiData, type ListItem, type Page } from '../../../lib/api';

export type MeetingSummary = ListItem<ApiData<'/api/workspaces/{slug}/meetings/', 'get'>>;
export type MeetingDetail = ApiData<'/api/workspaces/{slug}/meetings/{meeting_id}/', 'get'>;
export type MeetingCreate = ApiBody<'/api/workspaces/{slug}/meetings/', 'post'>;
export type MeetingUpdate = ApiBody<'/api/workspaces/{slug}/meetings/{meeting_id}/', 'patch'>;
export type MeetingStatus = MeetingSummary['status'];
export type AgendaItem = MeetingDetail['items'][number];
export type ItemKind = AgendaItem['kind'];
export type ItemInput = ApiBody<'/api/workspaces/{slug}/meetings/{meeting_id}/items/', 'post'>;
export type ItemUpdate = ApiBody<'/api/workspaces/{slug}/meetings/{meeting_id}/items/{item_id}/', 'patch'>;
export type PersonRef = MeetingSummary['facilitators'][number];
export type MeetingTemplate = ApiData<'/api/workspaces/{slug}/meeting-templates/', 'get'>[number];
export type Attendance = ApiData<'/api/workspaces/{slug}/meetings/{meeting_id}/attendance/', 'get'>;
export type Participant = Attendance['participants'][number];

export const ITEM_KINDS: readonly ItemKind[] = [
  'welcome',
  'plenary',
  'group_work',
  'presentations',
  'feedback',
  'discussion',
  'break',
  'closing',
];

/** Groups a meeting can invite (the first page of the workspace's groups is plenty for a picker). */
export interface GroupOption {
  id: number;
  name: string;
}

// ---------------------------------------------------------------- keys

export const meetingKeys = {
  all: (slug: string) => ['meetings', slug] as const,
  list: (slug: string, filters: MeetingFilters) => ['meetings', slug, 'list', filters] as const,
  detail: (slug: string, id: number) => ['meetings', slug, 'detail', id] as const,
  attendance: (slug: string, id: number) => ['meetings', slug, 'detail', id, 'attendance'] as const,
  templates: (slug: string) => ['meetings', slug, 'templates'] as const,
  groupOptions: (slug: string) => ['meetings', slug, 'group-options'] as const,
};

export interface MeetingFilters {
  upcoming?: boolean;
  group?: number;
  page?: number;
}

// ---------------------------------------------------------------- calls

type MeetingPath = { slug: string; meeting_id: number };

export async function fetchMeetings(slug: string, filters: MeetingFilters, signal?: AbortSignal): Promise<Page<MeetingSummary>> {
  const query: { upcoming?: boolean; group?: number; page?: number } = {};
  if (filters.upcoming !== undefined) query.upcoming = filters.upcoming;
  if (filters.group !== undefined) query.group = filters.group;
  if (filters.page !== undefined && filters.page > 1) query.page = filters.page;
  const data = await unwrap(api.GET('/api/workspaces/{slug}/meetings/', { params: { path: { slug }, query }, signal }));
  return toPage<MeetingSummary>(data);
}

export function fetchMeeting(slug: string, id: number, signal?: AbortSignal): Promise<MeetingDetail> {
  return unwrap(api.GET('/api/workspaces/{slug}/meetings/{meeting_id}/', { params: { path: { slug, meeting_id: id } }, signal }));
}

export function createMeeting(slug: string, body: MeetingCreate): Promise<MeetingDetail> {
  return unwrap(api.POST('/api/workspaces/{slug}/meetings/', { params: { path: { slug } }, body }));
}

export function updateMeeting(slug: string, id: number, body: MeetingUpdate): Promise<MeetingDetail> {
  return unwrap(api.PATCH('/api/workspaces/{slug}/meetings/{meeting_id}/', { params: { path: { slug, meeting_id: id } }, body }));
}

export async function deleteMeeting(slug: string, id: number): Promise<void> {
  await unwrap(api.DELETE('/api/workspaces/{slug}/meetings/{meeting_id}/', { params: { path: { slug, meeting_id: id } } }));
}

export function addItem(slug: string, id: number, body: ItemInput): Promise<MeetingDetail> {
  const path: MeetingPath = { slug, meeting_id: id };
  return unwrap(api.POST('/api/workspaces/{slug}/meetings/{meeting_id}/items/', { params: { path }, body }));
}

export function updateItem(slug: string, id: number, itemId: number, body: ItemUpdate): Promise<MeetingDetail> {
  return unwrap(
    api.PATCH('/api/workspaces/{slug}/meetings/{meeting_id}/items/{item_id}/', {
      params: { path: { slug, meeting_id: id, item_id: itemId } },
      body,
    }),
  );
}

export async function deleteItem(slug: string, id: number, itemId: number): Promise<void> {
  await unwrap(
    api.DELETE('/api/workspaces/{slug}/meetings/{meeting_id}/items/{item_id}/', {
      params: { path: { slug, meeting_id: id, item_id: itemId } },
    }),
  );
}

export function reorderItems(slug: string, id: number, itemIds: number[]): Promise<MeetingDetail> {
  const path: MeetingPath = { slug, meeting_id: id };
  return unwrap(
    api.POST('/api/workspaces/{slug}/meetings/{meeting_id}/items/reorder/', { params: { path }, body: { item_ids: itemIds } }),
  );
}

export async function fetchTemplates(slug: string, signal?: AbortSignal): Promise<MeetingTemplate[]> {
  const data = await unwrap(api.GET('/api/workspaces/{slug}/meeting-templates/', { params: { path: { slug } }, signal }));
  return toPage<MeetingTemplate>(data).results;
}

export function saveAsTemplate(slug: string, id: number, name: string): Promise<MeetingTemplate> {
  const path: MeetingPath = { slug, meeting_id: id };
  return unwrap(api.POST('/api/workspaces/{slug}/meetings/{meeting_id}/save-as-template/', { params: { path }, body: { name } }));
}

export function fetchAttendance(slug: string, id: number, signal?: AbortSignal): Promise<Attendance> {
  const path: MeetingPath = { slug, meeting_id: id };
  return unwrap(api.GET('/api/workspaces/{slug}/meetings/{meeting_id}/attendance/', { params: { path }, signal }));
}

export async function checkIn(slug: string, id: number, userId: number): Promise<void> {
  const path: MeetingPath = { slug, meeting_id: id };
  await unwrap(api.POST('/api/workspaces/{slug}/meetings/{meeting_id}/attendance/', { params: { path }, body: { user_id: userId } }));
}

export async function undoCheckIn(slug: string, id: number, userId: number): Promise<void> {
  await unwrap(
    api.DELETE('/api/workspaces/{slug}/meetings/{meeting_id}/attendance/{user_id}/', {
      params: { path: { slug, meeting_id: id, user_id: userId } },
    }),
  );
}

export async function fetchGroupOptions(slug: string, signal?: AbortSignal): Promise<GroupOption[]> {
  const data = await unwrap(api.GET('/api/workspaces/{slug}/groups/', { params: { path: { slug } }, signal }));
  return toPage(data).results.map((group) => ({ id: group.id, name: group.name }));
}

/** Starts the meeting: the live run state's `start` command (the live page takes it from there). */
export async function startMeeting(slug: string, id: number): Promise<void> {
  const path: MeetingPath = { slug, meeting_id: id };
  await unwrap(api.POST('/api/workspaces/{slug}/meetings/{meeting_id}/live/commands/', { params: { path }, body: { action: 'start' } }));
}

/** The live meeting page (its own feature; linked by URL). */
export function liveMeetingPath(slug: string, id: number): string {
  return `/w/${encodeURIComponent(slug)}/meetings/${id}/live`;
}

/** Plain download links (the browser saves the file with the session cookie). */
export function attendanceCsvUrl(slug: string, id: number): string {
  return `/api/workspaces/${encodeURIComponent(slug)}/meetings/${id}/attendance.csv`;
}

export function calendarUrl(slug: string, id: number): string {
  return `/api/workspaces/${encodeURIComponent(slug)}/meetings/${id}/calendar.ics`;
}
