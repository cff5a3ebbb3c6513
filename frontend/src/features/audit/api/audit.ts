import { api, toPage, unwrap, type ApiData, type ListItem, type Page } from '../../../lib/api';

export type AuditEvent = ListItem<ApiData<'/api/workspaces/{slug}/audit-events/', 'get'>>;
export type AuditPage = Page<AuditEvent>;

export const auditKeys = {
  list: (slug: string, page: number) => ['audit', slug, { page }] as const,
};

export async function fetchAuditEvents(slug: string, page: number, signal?: AbortSignal): Promise<AuditPage> {
  const data = await unwrap(
    api.GET('/api/workspaces/{slug}/audit-events/', { params: { path: { slug }, query: { page } }, signal }),
  );
  return toPage<AuditEvent>(data);
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields an event changed, from its before/after snapshots. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}
